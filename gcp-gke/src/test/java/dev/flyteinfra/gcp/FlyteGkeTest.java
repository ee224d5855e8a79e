package dev.flyteinfra.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableGcsStorage;
import dev.flyteinfra.core.model.ImmutableNotifications;
import dev.flyteinfra.core.model.ImmutableTaskSecrets;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.Notifications;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.TaskSecrets;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.pulumi.PulumiPlan.PlannedResource;
import dev.flyteinfra.pulumi.PulumiPlan;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FlyteGke under Pulumi's mock engine: every resource it plans, and the security properties of each. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FlyteGkeTest {
  static final String PROJECT = "acme-prod";

  static FlyteDeployment deployment(Topology topology) {
    return FlyteDeployment.builder().name("flyte").topology(topology)
        .database(PostgresDatabase.builder().host("placeholder.invalid").dbname("flyteadmin").username("flyteadmin")
            .passwordSecret(SecretKeyRef.of("replaced", "password")).build())
        .storage(ObjectStore.builder().metadataBucket("acme-flyte-metadata").userDataBucket("acme-flyte-data")
            .gcs(ImmutableGcsStorage.builder().project(PROJECT).build()).build())
        .projects(List.of(Project.named("flytesnacks"), Project.named("ml")))
        .domains(List.of(Domain.named("development"), Domain.named("production")))
        .build();
  }

  static ImmutableFlyteGkeArgs.Builder args(Topology topology) {
    return FlyteGkeArgs.builder().region("us-central1").deployment(deployment(topology));
  }

  static List<PlannedResource> plan(FlyteGkeArgs args) {
    return PulumiPlan.of("flyte", "test", ctx -> new FlyteGke("flyte", args), new GcpPlanOutputs());
  }

  static List<PlannedResource> all(List<PlannedResource> plan, String type) {
    return plan.stream().filter(r -> r.type().equals(type)).toList();
  }

  static PlannedResource one(List<PlannedResource> plan, String type, String name) {
    return plan.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " named " + name + " in " + plan.stream().map(PlannedResource::name).toList()));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @Test
  void clusterHasWorkloadIdentityPrivateNodesAndOnlyTheAuthorizedNetworks() {
    List<PlannedResource> plan = plan(args(Topology.CORE).addMasterAuthorizedCidrs("203.0.113.0/24").build());
    Map<String, Object> cluster = one(plan, "gcp:container/cluster:Cluster", "flyte").inputs();
    assertThat(map(cluster.get("workloadIdentityConfig"))).containsEntry("workloadPool", PROJECT + ".svc.id.goog");
    assertThat(map(cluster.get("privateClusterConfig"))).containsEntry("enablePrivateNodes", true);
    assertThat(cluster).containsEntry("removeDefaultNodePool", true).containsEntry("deletionProtection", true)
        .containsEntry("enableShieldedNodes", true);
    assertThat(map(cluster.get("masterAuthorizedNetworksConfig")).get("cidrBlocks"))
        .isEqualTo(List.of(Map.of("cidrBlock", "203.0.113.0/24", "displayName", "203.0.113.0/24")));
    assertThat(all(plan, "gcp:compute/routerNat:RouterNat")).as("private nodes reach the internet through Cloud NAT").hasSize(1);
  }

  @Test
  void nodePoolsUseTheirOwnServiceAccountAndTheGkeMetadataServer() {
    List<PlannedResource> plan = plan(args(Topology.BINARY).gpuNodes(GkeOptions.GpuPool.builder().build()).build());
    List<PlannedResource> pools = all(plan, "gcp:container/nodePool:NodePool");
    assertThat(pools).extracting(PlannedResource::name).containsExactly("flyte-gpu-nodes", "flyte-nodes");
    for (PlannedResource pool : pools) {
      Map<String, Object> node = map(pool.inputs().get("nodeConfig"));
      assertThat(node.get("serviceAccount")).isEqualTo("flyte-nodes@" + PROJECT + ".iam.gserviceaccount.com");
      assertThat(map(node.get("workloadMetadataConfig"))).containsEntry("mode", "GKE_METADATA");
      assertThat(map(node.get("shieldedInstanceConfig"))).containsEntry("enableSecureBoot", true);
    }
    Map<String, Object> gpu = map(one(plan, "gcp:container/nodePool:NodePool", "flyte-gpu-nodes").inputs().get("nodeConfig"));
    assertThat(gpu.get("taints")).isEqualTo(List.of(Map.of("key", "nvidia.com/gpu", "value", "present", "effect", "NO_SCHEDULE")));
    assertThat((List<?>) gpu.get("guestAccelerators")).singleElement().satisfies(accelerator ->
        assertThat(map(accelerator)).containsEntry("type", "nvidia-tesla-t4").containsEntry("count", 1L));
    assertThat(all(plan, "gcp:projects/iAMMember:IAMMember")).extracting(r -> r.inputs().get("role"))
        .containsExactlyInAnyOrderElementsOf(FlyteGke.NODE_ROLES);
  }

  @Test
  void cloudSqlIsPrivateRequiresCertificatesAndKeepsBackups() {
    List<PlannedResource> plan = plan(args(Topology.CORE).databaseHighAvailability(true).deletionProtection(false).build());
    Map<String, Object> instance = one(plan, "gcp:sql/databaseInstance:DatabaseInstance", "flyte-db").inputs();
    Map<String, Object> settings = map(instance.get("settings"));
    assertThat(map(settings.get("ipConfiguration"))).containsEntry("ipv4Enabled", false).containsEntry("requireSsl", true)
        .containsEntry("privateNetwork", "flyte-network-id").doesNotContainKey("authorizedNetworks");
    assertThat(map(settings.get("backupConfiguration"))).containsEntry("enabled", true).containsEntry("pointInTimeRecoveryEnabled", true);
    assertThat(settings).containsEntry("availabilityType", "REGIONAL").containsEntry("deletionProtectionEnabled", false);
    assertThat(instance).containsEntry("deletionProtection", false);
    assertThat(one(plan, "gcp:compute/globalAddress:GlobalAddress", "flyte-sql-peering").inputs())
        .containsEntry("purpose", "VPC_PEERING").containsEntry("addressType", "INTERNAL");
    assertThat(one(plan, "gcp:sql/database:Database", "flyte-db-flyteadmin").inputs()).containsEntry("name", "flyteadmin");
    assertThat(one(plan, "gcp:sql/user:User", "flyte-db-flyteadmin").inputs()).containsEntry("password", PulumiPlan.SECRET);
    assertThat(one(plan, "gcp:sql/sslCert:SslCert", "flyte-db-client").inputs()).containsEntry("instance", "flyte-db");
  }

  @Test
  void withSecretManagerEachDomainsTasksReadOnlyTheirPrefixedSecrets() {
    FlyteDeployment withSecrets = ImmutableFlyteDeployment.copyOf(deployment(Topology.CORE))
        .withTaskSecrets(ImmutableTaskSecrets.builder().backend(TaskSecrets.Backend.GCP).build());
    List<PlannedResource> plan = plan(args(Topology.CORE).deployment(withSecrets).build());
    List<PlannedResource> grants = all(plan, "gcp:projects/iAMMember:IAMMember").stream()
        .filter(r -> FlyteGke.SECRET_ACCESSOR.equals(r.inputs().get("role"))).toList();

    assertThat(grants).extracting(r -> r.inputs().get("member")).containsExactlyInAnyOrder(
        "serviceAccount:flyte-development@" + PROJECT + ".iam.gserviceaccount.com",
        "serviceAccount:flyte-production@" + PROJECT + ".iam.gserviceaccount.com");
    assertThat(grants).allSatisfy(grant -> assertThat(map(grant.inputs().get("condition")).get("expression"))
        .isEqualTo("resource.name.startsWith(\"projects/" + GcpPlanOutputs.PROJECT_NUMBER + "/secrets/flyte-\")"));
    assertThat(all(plan(args(Topology.CORE).build()), "gcp:projects/iAMMember:IAMMember"))
        .noneMatch(r -> FlyteGke.SECRET_ACCESSOR.equals(r.inputs().get("role")));
  }

  @Test
  void notificationsGetATopicAndASubscriptionOnlyTheBackendUses() {
    FlyteDeployment withNotifications = ImmutableFlyteDeployment.copyOf(deployment(Topology.CORE))
        .withNotifications(ImmutableNotifications.builder().backend(Notifications.Backend.GCP).sender("flyte@acme.example")
            .project("elsewhere-1").topic("elsewhere").subscription("elsewhere")
            .sendgridApiKey(SecretKeyRef.of("sendgrid", "api-key")).build());
    List<PlannedResource> plan = plan(args(Topology.CORE).deployment(withNotifications).build());
    String backend = "serviceAccount:flyte-backend@" + PROJECT + ".iam.gserviceaccount.com";

    assertThat(one(plan, "gcp:pubsub/topic:Topic", "flyte-notifications").inputs()).containsEntry("name", "flyte-notifications")
        .containsEntry("project", PROJECT);
    assertThat(one(plan, "gcp:pubsub/subscription:Subscription", "flyte-notifications").inputs())
        .containsEntry("name", "flyte-notifications").containsEntry("topic", "flyte-notifications");
    assertThat(all(plan, "gcp:pubsub/topicIAMMember:TopicIAMMember")).singleElement().satisfies(grant ->
        assertThat(grant.inputs()).containsEntry("role", "roles/pubsub.publisher").containsEntry("member", backend));
    assertThat(all(plan, "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember")).singleElement().satisfies(grant ->
        assertThat(grant.inputs()).containsEntry("role", "roles/pubsub.subscriber").containsEntry("member", backend));
    String config = PulumiPlan.toJson(all(plan, "kubernetes:core/v1:ConfigMap"));
    assertThat(config).contains("notifications.yaml", "projectId: " + PROJECT, "topicName: flyte-notifications",
        "queueName: flyte-notifications").doesNotContain("elsewhere");
    assertThat(all(plan(args(Topology.CORE).build()), "gcp:pubsub/topic:Topic")).isEmpty();
  }

  @Test
  void aGivenPasswordIsASecretEverywhere() {
    String password = "given-password-4711";
    String json = PulumiPlan.toJson(plan(args(Topology.BINARY).databasePassword(Output.of(password)).build()));
    assertThat(json).doesNotContain(password);
    List<PlannedResource> plan = plan(args(Topology.BINARY).databasePassword(Output.of(password)).build());
    assertThat(one(plan, "kubernetes:core/v1:Secret", "flyte-flyte-db").inputs()).containsEntry("stringData", PulumiPlan.SECRET);
    assertThat(one(plan, "kubernetes:core/v1:Secret", "flyte-flyte-db-client").inputs()).containsEntry("stringData", PulumiPlan.SECRET);
  }

  @Test
  void bucketsAreUniformNotPublicAndVersionedOnRequest() {
    List<PlannedResource> plan = plan(args(Topology.CORE).bucketVersioning(true).build());
    assertThat(all(plan, "gcp:storage/bucket:Bucket")).extracting(r -> r.inputs().get("name"))
        .containsExactly("acme-flyte-data", "acme-flyte-metadata");
    for (PlannedResource bucket : all(plan, "gcp:storage/bucket:Bucket")) {
      assertThat(bucket.inputs()).containsEntry("uniformBucketLevelAccess", true).containsEntry("publicAccessPrevention", "enforced")
          .containsEntry("versioning", Map.of("enabled", true));
    }
    List<PlannedResource> grants = all(plan, "gcp:storage/bucketIAMMember:BucketIAMMember");
    assertThat(grants).extracting(r -> r.inputs().get("role")).containsOnly("roles/storage.objectAdmin", "roles/storage.legacyBucketReader");
    assertThat(grants).extracting(r -> (String) r.inputs().get("member")).allMatch(m -> m.startsWith("serviceAccount:flyte-"))
        .contains("serviceAccount:flyte-backend@acme-prod.iam.gserviceaccount.com",
            "serviceAccount:flyte-production@acme-prod.iam.gserviceaccount.com");
    // 2 buckets × 2 roles × (backend + 2 domains)
    assertThat(grants).hasSize(12);
  }

  @Test
  void serviceAccountsTrustExactlyTheirKubernetesServiceAccounts() {
    List<PlannedResource> plan = plan(args(Topology.CORE).build());
    assertThat(all(plan, "gcp:serviceaccount/account:Account")).extracting(r -> r.inputs().get("accountId"))
        .containsExactlyInAnyOrder("flyte-nodes", "flyte-backend", "flyte-development", "flyte-production");
    List<PlannedResource> bindings = all(plan, "gcp:serviceaccount/iAMMember:IAMMember").stream()
        .filter(r -> r.inputs().get("role").equals("roles/iam.workloadIdentityUser")).toList();
    String pool = "serviceAccount:" + PROJECT + ".svc.id.goog";
    assertThat(bindings).filteredOn(r -> r.name().startsWith("flyte-backend-")).extracting(r -> r.inputs().get("member"))
        .containsExactlyInAnyOrder(pool + "[flyte/flyte-flyteadmin]", pool + "[flyte/flyte-datacatalog]",
            pool + "[flyte/flyte-flytescheduler]", pool + "[flyte/flyte-flytepropeller]");
    assertThat(bindings).filteredOn(r -> r.name().startsWith("flyte-tasks-production-")).extracting(r -> r.inputs().get("member"))
        .containsExactlyInAnyOrder(pool + "[flytesnacks-production/default]", pool + "[ml-production/default]");
    assertThat(bindings).extracting(r -> r.inputs().get("serviceAccountId")).allMatch(id -> ((String) id).startsWith("projects/acme-prod/"));
  }

  @Test
  void flyteIsDeployedWithTheCloudValuesFilledIn() {
    List<PlannedResource> plan = plan(args(Topology.CORE).build());
    PlannedResource admin = one(plan, "kubernetes:core/v1:ServiceAccount", "flyte-serviceaccount/flyte/flyte-flyteadmin");
    assertThat(map(map(admin.inputs().get("metadata")).get("annotations")))
        .containsEntry("iam.gke.io/gcp-service-account", "flyte-backend@acme-prod.iam.gserviceaccount.com");
    String config = PulumiPlan.toJson(all(plan, "kubernetes:core/v1:ConfigMap"));
    assertThat(config).contains(GcpPlanOutputs.DATABASE_ADDRESS).contains(PostgresDatabase.CLIENT_CERTIFICATE_OPTIONS)
        .contains("flyte-production@acme-prod.iam.gserviceaccount.com").doesNotContain(FlyteGke.PENDING_ADDRESS);
    assertThat(all(plan, "kubernetes:core/v1:Namespace")).isNotEmpty();
    assertThat(all(plan, "kubernetes:apps/v1:Deployment")).extracting(PlannedResource::name)
        .contains("flyte-deployment/flyte/flyte-flyteadmin", "flyte-deployment/flyte/flyte-flytepropeller");
  }

  @Test
  void workloadsLogToCloudLoggingWhereTheTaskLogLinksOpen() {
    List<PlannedResource> plan = plan(args(Topology.CORE).build());

    assertThat(map(one(plan, "gcp:container/cluster:Cluster", "flyte").inputs().get("loggingConfig")).get("enableComponents"))
        .isEqualTo(List.of("SYSTEM_COMPONENTS", "WORKLOADS"));
    assertThat(PulumiPlan.toJson(all(plan, "kubernetes:core/v1:ConfigMap"))).contains("stackdriver-enabled: true")
        .contains("?project=" + PROJECT + "&angularJsUrl");
  }

  @Test
  void theComponentExposesTheAppliedDeployment() {
    AtomicReference<FlyteGke> component = new AtomicReference<>();
    PulumiTest.withMocks(args -> java.util.concurrent.CompletableFuture.completedFuture(
            com.pulumi.test.Mocks.ResourceResult.of(java.util.Optional.of(args.name + "-id"), merged(args))))
        .runTest(ctx -> component.set(new FlyteGke("flyte", args(Topology.BINARY).build(), ComponentResourceOptions.Empty)))
        .throwOnError();
    FlyteDeployment applied = PulumiTest.extractValue(component.get().getDeployment());
    PulumiTest.cleanup();
    assertThat(applied.database().host()).isEqualTo(GcpPlanOutputs.DATABASE_ADDRESS);
    assertThat(applied.database().clientCertificateSecret()).contains("flyte-db-client");
    assertThat(applied.identity().flatMap(i -> i.gcpServiceAccount())).contains("flyte-backend@acme-prod.iam.gserviceaccount.com");
  }

  private static Map<String, Object> merged(com.pulumi.test.Mocks.ResourceArgs args) {
    Map<String, Object> state = new java.util.TreeMap<>(args.inputs);
    state.putAll(new GcpPlanOutputs().of(args.type, args.name, args.inputs));
    return state;
  }

  @Test
  void badArgsAreListedWithTheirPathsBeforeAnythingIsCreated() {
    FlyteDeployment sandbox = FlyteDeployment.builder().name("flyte").topology(Topology.SANDBOX).build();
    FlyteGkeArgs bad = FlyteGkeArgs.builder().region("central").deployment(sandbox).nodeMinCount(5).nodeMaxCount(2)
        .addMasterAuthorizedCidrs("0.0.0.0/0").build();
    assertThatThrownBy(() -> new FlyteGke("flyte", bad))
        .isInstanceOf(InvalidDeploymentException.class)
        .satisfies(e -> assertThat(((InvalidDeploymentException) e).problems()).extracting(p -> p.path())
            .contains("topology", "gcp.region", "gcp.nodeMinCount", "gcp.masterAuthorizedCidrs"));
  }
}
