package dev.flyteinfra.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.Topology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * The stack for the binary example with a GPU node group, checked with CDK's assertions on every
 * resource's security properties, with cdk-nag's AwsSolutions pack, and with cfn-lint.
 */
class FlyteEksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static FlyteEksSynth synth;
  static JsonNode template;

  @BeforeAll
  static void synthesize() {
    synth = FlyteEksSynth.of(FlyteEksProps.builder().deployment(FlyteEksSynth.binary())
        .gpuNodes(FlyteEksProps.GpuNodes.builder().build()).build());
    template = synth.json;
  }

  @Test
  void cdkNagFindsNoUnsuppressedError() {
    assertThat(Annotations.fromStack(synth.stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
  }

  @Test
  void bucketsAreEncryptedPrivateAndTlsOnly() {
    for (String name : List.of("my-organization-flyte-metadata", "my-organization-flyte-data")) {
      synth.template.hasResourceProperties("AWS::S3::Bucket", Map.of(
          "BucketName", name,
          "BucketEncryption", Map.of("ServerSideEncryptionConfiguration",
              List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
          "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
              "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
          "LoggingConfiguration", Match.objectLike(Map.of())));
    }
    var policies = synth.resources("AWS::S3::BucketPolicy");
    assertThat(policies).hasSize(3);
    for (JsonNode policy : policies) {
      JsonNode deny = policy.at("/Properties/PolicyDocument/Statement/0");
      assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
      assertThat(deny.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
    }
  }

  @Test
  void databaseIsPrivateEncryptedBackedUpAndProtected() {
    synth.template.hasResourceProperties("AWS::RDS::DBInstance", Map.of(
        "Engine", "postgres",
        "StorageEncrypted", true,
        "PubliclyAccessible", false,
        "BackupRetentionPeriod", 7,
        "DeletionProtection", true,
        "MultiAZ", false));
    JsonNode db = synth.resources("AWS::RDS::DBInstance").get(0);
    assertThat(db.at("/Properties/MasterUserPassword").toString()).contains("{{resolve:secretsmanager:");
    synth.template.hasResourceProperties("AWS::RDS::DBParameterGroup", Map.of("Parameters", Map.of("rds.force_ssl", "1")));
    synth.template.hasResourceProperties("AWS::RDS::DBSubnetGroup", Map.of("SubnetIds", Match.anyValue()));
    assertThat(db.at("/Properties/DBSubnetGroupName/Ref").asText()).isNotEmpty();
    assertThat(synth.resources("AWS::EC2::SecurityGroupIngress")).anySatisfy(rule -> {
      assertThat(rule.at("/Properties/FromPort").asInt()).isEqualTo(5432);
      assertThat(rule.at("/Properties/SourceSecurityGroupId").toString()).contains("ClusterSecurityGroupId");
    });
  }

  @Test
  void irsaRolesTrustExactlyTheirServiceAccountsAndReachOnlyTheBuckets() {
    assertThat(conditionValues(trustOf("BackendRole"), ":sub")).containsExactly("system:serviceaccount:flyte:flyte-aws");
    assertThat(conditionValues(trustOf("BackendRole"), ":aud")).containsExactly("sts.amazonaws.com");
    assertThat(conditionValues(trustOf("TaskRole"), ":sub")).containsExactly("system:serviceaccount:flytesnacks-development:default",
        "system:serviceaccount:flytesnacks-staging:default", "system:serviceaccount:flytesnacks-production:default");
    for (String role : List.of("BackendRole", "TaskRole")) {
      JsonNode statements = policyOf(role).at("/Properties/PolicyDocument/Statement");
      assertThat(statements).hasSize(1);
      assertThat(statements.get(0).path("Action")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(FlyteEks.BUCKET_ACTIONS);
      assertThat(statements.get(0).path("Resource")).hasSize(4)
          .allSatisfy(resource -> assertThat(resource.toString()).contains("FlyteBucketmyorganizationflyte"));
    }
  }

  @Test
  void clusterIsPrivateLoggedAndHasATaintedGpuNodeGroup() {
    synth.template.hasResourceProperties("AWS::EKS::Cluster", Map.of(
        "ResourcesVpcConfig", Match.objectLike(Map.of("EndpointPublicAccess", false, "EndpointPrivateAccess", true)),
        "Logging", Match.objectLike(Map.of())));
    synth.template.hasResourceProperties("AWS::EKS::Nodegroup", Map.of(
        "AmiType", "AL2023_x86_64_NVIDIA",
        "Taints", List.of(Map.of("Key", "nvidia.com/gpu", "Value", "present", "Effect", "NO_SCHEDULE"))));
    synth.template.hasResourceProperties("AWS::EKS::Nodegroup", Map.of("AmiType", "AL2023_x86_64_STANDARD"));
  }

  @Test
  void theClustersOidcProviderIsTheNativeResourceNotTheDeprecatedCustomResource() {
    synth.template.resourceCountIs("AWS::IAM::OIDCProvider", 1);
    synth.template.resourceCountIs("Custom::AWSCDKOpenIdConnectProvider", 0);
  }

  @Test
  void flyteIsAppliedWithTheDatabaseEndpointAndRolesAsReferences() {
    List<JsonNode> manifests = synth.resources("Custom::AWSCDK-EKS-KubernetesResource");
    assertThat(manifests).hasSizeGreaterThanOrEqualTo(3);
    String all = manifests.toString();
    assertThat(all).contains("Endpoint.Address").contains("FlyteBackendRole").contains("FlyteTaskRole")
        .contains("flyte-aws-database-password").doesNotContain("replaced.by.rds").doesNotContain("${Token[");
  }

  @Test
  void theDatabasePasswordIsGeneratedBySecretsManager() {
    assertThat(synth.resources("AWS::SecretsManager::Secret")).singleElement()
        .satisfies(secret -> assertThat(secret.at("/Properties/GenerateSecretString").isObject()).isTrue());
  }

  @Test
  void aDeploymentEksCannotHostFailsSynthesisWithEveryProblem() {
    FlyteDeployment sandbox = ImmutableFlyteDeployment.copyOf(FlyteEksSynth.binary()).withTopology(Topology.SANDBOX);
    App app = new App();
    Stack stack = new Stack(app, "Bad");
    new FlyteEks(stack, "Flyte", FlyteEksProps.builder().deployment(sandbox).backupRetentionDays(40).build());

    assertThatThrownBy(app::synth).hasMessageContaining("topology: the sandbox runs in one local cluster")
        .hasMessageContaining("database: the sandbox runs its own Postgres")
        .hasMessageContaining("storage: the sandbox runs its own MinIO")
        .hasMessageContaining("backupRetentionDays: RDS keeps 1 to 35 days");
  }



  /** The role's web-identity trust statement, with its condition map (a CfnJson resource) inlined. */
  private static JsonNode trustOf(String role) {
    var entries = template.path("Resources").fields();
    while (entries.hasNext()) {
      var entry = entries.next();
      if (entry.getKey().startsWith("Flyte" + role) && entry.getValue().path("Type").asText().equals("AWS::IAM::Role")) {
        JsonNode statement = entry.getValue().at("/Properties/AssumeRolePolicyDocument/Statement/0");
        assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
        assertThat(statement.at("/Principal/Federated/Ref").asText()).startsWith("FlyteClusterOidcProviderNative");
        String conditions = statement.at("/Condition/StringEquals/Fn::GetAtt/0").asText();
        return issuerResolved(template.path("Resources").path(conditions).at("/Properties/Value"));
      }
    }
    throw new AssertionError("no role " + role);
  }

  /**
   * The condition map, a Fn::Join whose only non-literal parts must be the cluster's OIDC issuer,
   * parsed with the issuer written as {@code ISSUER}.
   */
  private static JsonNode issuerResolved(JsonNode join) {
    StringBuilder json = new StringBuilder();
    for (JsonNode part : join.at("/Fn::Join/1")) {
      if (part.isTextual()) {
        json.append(part.asText());
      } else {
        assertThat(part.toString()).contains("FlyteClusterOidcProviderNative").contains(":oidc-provider/");
        json.append("ISSUER");
      }
    }
    try {
      return JSON.readTree(json.toString());
    } catch (java.io.IOException e) {
      throw new AssertionError(json.toString(), e);
    }
  }

  /** The values of the condition whose (token) key ends with the suffix, e.g. {@code :sub}. */
  private static List<String> conditionValues(JsonNode conditions, String suffix) {
    List<String> values = new java.util.ArrayList<>();
    conditions.fields().forEachRemaining(entry -> {
      if (entry.getKey().equals("ISSUER" + suffix)) {
        if (entry.getValue().isArray()) {
          entry.getValue().forEach(v -> values.add(v.asText()));
        } else {
          values.add(entry.getValue().asText());
        }
      }
    });
    return values;
  }

  private static JsonNode policyOf(String role) {
    var entries = template.path("Resources").fields();
    while (entries.hasNext()) {
      var entry = entries.next();
      if (entry.getKey().startsWith("Flyte" + role + "DefaultPolicy")) {
        return entry.getValue();
      }
    }
    throw new AssertionError("no policy of " + role);
  }
}
