package dev.flyteinfra.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.core.Output;
import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableAzureBlobStorage;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.pulumi.PulumiPlan;
import dev.flyteinfra.pulumi.PulumiPlan.PlannedResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FlyteAks under Pulumi's mock engine: every resource it plans, and the security properties of each. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FlyteAksTest {
  static FlyteDeployment deployment(Topology topology) {
    return FlyteDeployment.builder().name("flyte").topology(topology)
        .database(PostgresDatabase.builder().host("placeholder.invalid").dbname("flyteadmin").username("flyteadmin")
            .passwordSecret(SecretKeyRef.of("replaced", "password")).build())
        .storage(ObjectStore.builder().metadataBucket("flyte-metadata").userDataBucket("flyte-data")
            .azure(ImmutableAzureBlobStorage.builder().account("acmeflyte").build()).build())
        .projects(List.of(Project.named("flytesnacks"), Project.named("ml")))
        .domains(List.of(Domain.named("development"), Domain.named("production")))
        .build();
  }

  static ImmutableFlyteAksArgs.Builder args(Topology topology) {
    return FlyteAksArgs.builder().location("eastus").deployment(deployment(topology));
  }

  static List<PlannedResource> plan(FlyteAksArgs args) {
    return PulumiPlan.of("flyte", "test", ctx -> new FlyteAks("flyte", args), new AzurePlanOutputs());
  }

  static List<PlannedResource> all(List<PlannedResource> plan, String type) {
    return plan.stream().filter(r -> r.type().equals(type)).toList();
  }

  static PlannedResource one(List<PlannedResource> plan, String type) {
    assertThat(all(plan, type)).as(type).hasSize(1);
    return all(plan, type).get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @Test
  void clusterHasTheOidcIssuerWorkloadIdentityAndNoLocalAccounts() {
    List<PlannedResource> plan = plan(args(Topology.CORE).addApiServerAuthorizedCidrs("203.0.113.0/24")
        .gpuNodes(AksOptions.GpuPool.builder().build()).build());
    Map<String, Object> cluster = one(plan, "azure-native:containerservice:ManagedCluster").inputs();
    assertThat(map(cluster.get("oidcIssuerProfile"))).containsEntry("enabled", true);
    assertThat(map(map(cluster.get("securityProfile")).get("workloadIdentity"))).containsEntry("enabled", true);
    assertThat(cluster).containsEntry("disableLocalAccounts", true).containsEntry("enableRBAC", true);
    assertThat(map(cluster.get("aadProfile"))).containsEntry("managed", true).containsEntry("enableAzureRBAC", true);
    assertThat(map(cluster.get("apiServerAccessProfile")).get("authorizedIPRanges")).isEqualTo(List.of("203.0.113.0/24"));
    Map<String, Object> gpu = one(plan, "azure-native:containerservice:AgentPool").inputs();
    assertThat(gpu.get("nodeTaints")).isEqualTo(List.of("nvidia.com/gpu=present:NoSchedule"));
    assertThat(gpu).containsEntry("mode", "User").containsEntry("enableAutoScaling", true);
  }

  @Test
  void postgresIsPrivateWithoutFirewallRulesAndRequiresTls() {
    List<PlannedResource> plan = plan(args(Topology.CORE).databaseHighAvailability(true).build());
    Map<String, Object> server = one(plan, "azure-native:dbforpostgresql:Server").inputs();
    assertThat(map(server.get("network"))).containsEntry("delegatedSubnetResourceId", "flyte-database-id")
        .containsEntry("privateDnsZoneArmResourceId", "flyte-postgres-dns-id");
    assertThat(server).containsEntry("administratorLoginPassword", PulumiPlan.SECRET).containsEntry("version", "16");
    assertThat(map(server.get("highAvailability"))).containsEntry("mode", "ZoneRedundant");
    assertThat(map(server.get("backup"))).containsEntry("backupRetentionDays", 7L);
    assertThat(all(plan, "azure-native:dbforpostgresql:FirewallRule")).isEmpty();
    assertThat(one(plan, "azure-native:dbforpostgresql:Configuration").inputs())
        .containsEntry("configurationName", "require_secure_transport").containsEntry("value", "on");
    assertThat(all(plan, "azure-native:network:Subnet")).filteredOn(s -> s.name().equals("flyte-database")).singleElement()
        .satisfies(subnet -> assertThat(subnet.inputs().get("delegations").toString()).contains("Microsoft.DBforPostgreSQL/flexibleServers"));
  }

  @Test
  void storageIsHttpsOnlyTls12NotPublicAndWithoutSharedKeys() {
    List<PlannedResource> plan = plan(args(Topology.BINARY).build());
    assertThat(one(plan, "azure-native:storage:StorageAccount").inputs()).containsEntry("accountName", "acmeflyte")
        .containsEntry("enableHttpsTrafficOnly", true).containsEntry("minimumTlsVersion", "TLS1_2")
        .containsEntry("allowBlobPublicAccess", false).containsEntry("allowSharedKeyAccess", false);
    assertThat(all(plan, "azure-native:storage:BlobContainer")).extracting(r -> r.inputs().get("containerName"))
        .containsExactlyInAnyOrder("flyte-data", "flyte-metadata");
    assertThat(all(plan, "azure-native:storage:BlobContainer")).allSatisfy(c -> assertThat(c.inputs()).containsEntry("publicAccess", "None"));
  }

  @Test
  void identitiesAreFederatedWithExactlyTheirServiceAccountsAndScopedToTheAccount() {
    List<PlannedResource> plan = plan(args(Topology.CORE).build());
    assertThat(all(plan, "azure-native:managedidentity:UserAssignedIdentity")).extracting(PlannedResource::name)
        .containsExactlyInAnyOrder("flyte-backend", "flyte-tasks-development", "flyte-tasks-production");
    List<PlannedResource> credentials = all(plan, "azure-native:managedidentity:FederatedIdentityCredential");
    assertThat(credentials).allSatisfy(c -> assertThat(c.inputs()).containsEntry("audiences", List.of("api://AzureADTokenExchange"))
        .containsEntry("issuer", "https://eastus.oic.prod-aks.azure.com/plan/flyte/"));
    assertThat(credentials).filteredOn(c -> c.inputs().get("resourceName").equals("flyte-tasks-production"))
        .extracting(c -> c.inputs().get("subject")).containsExactlyInAnyOrder(
            "system:serviceaccount:flytesnacks-production:default", "system:serviceaccount:ml-production:default");
    assertThat(credentials).filteredOn(c -> c.inputs().get("resourceName").equals("flyte-backend"))
        .extracting(c -> c.inputs().get("subject")).containsExactlyInAnyOrder("system:serviceaccount:flyte:flyte-flyteadmin",
            "system:serviceaccount:flyte:flyte-datacatalog", "system:serviceaccount:flyte:flyte-flytescheduler",
            "system:serviceaccount:flyte:flyte-flytepropeller");
    List<PlannedResource> blobGrants = all(plan, "azure-native:authorization:RoleAssignment").stream()
        .filter(r -> r.name().endsWith("-blob-data")).toList();
    assertThat(blobGrants).hasSize(3).allSatisfy(grant -> assertThat(grant.inputs())
        .containsEntry("scope", "flyte-storage-id").containsEntry("principalType", "ServicePrincipal")
        .containsEntry("roleDefinitionId", "/subscriptions/" + AzurePlanOutputs.SUBSCRIPTION
            + "/providers/Microsoft.Authorization/roleDefinitions/" + FlyteAks.BLOB_DATA_CONTRIBUTOR));
  }

  @Test
  void containerInsightsSendsThePodsLogsToAWorkspaceTheTaskLogLinksOpen() {
    List<PlannedResource> plan = plan(args(Topology.CORE).containerInsights(true).build());

    assertThat(one(plan, "azure-native:operationalinsights:Workspace").inputs()).containsEntry("workspaceName", "flyte-logs")
        .containsEntry("retentionInDays", 30L);
    Map<String, Object> agent = map(map(one(plan, "azure-native:containerservice:ManagedCluster").inputs().get("addonProfiles")).get("omsagent"));
    assertThat(agent).containsEntry("enabled", true);
    assertThat(map(agent.get("config"))).containsEntry("useAADAuth", "true").containsKey("logAnalyticsWorkspaceResourceID");
    String rule = PulumiPlan.toJson(List.of(one(plan, "azure-native:insights:DataCollectionRule")));
    assertThat(rule).contains("Microsoft-ContainerLogV2", "ContainerInsights", "\"enableContainerLogV2\" : true");
    assertThat(one(plan, "azure-native:insights:DataCollectionRuleAssociation").inputs())
        .containsEntry("associationName", "ContainerInsightsExtension");
    assertThat(PulumiPlan.toJson(all(plan, "kubernetes:core/v1:ConfigMap"))).contains("LogsBlade.AnalyticsShareLinkToQuery",
        "%2Fsubscriptions%2F" + AzurePlanOutputs.SUBSCRIPTION + "%2FresourceGroups%2Fflyte%2Fproviders"
            + "%2FMicrosoft.OperationalInsights%2Fworkspaces%2Fflyte-logs");

    List<PlannedResource> without = plan(args(Topology.CORE).build());
    assertThat(all(without, "azure-native:operationalinsights:Workspace")).isEmpty();
    assertThat(PulumiPlan.toJson(all(without, "kubernetes:core/v1:ConfigMap"))).doesNotContain("LogsBlade.AnalyticsShareLinkToQuery");
  }

  @Test
  void flyteIsDeployedWithTheCloudValuesAndAGivenPasswordStaysSecret() {
    String password = "given-password-4711";
    List<PlannedResource> plan = plan(args(Topology.CORE).databasePassword(Output.of(password)).build());
    String json = PulumiPlan.toJson(plan);
    assertThat(json).doesNotContain(password).doesNotContain(FlyteAks.PENDING_CLIENT_ID);
    PlannedResource admin = plan.stream().filter(r -> r.name().equals("flyte-serviceaccount/flyte/flyte-flyteadmin")).findFirst().orElseThrow();
    assertThat(map(map(admin.inputs().get("metadata")).get("annotations"))).containsKey("azure.workload.identity/client-id");
    assertThat(PulumiPlan.toJson(all(plan, "kubernetes:core/v1:ConfigMap"))).contains("flyte-db.postgres.database.azure.com")
        .contains("kind: azure").contains("account: acmeflyte");
    assertThat(all(plan, "kubernetes:core/v1:Secret")).filteredOn(s -> s.name().equals("flyte-flyte-db")).singleElement()
        .satisfies(secret -> assertThat(secret.inputs()).containsEntry("stringData", PulumiPlan.SECRET));
    assertThat(one(plan, "pulumi:providers:kubernetes").inputs()).containsEntry("kubeconfig", PulumiPlan.SECRET);
  }

  @Test
  void badArgsAreListedWithTheirPathsBeforeAnythingIsCreated() {
    FlyteDeployment s3 = FlyteDeployment.builder().from(deployment(Topology.BINARY))
        .storage(ObjectStore.builder().metadataBucket("m").s3(dev.flyteinfra.core.model.ImmutableS3Storage.builder().region("us-east-1").build())
            .build()).build();
    FlyteAksArgs bad = FlyteAksArgs.builder().location("East US").deployment(s3).nodeMinCount(0).backupRetentionDays(3)
        .addApiServerAuthorizedCidrs("0.0.0.0/0").build();
    assertThatThrownBy(() -> new FlyteAks("flyte", bad))
        .isInstanceOf(InvalidDeploymentException.class)
        .satisfies(e -> assertThat(((InvalidDeploymentException) e).problems()).extracting(p -> p.path())
            .contains("storage", "azure.location", "azure.nodeMinCount", "azure.backupRetentionDays", "azure.apiServerAuthorizedCidrs"));
  }
}
