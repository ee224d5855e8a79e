package dev.flyteinfra.aws;

import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.manifest.Manifest;
import dev.flyteinfra.core.manifest.ManifestWriter;
import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableIngressSettings;
import dev.flyteinfra.core.model.ImmutablePostgresDatabase;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.model.Notifications;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.TaskSecrets;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.model.WorkloadIdentity;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cdk.lambdalayer.kubectl.v32.KubectlV32Layer;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.eks_v2.AlbControllerOptions;
import software.amazon.awscdk.services.eks_v2.AlbControllerVersion;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.eks_v2.ClusterLoggingTypes;
import software.amazon.awscdk.services.eks_v2.DefaultCapacityType;
import software.amazon.awscdk.services.eks_v2.EndpointAccess;
import software.amazon.awscdk.services.eks_v2.KubectlProviderOptions;
import software.amazon.awscdk.services.eks_v2.KubernetesManifest;
import software.amazon.awscdk.services.eks_v2.KubernetesVersion;
import software.amazon.awscdk.services.eks_v2.NodegroupAmiType;
import software.amazon.awscdk.services.eks_v2.NodegroupOptions;
import software.amazon.awscdk.services.eks_v2.TaintEffect;
import software.amazon.awscdk.services.eks_v2.TaintSpec;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Flyte on EKS: a VPC, an EKS cluster with managed node groups (and optionally GPU nodes), an
 * encrypted private RDS PostgreSQL whose password Secrets Manager generates, encrypted TLS-only
 * S3 buckets, IRSA roles scoped to exactly these buckets and service accounts, and Flyte's
 * manifests applied to the cluster with every one of these values flowing in as a CDK token.
 */
public class FlyteEks extends Construct {
  /** What Flyte needs on its buckets (as unionai-oss/deploy-flyte's iam.tf grants). */
  static final List<String> BUCKET_ACTIONS = List.of("s3:DeleteObject*", "s3:GetObject*", "s3:ListBucket", "s3:PutObject*");
  /** What the AWS Secrets Manager sidecar of a task pod calls. */
  static final List<String> SECRET_ACTIONS = List.of("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue");

  /** The AWS Load Balancer Controller installed with {@link EksOptions#albController()}. */
  static final AlbControllerVersion ALB_CONTROLLER_VERSION = AlbControllerVersion.V2_17_1;
  static final String CERTIFICATE_ANNOTATION = "alb.ingress.kubernetes.io/certificate-arn";

  /** aws-cdk-lib's feature flag for the cluster's native IAM OIDC provider. */
  static final String NATIVE_OIDC_PROVIDER = "@aws-cdk/aws-eks:useNativeOidcProvider";

  private final IVpc vpc;
  private final Optional<Certificate> certificate;
  private final Cluster cluster;
  private final FlyteDatabase database;
  private final Map<String, Bucket> buckets = new TreeMap<>();
  private final Role backendRole;
  private final Role taskRole;
  private final Optional<FlyteNotifications> notifications;
  private final FlyteDeployment deployment;

  public FlyteEks(Construct scope, String id, FlyteEksProps props) {
    super(scope, id);
    // The cluster's IAM OIDC provider as the native AWS::IAM::OIDCProvider (OidcProviderNative): without this
    // flag, eks_v2 creates its deprecated custom-resource OpenIdConnectProvider. An app's own setting wins.
    if (getNode().tryGetContext(NATIVE_OIDC_PROVIDER) == null) {
      getNode().setContext(NATIVE_OIDC_PROVIDER, true);
    }
    List<String> problems = problemsOf(props).stream().map(Problem::toString).toList();
    getNode().addValidation(() -> problems);
    FlyteDeployment given = props.deployment();

    vpc = props.vpc().orElseGet(() -> props.existingVpc().map(this::importVpc).orElseGet(this::newVpc));

    Cluster.Builder clusterBuilder = Cluster.Builder.create(this, "Cluster")
        .version(KubernetesVersion.of(props.kubernetesVersion()))
        .vpc(vpc)
        .vpcSubnets(List.of(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()))
        // Managed node groups (added below), not EKS Auto Mode: GPU nodes need their own AMI and taint.
        .defaultCapacityType(DefaultCapacityType.NODEGROUP)
        .defaultCapacity(0)
        .endpointAccess(props.publicEndpointCidrs().isEmpty() ? EndpointAccess.PRIVATE
            : EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(props.publicEndpointCidrs().toArray(String[]::new)))
        .clusterLogging(List.of(ClusterLoggingTypes.API, ClusterLoggingTypes.AUDIT, ClusterLoggingTypes.AUTHENTICATOR,
            ClusterLoggingTypes.CONTROLLER_MANAGER, ClusterLoggingTypes.SCHEDULER))
        .kubectlProviderOptions(KubectlProviderOptions.builder().kubectlLayer(new KubectlV32Layer(this, "KubectlLayer")).build());
    if (props.albController()) {
      clusterBuilder.albController(AlbControllerOptions.builder().version(ALB_CONTROLLER_VERSION).build());
    }
    cluster = clusterBuilder.build();
    cluster.addNodegroupCapacity("Nodes", NodegroupOptions.builder()
        .instanceTypes(List.of(new InstanceType(props.nodeInstanceType())))
        .amiType(NodegroupAmiType.AL2023_X86_64_STANDARD)
        .minSize(props.nodeMinSize()).maxSize(props.nodeMaxSize()).desiredSize(props.nodeMinSize())
        .diskSize(100)
        .labels(Map.of("flyte.org/node-role", "worker"))
        .build());
    props.gpuNodes().ifPresent(gpu -> cluster.addNodegroupCapacity("GpuNodes", NodegroupOptions.builder()
        .instanceTypes(List.of(new InstanceType(gpu.instanceType())))
        .amiType(NodegroupAmiType.AL2023_X86_64_NVIDIA)
        .minSize(gpu.minSize()).maxSize(gpu.maxSize()).desiredSize(gpu.minSize())
        .diskSize(200)
        .labels(new TreeMap<>(Map.of("flyte.org/node-role", "gpu", "k8s.amazonaws.com/accelerator", "nvidia")))
        .taints(List.of(TaintSpec.builder().key("nvidia.com/gpu").value("present").effect(TaintEffect.NO_SCHEDULE).build()))
        .build()));

    database = new FlyteDatabase(this, "Database", vpc, given.database() == null ? "flyte" : given.database().dbname(),
        given.database() == null ? "flyte" : given.database().username(), props);
    database.allowFrom(cluster.getClusterSecurityGroup());

    Bucket accessLogs = Bucket.Builder.create(this, "AccessLogs")
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .enforceSsl(true)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    // An invalid deployment cannot be planned: a stand-in lets the tree finish, and synthesis then
    // fails with every problem from the validation above.
    FlyteDeployment buildable = problems.isEmpty() ? given : FlyteDeployment.builder().name("invalid").topology(Topology.BINARY)
        .database(FlyteDeployment.SANDBOX_DATABASE).storage(FlyteDeployment.SANDBOX_STORAGE).build();
    CloudRequirements requirements = Plan.of(buildable).cloudRequirements();
    for (String name : requirements.buckets()) {
      buckets.put(name, Bucket.Builder.create(this, "Bucket-" + name)
          .bucketName(name)
          .encryption(BucketEncryption.S3_MANAGED)
          .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
          .enforceSsl(true)
          .versioned(props.bucketVersioning())
          .serverAccessLogsBucket(accessLogs)
          .serverAccessLogsPrefix(name + "/")
          .removalPolicy(RemovalPolicy.RETAIN)
          .build());
    }

    notifications = buildable.notifications().filter(n -> n.backend() == Notifications.Backend.AWS)
        .map(n -> new FlyteNotifications(this, "Notifications", buildable.name()));
    ServiceAccountRoles roles = new ServiceAccountRoles(this, cluster);
    // One IAM role per kind of identity: every domain's task service accounts assume the one task role.
    backendRole = roleOf(roles, "BackendRole", requirements, CloudRequirements.Kind.BACKEND);
    taskRole = roleOf(roles, "TaskRole", requirements, CloudRequirements.Kind.TASKS);
    Map<String, WorkloadIdentity> identities = new TreeMap<>();
    WorkloadIdentity backendIdentity = WorkloadIdentity.awsRole(backendRole.getRoleArn());
    WorkloadIdentity taskIdentity = WorkloadIdentity.awsRole(taskRole.getRoleArn());
    // A domain's own task role, given in the deployment, stays that domain's; the others get the stack's.
    requirements.identities().forEach(identity -> identities.put(identity.key(), identity.kind() == CloudRequirements.Kind.BACKEND
        ? backendIdentity : identity.domain().flatMap(domain -> buildable.domains().stream()
            .filter(d -> d.name().equals(domain)).findFirst().flatMap(Domain::taskIdentity)).orElse(taskIdentity)));

    certificate = props.ingressCertificate().filter(c -> problems.isEmpty()).map(c -> certificateFor(buildable, c));
    String passwordSecret = given.name() + "-db";
    deployment = ImmutableFlyteDeployment.copyOf(requirements.withIdentities(buildable, identities))
        .withIngress(buildable.ingress().map(this::withCertificate))
        .withDatabase(ImmutablePostgresDatabase.copyOf(buildable.database())
            .withHost(database.getInstance().getDbInstanceEndpointAddress())
            .withPasswordSecret(SecretKeyRef.of(passwordSecret, "password")))
        .withNotifications(notifications.map(n -> n.filledIn(buildable.notifications().get())));

    suppressAcceptedFindings(props);
    if (problems.isEmpty()) {
      KubernetesManifest namespaceFirst = null;
      Manifest manifest = FlyteManifests.synthesize(deployment);
      for (Map.Entry<String, List<HasMetadata>> component : manifest.byComponent().entrySet()) {
        List<Map<String, Object>> objects = new ArrayList<>();
        component.getValue().forEach(object -> objects.add(ManifestWriter.toPlainMap(object)));
        KubernetesManifest applied = cluster.addManifest("Flyte-" + component.getKey(), objects.toArray(Map[]::new));
        if (namespaceFirst == null) {
          namespaceFirst = applied;
        } else {
          applied.getNode().addDependency(namespaceFirst);
        }
      }
      KubernetesManifest passwordSync = cluster.addManifest("Flyte-database-password",
          DatabasePasswordSync.objects(Plan.of(deployment), database, roles, passwordSecret).toArray(Map[]::new));
      passwordSync.getNode().addDependency(namespaceFirst);
    }
  }

  /**
   * cdk-nag's AwsSolutions findings this design accepts, each with its reason; every other
   * finding fails the tests.
   */
  private void suppressAcceptedFindings(FlyteEksProps props) {
    NagSuppressions.addResourceSuppressions(cluster, List.of(
        suppress("AwsSolutions-IAM4", "The AWS-managed policies EKS requires for the cluster role, the node role and the "
            + "kubectl handler (AmazonEKSClusterPolicy, AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy, ECR read-only, "
            + "Lambda basic and VPC execution), attached by CDK's eks_v2 module."),
        suppress("AwsSolutions-IAM5", "CDK's custom-resource provider framework may invoke every version of its own kubectl "
            + "handler (<handler ARN>:*)."),
        suppress("AwsSolutions-L1", "CDK's eks_v2 module pins the runtime of its kubectl handler to the one its kubectl "
            + "layer is built for.")), true);
    if (!props.publicEndpointCidrs().isEmpty()) {
      NagSuppressions.addResourceSuppressions(cluster, List.of(suppress("AwsSolutions-EKS1",
          "The public endpoint is asked for (publicEndpointCidrs) and open only to " + props.publicEndpointCidrs()
              + "; the endpoint stays private to the VPC without it.")));
    }
    if (cluster.getAlbController() != null) {
      NagSuppressions.addResourceSuppressions(cluster.getAlbController(), List.of(suppress("AwsSolutions-IAM5",
          "The AWS Load Balancer Controller's IAM policy as AWS publishes it: the controller creates load balancers, "
              + "target groups and security groups at run time, whose ARNs cannot be named in advance; its mutating "
              + "actions are conditioned on the elbv2.k8s.aws/cluster tag.")), true);
    }
    List<NagPackSuppression> database = new ArrayList<>(List.of(
        suppress("AwsSolutions-RDS11", "The database is reachable only from the cluster's security group inside the VPC; "
            + "another port number would add no protection."),
        suppress("AwsSolutions-SMG4", "The password is copied into the Kubernetes Secret Flyte reads; an automatic rotation "
            + "would lock Flyte out until the copy Job re-runs. Rotate deliberately, then re-run the Job.")));
    if (!props.databaseMultiAz()) {
      database.add(suppress("AwsSolutions-RDS3", "Single-AZ by choice (databaseMultiAz: false): Flyte tolerates a restart "
          + "and automated backups restore the data. Set databaseMultiAz: true for a standby."));
    }
    NagSuppressions.addResourceSuppressions(this.database, database, true);
    for (Role role : List.of(backendRole, taskRole)) {
      NagSuppressions.addResourceSuppressions(role, List.of(suppress("AwsSolutions-IAM5",
          "Scoped to Flyte's own buckets and their objects (<bucket ARN>/*), with the action prefixes Flyte needs "
              + "(s3:GetObject*, s3:PutObject*, s3:DeleteObject*), as unionai-oss/deploy-flyte grants; with taskSecrets "
              + "backend aws, to the task secrets whose names start with its namePrefix.")), true);
    }
  }

  private static NagPackSuppression suppress(String id, String reason) {
    return NagPackSuppression.builder().id(id).reason(reason).build();
  }

  /**
   * The IAM role of every identity of one kind: trusted by all their service accounts, allowed
   * what they may reach.
   */
  private Role roleOf(ServiceAccountRoles roles, String id, CloudRequirements requirements, CloudRequirements.Kind kind) {
    List<CloudRequirements.IdentityRequirement> ofKind = requirements.identities().stream()
        .filter(identity -> identity.kind() == kind).toList();
    // Interleaved (each requirement's first service account, then each one's second, …): with one
    // task identity per domain that is project by project, the order the role's trust always had.
    List<String> subjects = new ArrayList<>();
    int longest = ofKind.stream().mapToInt(identity -> identity.serviceAccounts().size()).max().orElse(0);
    for (int i = 0; i < longest; i++) {
      for (CloudRequirements.IdentityRequirement identity : ofKind) {
        if (i < identity.serviceAccounts().size()) {
          subjects.add(identity.serviceAccounts().get(i).subject());
        }
      }
    }
    SortedSet<String> bucketNames = new TreeSet<>();
    ofKind.forEach(identity -> bucketNames.addAll(identity.access().buckets()));
    List<PolicyStatement> statements = new ArrayList<>(bucketAccess(bucketNames));
    ofKind.stream().flatMap(identity -> identity.access().notifications().stream()).findFirst()
        .filter(n -> n.backend() == Notifications.Backend.AWS)
        .ifPresent(n -> statements.addAll(notifications.orElseThrow().backendAccess(n.sender())));
    ofKind.stream().flatMap(identity -> identity.access().taskSecrets().stream()).findFirst()
        .filter(secrets -> secrets.backend() == TaskSecrets.Backend.AWS)
        .ifPresent(secrets -> statements.add(secretsAccess(secrets.namePrefix())));
    return roles.role(id, subjects, statements);
  }

  private List<PolicyStatement> bucketAccess(SortedSet<String> names) {
    List<String> resources = new ArrayList<>();
    names.forEach(name -> {
      resources.add(buckets.get(name).getBucketArn());
      resources.add(buckets.get(name).arnForObjects("*"));
    });
    return List.of(PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(BUCKET_ACTIONS).resources(resources).build());
  }

  /**
   * Reading the secrets tasks request from AWS Secrets Manager: exactly those whose names start
   * with the prefix, in this stack's account and region.
   */
  private PolicyStatement secretsAccess(String namePrefix) {
    String secrets = Stack.of(this).formatArn(ArnComponents.builder().service("secretsmanager").resource("secret")
        .resourceName(namePrefix + "*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(SECRET_ACTIONS).resources(List.of(secrets)).build();
  }

  /** {@link FlyteEksProps#stackProblems()}: what this construct cannot build. CDK fails synthesis with them. */
  public static List<Problem> problemsOf(FlyteEksProps props) {
    return props.stackProblems();
  }

  /** A new VPC over two zones: public subnets (load balancers, NAT), node subnets, isolated database subnets, flow logs. */
  private IVpc newVpc() {
    return Vpc.Builder.create(this, "Vpc")
        .maxAzs(2)
        .natGateways(1)
        .subnetConfiguration(List.of(
            SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
            SubnetConfiguration.builder().name("nodes").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(19).build(),
            SubnetConfiguration.builder().name("database").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
        .flowLogs(Map.of("all", FlowLogOptions.builder().trafficType(FlowLogTrafficType.ALL).build()))
        .build();
  }

  private IVpc importVpc(EksOptions.ExistingVpc existing) {
    return Vpc.fromVpcAttributes(this, "Vpc", VpcAttributes.builder()
        .vpcId(existing.vpcId())
        .availabilityZones(existing.availabilityZones())
        .privateSubnetIds(existing.nodeSubnetIds())
        .isolatedSubnetIds(existing.databaseSubnetIds())
        .build());
  }

  private Certificate certificateFor(FlyteDeployment flyte, EksOptions.IngressCertificate options) {
    String host = flyte.ingress().flatMap(IngressSettings::host).orElseThrow();
    CertificateValidation validation = options.hostedZoneId()
        .map(id -> CertificateValidation.fromDns(HostedZone.fromHostedZoneAttributes(this, "HostedZone",
            HostedZoneAttributes.builder().hostedZoneId(id).zoneName(options.hostedZoneName().orElseThrow()).build())))
        .orElseGet(CertificateValidation::fromDns);
    return Certificate.Builder.create(this, "Certificate").domainName(host).validation(validation).build();
  }

  /** The Ingress with the ACM certificate's ARN in its annotations, when the construct made one. */
  private IngressSettings withCertificate(IngressSettings ingress) {
    if (certificate.isEmpty()) {
      return ingress;
    }
    Map<String, String> annotations = new TreeMap<>(ingress.annotations());
    annotations.put(CERTIFICATE_ANNOTATION, certificate.get().getCertificateArn());
    return ImmutableIngressSettings.copyOf(ingress).withAnnotations(annotations);
  }

  public IVpc getVpc() {
    return vpc;
  }

  public Cluster getCluster() {
    return cluster;
  }

  public FlyteDatabase getDatabase() {
    return database;
  }

  /** Bucket name → bucket. */
  public Map<String, Bucket> getBuckets() {
    return new LinkedHashMap<>(buckets);
  }

  public Role getBackendRole() {
    return backendRole;
  }

  public Role getTaskRole() {
    return taskRole;
  }

  /** The ACM certificate of the Ingress host, with {@link EksOptions#ingressCertificate()}. */
  /** The topic and queue of e-mail notifications, with notifications backend aws. */
  public Optional<FlyteNotifications> getNotifications() {
    return notifications;
  }

  public Optional<Certificate> getCertificate() {
    return certificate;
  }

  /** The Flyte deployment as applied: database host, password Secret and role ARNs filled in as tokens. */
  public FlyteDeployment getDeployment() {
    return deployment;
  }
}
