package dev.flyteinfra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableTaskSecrets;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.model.TaskSecrets;
import dev.flyteinfra.core.model.Topology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * The core topology in an existing VPC, with the AWS Load Balancer Controller, an ACM certificate
 * for the Ingress host, a Multi-AZ database and a public endpoint for one range.
 */
class FlyteEksOptionsTest {
  static FlyteEksSynth synth;

  @BeforeAll
  static void synthesize() {
    synth = FlyteEksSynth.of(FlyteEksProps.builder()
        .deployment(core())
        .existingVpc(EksOptions.ExistingVpc.builder().vpcId("vpc-0123456789abcdef0")
            .addAvailabilityZones("us-east-1a", "us-east-1b")
            .addNodeSubnetIds("subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2")
            .addDatabaseSubnetIds("subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2").build())
        .albController(true)
        .ingressCertificate(EksOptions.IngressCertificate.builder().hostedZoneId("Z0123456789ABCDEFGHIJ")
            .hostedZoneName("example.com").build())
        .databaseMultiAz(true)
        .addPublicEndpointCidrs("203.0.113.0/24")
        .build());
  }

  static FlyteDeployment core() {
    return ImmutableFlyteDeployment.copyOf(FlyteEksSynth.binary()).withName("core-aws").withTopology(Topology.CORE)
        .withIngress(IngressSettings.builder().className("alb").host("flyte.example.com").build())
        .withTaskSecrets(ImmutableTaskSecrets.builder().backend(TaskSecrets.Backend.AWS).namePrefix("flyte/").build());
  }

  @Test
  void tasksMayReadExactlyTheSecretsUnderThePrefix() {
    List<String> grantees = new java.util.ArrayList<>();
    synth.resources("AWS::IAM::Policy").forEach(policy ->
        policy.path("Properties").path("PolicyDocument").path("Statement").forEach(statement -> {
          if (statement.path("Resource").toString().contains(":secretsmanager:us-east-1:123456789012:secret:flyte/*")) {
            assertThat(statement.path("Action").toString())
                .isEqualTo("[\"secretsmanager:DescribeSecret\",\"secretsmanager:GetSecretValue\"]");
            grantees.add(policy.path("Properties").path("Roles").toString());
          }
        }));

    assertThat(grantees).singleElement().asString().contains("TaskRole");
    assertThat(synth.json.toString()).contains("secretManagerType: AWS");
  }

  @Test
  void cdkNagFindsNoUnsuppressedError() {
    assertThat(Annotations.fromStack(synth.stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
  }

  @Test
  void theExistingVpcIsUsedAndNoneIsCreated() {
    synth.template.resourceCountIs("AWS::EC2::VPC", 0);
    synth.template.resourceCountIs("AWS::EC2::NatGateway", 0);
    synth.template.hasResourceProperties("AWS::EKS::Cluster", Map.of("ResourcesVpcConfig", Match.objectLike(Map.of(
        "SubnetIds", List.of("subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2")))));
    synth.template.hasResourceProperties("AWS::RDS::DBSubnetGroup", Map.of(
        "SubnetIds", List.of("subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2")));
    synth.template.hasResourceProperties("AWS::RDS::DBInstance", Map.of("MultiAZ", true));
  }

  @Test
  void thePublicEndpointIsOpenOnlyToTheGivenRange() {
    synth.template.hasResourceProperties("AWS::EKS::Cluster", Map.of("ResourcesVpcConfig", Match.objectLike(Map.of(
        "EndpointPublicAccess", true, "EndpointPrivateAccess", true, "PublicAccessCidrs", List.of("203.0.113.0/24")))));
  }

  @Test
  void theLoadBalancerControllerIsInstalledWithItsOwnRole() {
    synth.template.hasResourceProperties("Custom::AWSCDK-EKS-HelmChart", Map.of(
        "Chart", "aws-load-balancer-controller",
        "Version", FlyteEks.ALB_CONTROLLER_VERSION.getHelmChartVersion(),
        "Namespace", "kube-system"));
  }

  @Test
  void theIngressUsesTheCertificateValidatedInTheHostedZone() {
    synth.template.hasResourceProperties("AWS::CertificateManager::Certificate", Map.of(
        "DomainName", "flyte.example.com",
        "ValidationMethod", "DNS",
        "DomainValidationOptions", List.of(Map.of("DomainName", "flyte.example.com", "HostedZoneId", "Z0123456789ABCDEFGHIJ"))));
    assertThat(synth.flyte.getDeployment().ingress().orElseThrow().annotations())
        .containsKey(FlyteEks.CERTIFICATE_ANNOTATION);
    String ingressManifest = synth.resources("Custom::AWSCDK-EKS-KubernetesResource").stream()
        .map(JsonNode::toString).filter(m -> m.contains("Ingress")).findFirst().orElseThrow();
    assertThat(ingressManifest).contains("alb.ingress.kubernetes.io/certificate-arn").contains("FlyteCertificate");
  }

  @Test
  void optionsAreCheckedWithTheirConfigPaths() {
    FlyteEksProps bad = FlyteEksProps.builder().deployment(FlyteEksSynth.binary())
        .nodeMinSize(0).databaseStorageGiB(5).addPublicEndpointCidrs("0.0.0.0/0", "office")
        .gpuNodes(EksOptions.GpuNodes.builder().minSize(3).maxSize(1).build())
        .existingVpc(EksOptions.ExistingVpc.builder().vpcId("my-vpc").addAvailabilityZones("us-east-1a")
            .addNodeSubnetIds("subnet-1", "subnet-2").build())
        .ingressCertificate(EksOptions.IngressCertificate.builder().hostedZoneId("Z1").build())
        .build();
    assertThat(FlyteEks.problemsOf(bad)).extracting(Problem::path).containsExactlyInAnyOrder(
        "aws.ingressCertificate", "aws.nodeMinSize", "aws.gpuNodes.maxSize", "aws.databaseStorageGiB",
        "aws.publicEndpointCidrs", "aws.publicEndpointCidrs", "aws.existingVpc.vpcId", "aws.existingVpc.availabilityZones",
        "aws.existingVpc.nodeSubnetIds", "aws.existingVpc.databaseSubnetIds", "aws.ingressCertificate");
  }


}
