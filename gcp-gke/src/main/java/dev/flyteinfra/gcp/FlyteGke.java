package dev.flyteinfra.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.GlobalAddress;
import com.pulumi.gcp.compute.GlobalAddressArgs;
import com.pulumi.gcp.compute.Network;
import com.pulumi.gcp.compute.NetworkArgs;
import com.pulumi.gcp.compute.Router;
import com.pulumi.gcp.compute.RouterArgs;
import com.pulumi.gcp.compute.RouterNat;
import com.pulumi.gcp.compute.RouterNatArgs;
import com.pulumi.gcp.compute.Subnetwork;
import com.pulumi.gcp.compute.SubnetworkArgs;
import com.pulumi.gcp.compute.inputs.SubnetworkLogConfigArgs;
import com.pulumi.gcp.compute.inputs.SubnetworkSecondaryIpRangeArgs;
import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.container.ClusterArgs;
import com.pulumi.gcp.container.NodePool;
import com.pulumi.gcp.container.NodePoolArgs;
import com.pulumi.gcp.container.inputs.ClusterIpAllocationPolicyArgs;
import com.pulumi.gcp.container.inputs.ClusterLoggingConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigCidrBlockArgs;
import com.pulumi.gcp.container.inputs.ClusterPrivateClusterConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterReleaseChannelArgs;
import com.pulumi.gcp.container.inputs.ClusterWorkloadIdentityConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolAutoscalingArgs;
import com.pulumi.gcp.container.inputs.NodePoolManagementArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigShieldedInstanceConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigTaintArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigWorkloadMetadataConfigArgs;
import com.pulumi.gcp.organizations.OrganizationsFunctions;
import com.pulumi.gcp.organizations.inputs.GetProjectArgs;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.projects.inputs.IAMMemberConditionArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.gcp.servicenetworking.Connection;
import com.pulumi.gcp.servicenetworking.ConnectionArgs;
import com.pulumi.gcp.sql.Database;
import com.pulumi.gcp.sql.DatabaseArgs;
import com.pulumi.gcp.sql.DatabaseInstance;
import com.pulumi.gcp.sql.DatabaseInstanceArgs;
import com.pulumi.gcp.sql.SslCert;
import com.pulumi.gcp.sql.SslCertArgs;
import com.pulumi.gcp.sql.User;
import com.pulumi.gcp.sql.UserArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsBackupConfigurationArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsBackupConfigurationBackupRetentionSettingsArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsIpConfigurationArgs;
import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.BucketArgs;
import com.pulumi.gcp.pubsub.Subscription;
import com.pulumi.gcp.pubsub.SubscriptionArgs;
import com.pulumi.gcp.pubsub.SubscriptionIAMMember;
import com.pulumi.gcp.pubsub.SubscriptionIAMMemberArgs;
import com.pulumi.gcp.pubsub.Topic;
import com.pulumi.gcp.pubsub.TopicArgs;
import com.pulumi.gcp.pubsub.TopicIAMMember;
import com.pulumi.gcp.pubsub.TopicIAMMemberArgs;
import com.pulumi.gcp.storage.BucketIAMMember;
import com.pulumi.gcp.storage.BucketIAMMemberArgs;
import com.pulumi.gcp.storage.inputs.BucketVersioningArgs;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableDomain;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableNotifications;
import dev.flyteinfra.core.model.ImmutableTaskLogs;
import dev.flyteinfra.core.model.Notifications;
import dev.flyteinfra.core.model.ImmutablePostgresDatabase;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.TaskSecrets;
import dev.flyteinfra.core.model.WorkloadIdentity;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.ManagedCloud;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.pulumi.FlyteKubernetesResources;
import dev.flyteinfra.pulumi.GeneratedPassword;
import dev.flyteinfra.pulumi.OutputMaps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flyte on GKE, as one Pulumi component: a VPC with Cloud NAT, a GKE cluster with Workload
 * Identity (private nodes by default) and its node pools, a Cloud SQL PostgreSQL instance on a
 * private IP only (client certificates required, backups, point-in-time recovery), GCS buckets
 * with uniform access and public access prevention, Google service accounts for Flyte's backend
 * and for each domain's tasks bound to exactly their Kubernetes service accounts, and Flyte
 * itself deployed into the cluster through the Pulumi Kubernetes provider, rendered by the core
 * once the cloud values are known.
 */
public class FlyteGke extends ComponentResource {
  /** The component's Pulumi type token. */
  public static final String TYPE = "flyte-infra:gcp:FlyteGke";
  /** The roles of the node pools' service account: logs, metrics and image pulls, nothing else. */
  static final List<String> NODE_ROLES = List.of("roles/logging.logWriter", "roles/monitoring.metricWriter",
      "roles/monitoring.viewer", "roles/stackdriver.resourceMetadata.writer", "roles/artifactregistry.reader");
  /** What Flyte's identities get on each bucket: its objects, and reading the bucket itself. */
  static final List<String> BUCKET_ROLES = List.of("roles/storage.objectAdmin", "roles/storage.legacyBucketReader");
  /** What tasks get on their secrets, with taskSecrets backend gcp. */
  static final String SECRET_ACCESSOR = "roles/secretmanager.secretAccessor";
  static final String NODE_RANGE = "10.0.0.0/20";
  static final String POD_RANGE = "10.4.0.0/14";
  static final String SERVICE_RANGE = "10.8.0.0/20";
  static final String CONTROL_PLANE_RANGE = "172.16.0.0/28";
  /** Stands in for the database address in the deployment's shape, before Cloud SQL has one. */
  static final String PENDING_ADDRESS = "10.255.255.254";

  private final Cluster cluster;
  private final DatabaseInstance database;
  private final Map<String, Bucket> buckets = new TreeMap<>();
  private final Account backendAccount;
  private final Map<String, Account> taskAccounts = new TreeMap<>();
  private final Output<FlyteDeployment> deployment;

  /**
   * @throws InvalidDeploymentException with every problem of the args, before any resource is registered
   */
  public FlyteGke(String name, FlyteGkeArgs args, ComponentResourceOptions options) {
    super(TYPE, name, validated(args, options));
    FlyteDeployment given = args.deployment();
    String project = given.storage().gcs().orElseThrow().project();
    CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();

    Network network = new Network(name + "-network", NetworkArgs.builder().project(project)
        .autoCreateSubnetworks(false).build(), child);
    Subnetwork subnetwork = new Subnetwork(name + "-nodes", SubnetworkArgs.builder().project(project).region(args.region())
        .network(network.id())
        .ipCidrRange(NODE_RANGE)
        .secondaryIpRanges(
            SubnetworkSecondaryIpRangeArgs.builder().rangeName("pods").ipCidrRange(POD_RANGE).build(),
            SubnetworkSecondaryIpRangeArgs.builder().rangeName("services").ipCidrRange(SERVICE_RANGE).build())
        .privateIpGoogleAccess(true)
        .logConfig(SubnetworkLogConfigArgs.builder().aggregationInterval("INTERVAL_5_MIN").flowSampling(0.5)
            .metadata("INCLUDE_ALL_METADATA").build())
        .build(), child);
    if (args.privateNodes()) {
      Router router = new Router(name + "-router", RouterArgs.builder().project(project).region(args.region())
          .network(network.id()).build(), child);
      new RouterNat(name + "-nat", RouterNatArgs.builder().project(project).region(args.region()).router(router.name())
          .natIpAllocateOption("AUTO_ONLY").sourceSubnetworkIpRangesToNat("ALL_SUBNETWORKS_ALL_IP_RANGES").build(), child);
    }
    GlobalAddress peeringRange = new GlobalAddress(name + "-sql-peering", GlobalAddressArgs.builder().project(project)
        .purpose("VPC_PEERING").addressType("INTERNAL").prefixLength(20).network(network.id()).build(), child);
    Connection peering = new Connection(name + "-sql-peering", ConnectionArgs.builder().network(network.id())
        .service("servicenetworking.googleapis.com").reservedPeeringRanges(peeringRange.name().applyValue(List::of)).build(), child);

    Account nodeAccount = new Account(name + "-nodes", AccountArgs.builder().project(project)
        .accountId(accountId(given.name(), "nodes")).displayName("GKE nodes of Flyte " + given.name()).build(), child);
    for (String role : NODE_ROLES) {
      new IAMMember(name + "-nodes-" + role.substring("roles/".length()), IAMMemberArgs.builder().project(project).role(role)
          .member(nodeAccount.email().applyValue(email -> "serviceAccount:" + email)).build(), child);
    }

    cluster = new Cluster(name, ClusterArgs.builder().project(project).location(args.region())
        .network(network.id()).subnetwork(subnetwork.id())
        .removeDefaultNodePool(true).initialNodeCount(1)
        .deletionProtection(args.deletionProtection())
        .releaseChannel(ClusterReleaseChannelArgs.builder().channel(args.releaseChannel()).build())
        .workloadIdentityConfig(ClusterWorkloadIdentityConfigArgs.builder().workloadPool(project + ".svc.id.goog").build())
        .ipAllocationPolicy(ClusterIpAllocationPolicyArgs.builder().clusterSecondaryRangeName("pods")
            .servicesSecondaryRangeName("services").build())
        .privateClusterConfig(ClusterPrivateClusterConfigArgs.builder().enablePrivateNodes(args.privateNodes())
            .enablePrivateEndpoint(false).masterIpv4CidrBlock(CONTROL_PLANE_RANGE).build())
        .masterAuthorizedNetworksConfig(ClusterMasterAuthorizedNetworksConfigArgs.builder()
            .cidrBlocks(args.masterAuthorizedCidrs().stream().map(cidr ->
                ClusterMasterAuthorizedNetworksConfigCidrBlockArgs.builder().cidrBlock(cidr).displayName(cidr).build()).toList())
            .build())
        .datapathProvider("ADVANCED_DATAPATH")
        .enableShieldedNodes(true)
        // The pods' logs in Cloud Logging, where the console's task log links (Stackdriver) open them.
        .loggingConfig(ClusterLoggingConfigArgs.builder().enableComponents("SYSTEM_COMPONENTS", "WORKLOADS").build())
        .build(), child);

    List<Resource> nodePools = new ArrayList<>();
    nodePools.add(new NodePool(name + "-nodes", NodePoolArgs.builder().project(project).location(args.region())
        .cluster(cluster.name())
        .autoscaling(NodePoolAutoscalingArgs.builder().minNodeCount(args.nodeMinCount()).maxNodeCount(args.nodeMaxCount()).build())
        .management(NodePoolManagementArgs.builder().autoRepair(true).autoUpgrade(true).build())
        .nodeConfig(nodeConfig(args.nodeMachineType(), nodeAccount, Map.of("flyte.org/node-role", "worker")).build())
        .build(), child));
    args.gpuNodes().ifPresent(gpu -> nodePools.add(new NodePool(name + "-gpu-nodes", NodePoolArgs.builder().project(project)
        .location(args.region()).cluster(cluster.name())
        .autoscaling(NodePoolAutoscalingArgs.builder().minNodeCount(gpu.minCount()).maxNodeCount(gpu.maxCount()).build())
        .management(NodePoolManagementArgs.builder().autoRepair(true).autoUpgrade(true).build())
        .nodeConfig(nodeConfig(gpu.machineType(), nodeAccount, Map.of("flyte.org/node-role", "gpu"))
            .guestAccelerators(NodePoolNodeConfigGuestAcceleratorArgs.builder().type(gpu.acceleratorType())
                .count(gpu.acceleratorCount())
                .gpuDriverInstallationConfig(NodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfigArgs.builder()
                    .gpuDriverVersion("DEFAULT").build())
                .build())
            .taints(NodePoolNodeConfigTaintArgs.builder().key("nvidia.com/gpu").value("present").effect("NO_SCHEDULE").build())
            .build())
        .build(), child)));

    CloudRequirements requirements = Plan.of(given).cloudRequirements();
    database = new DatabaseInstance(name + "-db", DatabaseInstanceArgs.builder().project(project).region(args.region())
        .databaseVersion(args.databaseVersion())
        .deletionProtection(args.deletionProtection())
        .settings(DatabaseInstanceSettingsArgs.builder()
            .tier(args.databaseTier())
            .availabilityType(args.databaseHighAvailability() ? "REGIONAL" : "ZONAL")
            .diskType("PD_SSD").diskAutoresize(true)
            .deletionProtectionEnabled(args.deletionProtection())
            .ipConfiguration(DatabaseInstanceSettingsIpConfigurationArgs.builder()
                .ipv4Enabled(false).privateNetwork(network.id()).requireSsl(true).build())
            .backupConfiguration(DatabaseInstanceSettingsBackupConfigurationArgs.builder().enabled(true)
                .pointInTimeRecoveryEnabled(true).startTime("03:00")
                .backupRetentionSettings(DatabaseInstanceSettingsBackupConfigurationBackupRetentionSettingsArgs.builder()
                    .retainedBackups(args.backupRetentionDays()).build())
                .build())
            .build())
        .build(), CustomResourceOptions.builder().parent(this).dependsOn(peering).build());
    new Database(name + "-db-" + requirements.databaseName(), DatabaseArgs.builder().project(project)
        .instance(database.name()).name(requirements.databaseName()).build(), child);
    Output<String> password = GeneratedPassword.orGiven(args.databasePassword());
    User user = new User(name + "-db-" + requirements.databaseUser(), UserArgs.builder().project(project)
        .instance(database.name()).name(requirements.databaseUser()).password(password).build(),
        CustomResourceOptions.builder().parent(this).additionalSecretOutputs("password")
            // A generated password is made once: later runs keep the one in the stack's state.
            .ignoreChanges(args.databasePassword().isPresent() ? List.of() : List.of("password")).build());
    SslCert clientCertificate = new SslCert(name + "-db-client", SslCertArgs.builder().project(project)
        .instance(database.name()).commonName(given.name()).build(), child);

    for (String bucket : requirements.buckets()) {
      buckets.put(bucket, new Bucket(name + "-" + bucket, BucketArgs.builder().project(project).name(bucket)
          .location(args.region().toUpperCase(Locale.ROOT))
          .uniformBucketLevelAccess(true)
          .publicAccessPrevention("enforced")
          .versioning(BucketVersioningArgs.builder().enabled(args.bucketVersioning()).build())
          .forceDestroy(false)
          .build(), child));
    }

    String workloadPool = project + ".svc.id.goog";
    backendAccount = new Account(name + "-backend", AccountArgs.builder().project(project)
        .accountId(accountId(given.name(), "backend")).displayName("Flyte backend of " + given.name()).build(), child);
    bindServiceAccounts(name + "-backend", backendAccount, workloadPool, requirements.backendServiceAccounts());
    // flyteadmin signs upload and download URLs with its own identity.
    new com.pulumi.gcp.serviceaccount.IAMMember(name + "-backend-signs-urls", com.pulumi.gcp.serviceaccount.IAMMemberArgs.builder()
        .serviceAccountId(backendAccount.name()).role("roles/iam.serviceAccountTokenCreator")
        .member(backendAccount.email().applyValue(email -> "serviceAccount:" + email)).build(), child);
    for (Domain domain : given.domains()) {
      Account account = new Account(name + "-tasks-" + domain.name(), AccountArgs.builder().project(project)
          .accountId(accountId(given.name(), domain.name())).displayName("Flyte tasks of domain " + domain.name()).build(), child);
      taskAccounts.put(domain.name(), account);
      bindServiceAccounts(name + "-tasks-" + domain.name(), account, workloadPool,
          requirements.taskServiceAccountsOf(domain.name()));
    }
    if (given.taskSecrets().backend() == TaskSecrets.Backend.GCP) {
      grantTaskSecrets(name, project, given.taskSecrets().namePrefix());
    }
    if (given.notifications().filter(n -> n.backend() == Notifications.Backend.GCP).isPresent()) {
      createNotificationTopic(name, project, notificationsName(given));
    }
    List<Account> bucketUsers = new ArrayList<>(List.of(backendAccount));
    bucketUsers.addAll(taskAccounts.values());
    buckets.forEach((bucketName, bucket) -> {
      for (Account account : bucketUsers) {
        for (String role : BUCKET_ROLES) {
          new BucketIAMMember(account.pulumiResourceName() + "-" + bucketName + "-" + role.substring("roles/storage.".length()),
              BucketIAMMemberArgs.builder().bucket(bucket.name()).role(role)
                  .member(account.email().applyValue(email -> "serviceAccount:" + email)).build(), child);
        }
      }
    });

    Provider kubernetes = new Provider(name + "-kubernetes", ProviderArgs.builder()
        .kubeconfig(Output.tuple(cluster.name(), cluster.endpoint(), cluster.masterAuth())
            .applyValue(c -> Kubeconfig.of(project, args.region(), c.t1, c.t2, c.t3.clusterCaCertificate().orElse(""))))
        .build(), CustomResourceOptions.builder().parent(this).dependsOn(nodePools).build());

    String passwordSecret = given.name() + "-db";
    String certificateSecret = given.name() + "-db-client";
    // The emails are known in advance (<account id>@<project>.iam.gserviceaccount.com); only the address is not.
    Map<String, String> plannedTaskEmails = new TreeMap<>();
    given.domains().forEach(domain -> plannedTaskEmails.put(domain.name(), email(accountId(given.name(), domain.name()), project)));
    FlyteDeployment shape = applied(given, PENDING_ADDRESS, passwordSecret, certificateSecret,
        email(accountId(given.name(), "backend"), project), plannedTaskEmails);
    Output<Map<String, String>> taskEmails = OutputMaps.resolved(taskAccounts, Account::email);
    deployment = Output.tuple(database.privateIpAddress(), backendAccount.email(), taskEmails).applyValue(values ->
        applied(given, values.t1, passwordSecret, certificateSecret, values.t2, values.t3));
    String namespace = given.namespace();
    FlyteKubernetesResources.register(name, shape, deployment, this, kubernetes, namespaces -> {
      CustomResourceOptions inNamespace = CustomResourceOptions.builder().parent(this).provider(kubernetes)
          .dependsOn(List.copyOf(namespaces)).build();
      Secret passwordObject = new Secret(name + "-" + passwordSecret, SecretArgs.builder()
          .metadata(ObjectMetaArgs.builder().name(passwordSecret).namespace(namespace).build())
          .stringData(user.password().applyValue(value -> Map.of("password", value.orElseThrow())).asSecret())
          .build(), inNamespace);
      Secret certificateObject = new Secret(name + "-" + certificateSecret, SecretArgs.builder()
          .metadata(ObjectMetaArgs.builder().name(certificateSecret).namespace(namespace).build())
          .stringData(Output.tuple(clientCertificate.serverCaCert(), clientCertificate.cert(), clientCertificate.privateKey())
              .applyValue(files -> Map.of("ca.crt", files.t1, "tls.crt", files.t2, "tls.key", files.t3)).asSecret())
          .build(), inNamespace);
      return List.of(passwordObject, certificateObject);
    });

    Map<String, Output<?>> outputs = new LinkedHashMap<>();
    outputs.put("clusterName", cluster.name());
    outputs.put("databaseConnectionName", database.connectionName());
    outputs.put("databasePrivateIp", database.privateIpAddress());
    outputs.put("backendServiceAccount", backendAccount.email());
    outputs.put("buckets", Output.of(List.copyOf(buckets.keySet())));
    registerOutputs(outputs);
  }

  public FlyteGke(String name, FlyteGkeArgs args) {
    this(name, args, ComponentResourceOptions.Empty);
  }

  /** The options, once the args are known to be buildable: nothing is registered for bad args. */
  private static ComponentResourceOptions validated(FlyteGkeArgs args, ComponentResourceOptions options) {
    InvalidDeploymentException.throwIfAny(problemsOf(args));
    return options;
  }

  /**
   * Everything this component cannot build, as field path, problem and fix: the deployment's own
   * problems, what GKE cannot host, and the {@link GkeOptions}' problems under {@code gcp.}, as in
   * a config file.
   */
  public static List<Problem> problemsOf(FlyteGkeArgs args) {
    FlyteDeployment d = args.deployment();
    List<Problem> problems = ManagedCloud.problems(d, "FlyteGke", "GKE", "a Cloud SQL database");
    if (d.storage() != null && d.storage().gcs().isEmpty()) {
      problems.add(new Problem("storage", "FlyteGke creates GCS buckets", "set storage.gcs with the project of the stack"));
    }
    args.problems().forEach(p -> problems.add(p.under("gcp")));
    return problems;
  }

  /** The deployment as applied: Cloud SQL's address, the password and certificate Secrets, the service accounts. */
  private static FlyteDeployment applied(FlyteDeployment given, String databaseAddress, String passwordSecret,
      String certificateSecret, String backendEmail, Map<String, String> taskEmailsByDomain) {
    List<Domain> domains = given.domains().stream().map(domain -> (Domain) ImmutableDomain.copyOf(domain)
        .withTaskIdentity(WorkloadIdentity.gcpServiceAccount(taskEmailsByDomain.get(domain.name())))).toList();
    return ImmutableFlyteDeployment.copyOf(given)
        .withDatabase(ImmutablePostgresDatabase.copyOf(given.database())
            .withHost(databaseAddress)
            .withPasswordSecret(SecretKeyRef.of(passwordSecret, "password"))
            .withClientCertificateSecret(certificateSecret)
            // Cloud SQL with requireSsl takes only connections with a client certificate.
            .withOptions(PostgresDatabase.CLIENT_CERTIFICATE_OPTIONS))
        .withIdentity(WorkloadIdentity.gcpServiceAccount(backendEmail))
        .withDomains(domains)
        // The cluster's workloads log to Cloud Logging: link each task to its pod's logs there, unless links are set.
        .withTaskLogs(given.taskLogs().stackdriverProject().isPresent() || given.taskLogs().kubernetesTemplateUri().isPresent()
            ? given.taskLogs() : ImmutableTaskLogs.copyOf(given.taskLogs()).withStackdriverProject(given.storage().gcs().orElseThrow().project()))
        .withNotifications(given.notifications().map(n -> n.backend() != Notifications.Backend.GCP ? n
            : ImmutableNotifications.copyOf(n).withProject(given.storage().gcs().orElseThrow().project())
                .withTopic(notificationsName(given)).withSubscription(notificationsName(given))));
  }

  /** The Pub/Sub topic and subscription of e-mail notifications. */
  static String notificationsName(FlyteDeployment flyte) {
    return flyte.name() + "-notifications";
  }

  /**
   * The Pub/Sub topic FlyteAdmin publishes execution notifications to and the subscription its
   * processor pulls them from, which the backend service account may publish to and pull from, only.
   */
  private void createNotificationTopic(String name, String project, String topicName) {
    CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
    Topic topic = new Topic(name + "-notifications", TopicArgs.builder().project(project).name(topicName)
        .messageRetentionDuration("604800s").build(), child);
    Subscription subscription = new Subscription(name + "-notifications", SubscriptionArgs.builder().project(project)
        .name(topicName).topic(topic.name()).ackDeadlineSeconds(60).messageRetentionDuration("604800s").build(), child);
    Output<String> backend = backendAccount.email().applyValue(email -> "serviceAccount:" + email);
    new TopicIAMMember(name + "-backend-publishes-notifications", TopicIAMMemberArgs.builder().project(project)
        .topic(topic.name()).role("roles/pubsub.publisher").member(backend).build(), child);
    new SubscriptionIAMMember(name + "-backend-pulls-notifications", SubscriptionIAMMemberArgs.builder().project(project)
        .subscription(subscription.name()).role("roles/pubsub.subscriber").member(backend).build(), child);
  }

  /**
   * Lets each domain's tasks read exactly the Secret Manager secrets whose ids start with the
   * prefix (an IAM condition on the secret's name, which holds the project's number).
   */
  private void grantTaskSecrets(String name, String project, String namePrefix) {
    Output<String> secrets = OrganizationsFunctions.getProject(GetProjectArgs.builder().projectId(project).build())
        .applyValue(found -> "projects/" + found.number() + "/secrets/" + namePrefix);
    taskAccounts.forEach((domain, account) -> new IAMMember(name + "-tasks-" + domain + "-secrets", IAMMemberArgs.builder()
        .project(project).role(SECRET_ACCESSOR)
        .member(account.email().applyValue(email -> "serviceAccount:" + email))
        .condition(IAMMemberConditionArgs.builder().title("Flyte task secrets")
            .description("Only the secrets whose ids start with " + namePrefix)
            .expression(secrets.applyValue(prefix -> "resource.name.startsWith(\"" + prefix + "\")")).build())
        .build(), CustomResourceOptions.builder().parent(this).build()));
  }

  /** Binds Kubernetes service accounts to a Google service account with roles/iam.workloadIdentityUser. */
  private void bindServiceAccounts(String prefix, Account account, String workloadPool,
      List<CloudRequirements.ServiceAccountRef> serviceAccounts) {
    for (CloudRequirements.ServiceAccountRef sa : serviceAccounts) {
      new com.pulumi.gcp.serviceaccount.IAMMember(prefix + "-" + sa.namespace() + "-" + sa.name(),
          com.pulumi.gcp.serviceaccount.IAMMemberArgs.builder().serviceAccountId(account.name())
              .role("roles/iam.workloadIdentityUser")
              .member("serviceAccount:" + workloadPool + "[" + sa.namespace() + "/" + sa.name() + "]").build(),
          CustomResourceOptions.builder().parent(this).build());
    }
  }

  private static NodePoolNodeConfigArgs.Builder nodeConfig(String machineType, Account nodeAccount, Map<String, String> labels) {
    return NodePoolNodeConfigArgs.builder()
        .machineType(machineType)
        .diskSizeGb(100)
        .serviceAccount(nodeAccount.email())
        .oauthScopes("https://www.googleapis.com/auth/cloud-platform")
        .workloadMetadataConfig(NodePoolNodeConfigWorkloadMetadataConfigArgs.builder().mode("GKE_METADATA").build())
        .shieldedInstanceConfig(NodePoolNodeConfigShieldedInstanceConfigArgs.builder().enableSecureBoot(true)
            .enableIntegrityMonitoring(true).build())
        .labels(labels);
  }

  private static String email(String accountId, String project) {
    return accountId + "@" + project + ".iam.gserviceaccount.com";
  }

  /**
   * A service account id (6 to 30 characters) of the deployment's name and a purpose, the name
   * shortened to fit.
   */
  static String accountId(String deploymentName, String purpose) {
    int room = 30 - purpose.length() - 1;
    String prefix = deploymentName.length() > room ? deploymentName.substring(0, room) : deploymentName;
    return (prefix.endsWith("-") ? prefix.substring(0, prefix.length() - 1) : prefix) + "-" + purpose;
  }

  public Cluster getCluster() {
    return cluster;
  }

  public DatabaseInstance getDatabase() {
    return database;
  }

  /** Bucket name → bucket. */
  public Map<String, Bucket> getBuckets() {
    return new LinkedHashMap<>(buckets);
  }

  public Account getBackendAccount() {
    return backendAccount;
  }

  /** Domain → the service account its tasks act as. */
  public Map<String, Account> getTaskAccounts() {
    return new LinkedHashMap<>(taskAccounts);
  }

  /** The Flyte deployment as applied to the cluster, once the cloud values are known. */
  public Output<FlyteDeployment> getDeployment() {
    return deployment;
  }
}
