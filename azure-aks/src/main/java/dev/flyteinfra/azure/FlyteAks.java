package dev.flyteinfra.azure;

import com.pulumi.azurenative.authorization.AuthorizationFunctions;
import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;
import com.pulumi.azurenative.authorization.outputs.GetClientConfigResult;
import com.pulumi.azurenative.containerservice.AgentPool;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAddonProfileArgs;
import com.pulumi.azurenative.insights.DataCollectionRule;
import com.pulumi.azurenative.insights.DataCollectionRuleArgs;
import com.pulumi.azurenative.insights.DataCollectionRuleAssociation;
import com.pulumi.azurenative.insights.DataCollectionRuleAssociationArgs;
import com.pulumi.azurenative.insights.inputs.DataCollectionRuleDataSourcesArgs;
import com.pulumi.azurenative.insights.inputs.DataCollectionRuleDestinationsArgs;
import com.pulumi.azurenative.insights.inputs.DataFlowArgs;
import com.pulumi.azurenative.insights.inputs.ExtensionDataSourceArgs;
import com.pulumi.azurenative.insights.inputs.LogAnalyticsDestinationArgs;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.operationalinsights.WorkspaceArgs;
import com.pulumi.azurenative.operationalinsights.inputs.WorkspaceSkuArgs;
import com.pulumi.azurenative.containerservice.AgentPoolArgs;
import com.pulumi.azurenative.containerservice.ContainerserviceFunctions;
import com.pulumi.azurenative.containerservice.ManagedCluster;
import com.pulumi.azurenative.containerservice.ManagedClusterArgs;
import com.pulumi.azurenative.containerservice.enums.ResourceIdentityType;
import com.pulumi.azurenative.containerservice.inputs.ContainerServiceNetworkProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ListManagedClusterUserCredentialsArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAADProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAPIServerAccessProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAgentPoolProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterIdentityArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterOIDCIssuerProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterSecurityProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterSecurityProfileWorkloadIdentityArgs;
import com.pulumi.azurenative.dbforpostgresql.Configuration;
import com.pulumi.azurenative.dbforpostgresql.ConfigurationArgs;
import com.pulumi.azurenative.dbforpostgresql.Database;
import com.pulumi.azurenative.dbforpostgresql.DatabaseArgs;
import com.pulumi.azurenative.dbforpostgresql.Server;
import com.pulumi.azurenative.dbforpostgresql.ServerArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.BackupArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.HighAvailabilityArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.NetworkArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.SkuArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.StorageArgs;
import com.pulumi.azurenative.managedidentity.FederatedIdentityCredential;
import com.pulumi.azurenative.managedidentity.FederatedIdentityCredentialArgs;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentity;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentityArgs;
import com.pulumi.azurenative.network.PrivateZone;
import com.pulumi.azurenative.network.PrivateZoneArgs;
import com.pulumi.azurenative.network.Subnet;
import com.pulumi.azurenative.network.SubnetArgs;
import com.pulumi.azurenative.network.VirtualNetwork;
import com.pulumi.azurenative.network.VirtualNetworkArgs;
import com.pulumi.azurenative.network.VirtualNetworkLink;
import com.pulumi.azurenative.network.VirtualNetworkLinkArgs;
import com.pulumi.azurenative.network.inputs.AddressSpaceArgs;
import com.pulumi.azurenative.network.inputs.DelegationArgs;
import com.pulumi.azurenative.network.inputs.SubResourceArgs;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.azurenative.storage.BlobContainer;
import com.pulumi.azurenative.storage.BlobContainerArgs;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.azurenative.storage.StorageAccountArgs;
import com.pulumi.azurenative.storage.enums.PublicAccess;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
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
import dev.flyteinfra.core.model.ImmutableAzureLogAnalytics;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableTaskLogs;
import dev.flyteinfra.core.model.ImmutablePostgresDatabase;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.WorkloadIdentity;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.ManagedCloud;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.pulumi.FlyteKubernetesResources;
import dev.flyteinfra.pulumi.GeneratedPassword;
import dev.flyteinfra.pulumi.OutputMaps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Flyte on AKS, as one Pulumi component: a virtual network, an AKS cluster with the OIDC issuer,
 * workload identity, Entra ID sign-in and Azure RBAC (no local accounts), an optional tainted GPU
 * pool; PostgreSQL Flexible Server in a delegated subnet with a private DNS zone (no public access,
 * no firewall rule, TLS required); a storage account (HTTPS only, TLS 1.2, no public blob access,
 * no shared keys) with Flyte's containers; user-assigned identities for Flyte's backend and for
 * each domain's tasks, federated with exactly their Kubernetes service accounts and given Storage
 * Blob Data Contributor on the account — and Flyte deployed through the Pulumi Kubernetes
 * provider, rendered by the core once the cloud values are known.
 */
public class FlyteAks extends ComponentResource {
  /** The component's Pulumi type token. */
  public static final String TYPE = "flyte-infra:azure:FlyteAks";
  /** Azure's built-in role Storage Blob Data Contributor. */
  static final String BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
  /** Azure's built-in role Azure Kubernetes Service RBAC Cluster Admin, for whoever runs {@code pulumi up}. */
  static final String AKS_RBAC_CLUSTER_ADMIN = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b";
  static final String VNET_RANGE = "10.10.0.0/16";
  static final String NODE_RANGE = "10.10.0.0/20";
  static final String DATABASE_RANGE = "10.10.16.0/24";
  /** Federated credentials per identity that Azure allows. */
  static final int MAX_FEDERATED_CREDENTIALS = 20;
  /** Stands in for the client ids in the deployment's shape, before the identities exist. */
  /** The Container insights stream of the pods' logs, the table Flyte's Azure log links query. */
  private static final String CONTAINER_LOGS = "Microsoft-ContainerLogV2";

  static final String PENDING_CLIENT_ID = "00000000-0000-0000-0000-000000000000";

  private final ResourceGroup resourceGroup;
  private final ManagedCluster cluster;
  private final Server database;
  private final StorageAccount storageAccount;
  private final UserAssignedIdentity backendIdentity;
  private final Map<String, UserAssignedIdentity> taskIdentities = new TreeMap<>();
  private final Output<FlyteDeployment> deployment;

  /**
   * @throws InvalidDeploymentException with every problem of the args, before any resource is registered
   */
  public FlyteAks(String name, FlyteAksArgs args, ComponentResourceOptions options) {
    super(TYPE, name, validated(args, options));
    FlyteDeployment given = args.deployment();
    CloudRequirements requirements = Plan.of(given).cloudRequirements();
    CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
    String location = args.location();

    resourceGroup = new ResourceGroup(name, ResourceGroupArgs.builder().location(location).build(), child);
    Output<String> group = resourceGroup.name();
    VirtualNetwork network = new VirtualNetwork(name + "-vnet", VirtualNetworkArgs.builder().resourceGroupName(group)
        .location(location).addressSpace(AddressSpaceArgs.builder().addressPrefixes(VNET_RANGE).build()).build(), child);
    Subnet nodes = new Subnet(name + "-nodes", SubnetArgs.builder().resourceGroupName(group)
        .virtualNetworkName(network.name()).addressPrefix(NODE_RANGE).build(), child);
    Subnet databaseSubnet = new Subnet(name + "-database", SubnetArgs.builder().resourceGroupName(group)
        .virtualNetworkName(network.name()).addressPrefix(DATABASE_RANGE)
        .delegations(DelegationArgs.builder().name("postgres").serviceName("Microsoft.DBforPostgreSQL/flexibleServers").build())
        .build(), CustomResourceOptions.builder().parent(this).dependsOn(nodes).build());
    PrivateZone zone = new PrivateZone(name + "-postgres-dns", PrivateZoneArgs.builder().resourceGroupName(group)
        .location("global").privateZoneName(given.name() + ".private.postgres.database.azure.com").build(), child);
    VirtualNetworkLink zoneLink = new VirtualNetworkLink(name + "-postgres-dns", VirtualNetworkLinkArgs.builder()
        .resourceGroupName(group).location("global").privateZoneName(zone.name()).registrationEnabled(false)
        .virtualNetwork(SubResourceArgs.builder().id(network.id()).build()).build(), child);

    Optional<Workspace> logs = args.containerInsights() ? Optional.of(new Workspace(name + "-logs", WorkspaceArgs.builder()
        .resourceGroupName(group).location(location).workspaceName(logWorkspaceName(given))
        .sku(WorkspaceSkuArgs.builder().name("PerGB2018").build()).retentionInDays(30).build(), child)) : Optional.empty();
    cluster = new ManagedCluster(name, ManagedClusterArgs.builder().resourceGroupName(group).location(location)
        .dnsPrefix(given.name())
        .identity(ManagedClusterIdentityArgs.builder().type(ResourceIdentityType.SystemAssigned).build())
        .enableRBAC(true)
        .disableLocalAccounts(true)
        .aadProfile(ManagedClusterAADProfileArgs.builder().managed(true).enableAzureRBAC(true).build())
        .oidcIssuerProfile(ManagedClusterOIDCIssuerProfileArgs.builder().enabled(true).build())
        .securityProfile(ManagedClusterSecurityProfileArgs.builder()
            .workloadIdentity(ManagedClusterSecurityProfileWorkloadIdentityArgs.builder().enabled(true).build()).build())
        .networkProfile(ContainerServiceNetworkProfileArgs.builder().networkPlugin("azure").networkPolicy("azure")
            .serviceCidr("10.20.0.0/16").dnsServiceIP("10.20.0.10").build())
        .apiServerAccessProfile(ManagedClusterAPIServerAccessProfileArgs.builder()
            .authorizedIPRanges(args.apiServerAuthorizedCidrs()).build())
        .agentPoolProfiles(ManagedClusterAgentPoolProfileArgs.builder().name("system").mode("System").osType("Linux")
            .vmSize(args.nodeVmSize()).enableAutoScaling(true).count(args.nodeMinCount())
            .minCount(args.nodeMinCount()).maxCount(args.nodeMaxCount()).vnetSubnetID(nodes.id())
            .nodeLabels(Map.of("flyte.org/node-role", "worker")).build())
        .addonProfiles(logs.map(workspace -> Map.of("omsagent", ManagedClusterAddonProfileArgs.builder().enabled(true)
            .config(workspace.id().applyValue(id -> Map.of("logAnalyticsWorkspaceResourceID", id, "useAADAuth", "true"))).build()))
            .orElse(Map.of()))
        .build(), child);
    logs.ifPresent(workspace -> collectContainerLogs(name, group, location, workspace));
    List<Resource> nodePools = new ArrayList<>(List.of(cluster));
    args.gpuNodes().ifPresent(gpu -> nodePools.add(new AgentPool(name + "-gpu", AgentPoolArgs.builder().resourceGroupName(group)
        .resourceName(cluster.name()).agentPoolName("gpu").mode("User").osType("Linux").vmSize(gpu.vmSize())
        .enableAutoScaling(true).count(gpu.minCount()).minCount(gpu.minCount()).maxCount(gpu.maxCount())
        .vnetSubnetID(nodes.id())
        .nodeLabels(Map.of("flyte.org/node-role", "gpu"))
        .nodeTaints("nvidia.com/gpu=present:NoSchedule").build(), child)));

    Output<String> password = GeneratedPassword.orGiven(args.databasePassword());
    database = new Server(name + "-db", ServerArgs.builder().resourceGroupName(group).location(location)
        .version(args.databaseVersion())
        .sku(SkuArgs.builder().name(args.databaseSku()).tier("GeneralPurpose").build())
        .storage(StorageArgs.builder().storageSizeGB(args.databaseStorageGiB()).build())
        .backup(BackupArgs.builder().backupRetentionDays(args.backupRetentionDays()).geoRedundantBackup("Disabled").build())
        .highAvailability(HighAvailabilityArgs.builder().mode(args.databaseHighAvailability() ? "ZoneRedundant" : "Disabled").build())
        .network(NetworkArgs.builder().delegatedSubnetResourceId(databaseSubnet.id()).privateDnsZoneArmResourceId(zone.id()).build())
        .administratorLogin(requirements.databaseUser())
        .administratorLoginPassword(password)
        .build(), CustomResourceOptions.builder().parent(this).dependsOn(zoneLink).additionalSecretOutputs("administratorLoginPassword")
            // A generated password is made once: later runs keep the one in the stack's state.
            .ignoreChanges(args.databasePassword().isPresent() ? List.of() : List.of("administratorLoginPassword")).build());
    new Configuration(name + "-db-require-tls", ConfigurationArgs.builder().resourceGroupName(group).serverName(database.name())
        .configurationName("require_secure_transport").value("on").source("user-override").build(), child);
    new Database(name + "-db-" + requirements.databaseName(), DatabaseArgs.builder().resourceGroupName(group)
        .serverName(database.name()).databaseName(requirements.databaseName()).charset("UTF8").collation("en_US.utf8").build(), child);

    String account = given.storage().azure().orElseThrow().account();
    storageAccount = new StorageAccount(name + "-storage", StorageAccountArgs.builder().resourceGroupName(group).location(location)
        .accountName(account).kind("StorageV2").sku(com.pulumi.azurenative.storage.inputs.SkuArgs.builder().name("Standard_ZRS").build())
        .enableHttpsTrafficOnly(true).minimumTlsVersion("TLS1_2").allowBlobPublicAccess(false).allowSharedKeyAccess(false)
        .defaultToOAuthAuthentication(true)
        .build(), child);
    for (String container : requirements.buckets()) {
      new BlobContainer(name + "-" + container, BlobContainerArgs.builder().resourceGroupName(group)
          .accountName(storageAccount.name()).containerName(container).publicAccess(PublicAccess.None).build(), child);
    }

    Output<String> issuer = cluster.oidcIssuerProfile().applyValue(profile -> profile.orElseThrow().issuerURL());
    // Who runs `pulumi up`, and in which subscription.
    Output<GetClientConfigResult> signedIn = AuthorizationFunctions.getClientConfig();
    Output<String> subscription = signedIn.applyValue(GetClientConfigResult::subscriptionId);
    backendIdentity = identity(name + "-backend", group, location, issuer, subscription, requirements.backendServiceAccounts());
    for (Domain domain : given.domains()) {
      taskIdentities.put(domain.name(), identity(name + "-tasks-" + domain.name(), group, location, issuer, subscription,
          requirements.taskServiceAccountsOf(domain.name())));
    }
    // Whoever runs `pulumi up` applies Flyte's objects, signed in with Entra ID.
    Output<String> deployer = signedIn.applyValue(GetClientConfigResult::objectId);
    RoleAssignment deployerAccess = new RoleAssignment(name + "-deployer-cluster-admin", RoleAssignmentArgs.builder()
        .scope(cluster.id()).principalId(deployer)
        .roleDefinitionId(roleDefinition(subscription, AKS_RBAC_CLUSTER_ADMIN)).build(), child);

    Output<String> kubeconfig = ContainerserviceFunctions.listManagedClusterUserCredentials(
            ListManagedClusterUserCredentialsArgs.builder().resourceGroupName(group).resourceName(cluster.name()).format("exec").build())
        .applyValue(credentials -> new String(Base64.getDecoder().decode(credentials.kubeconfigs().get(0).value()),
            StandardCharsets.UTF_8))
        .asSecret();
    List<Resource> beforeKubernetes = new ArrayList<>(nodePools);
    beforeKubernetes.add(deployerAccess);
    Provider kubernetes = new Provider(name + "-kubernetes", ProviderArgs.builder().kubeconfig(kubeconfig).build(),
        CustomResourceOptions.builder().parent(this).dependsOn(beforeKubernetes).build());

    String passwordSecret = given.name() + "-db";
    Map<String, String> plannedClientIds = new TreeMap<>();
    given.domains().forEach(domain -> plannedClientIds.put(domain.name(), PENDING_CLIENT_ID));
    FlyteDeployment shape = withLogLinks(applied(given, given.name() + ".postgres.database.azure.com", passwordSecret,
        PENDING_CLIENT_ID, plannedClientIds), logs.map(workspace -> new LogWorkspace(PENDING_CLIENT_ID, PENDING_CLIENT_ID,
        "pending", logWorkspaceName(given))));
    Output<Map<String, String>> taskClientIds = OutputMaps.resolved(taskIdentities, UserAssignedIdentity::clientId);
    Output<Optional<LogWorkspace>> logWorkspace = logs.isEmpty() ? Output.of(Optional.empty())
        : Output.tuple(signedIn, group).applyValue(values -> Optional.of(new LogWorkspace(values.t1.tenantId(),
            values.t1.subscriptionId(), values.t2, logWorkspaceName(given))));
    deployment = Output.tuple(database.fullyQualifiedDomainName(), backendIdentity.clientId(), taskClientIds, logWorkspace)
        .applyValue(values -> withLogLinks(applied(given, values.t1, passwordSecret, values.t2, values.t3), values.t4));
    String namespace = given.namespace();
    // The server does not give its password back: a generated one is kept, like the server's, by ignoring later values.
    List<String> keepGenerated = args.databasePassword().isPresent() ? List.of() : List.of("stringData");
    FlyteKubernetesResources.register(name, shape, deployment, this, kubernetes, namespaces -> List.of(
        new Secret(name + "-" + passwordSecret, SecretArgs.builder()
            .metadata(ObjectMetaArgs.builder().name(passwordSecret).namespace(namespace).build())
            .stringData(password.applyValue(value -> Map.of("password", value)).asSecret())
            .build(), CustomResourceOptions.builder().parent(this).provider(kubernetes).dependsOn(List.copyOf(namespaces))
                .ignoreChanges(keepGenerated).build())));

    Map<String, Output<?>> outputs = new LinkedHashMap<>();
    outputs.put("resourceGroupName", group);
    outputs.put("clusterName", cluster.name());
    outputs.put("databaseHost", database.fullyQualifiedDomainName());
    outputs.put("storageAccount", storageAccount.name());
    outputs.put("backendClientId", backendIdentity.clientId());
    registerOutputs(outputs);
  }

  public FlyteAks(String name, FlyteAksArgs args) {
    this(name, args, ComponentResourceOptions.Empty);
  }

  private static ComponentResourceOptions validated(FlyteAksArgs args, ComponentResourceOptions options) {
    InvalidDeploymentException.throwIfAny(problemsOf(args));
    return options;
  }

  /**
   * Everything this component cannot build, as field path, problem and fix: the deployment's own
   * problems, what AKS cannot host, and the {@link AksOptions}' problems under {@code azure.}, as
   * in a config file.
   */
  public static List<Problem> problemsOf(FlyteAksArgs args) {
    FlyteDeployment d = args.deployment();
    List<Problem> problems = ManagedCloud.problems(d, "FlyteAks", "AKS", "a PostgreSQL Flexible Server");
    if (d.storage() != null && d.storage().azure().isEmpty()) {
      problems.add(new Problem("storage", "FlyteAks creates a storage account and its containers",
          "set storage.azure with the account name"));
    }
    if (d.projects().size() > MAX_FEDERATED_CREDENTIALS) {
      problems.add(new Problem("projects", "a domain's identity is federated with every project's task service account, and "
          + "Azure allows " + MAX_FEDERATED_CREDENTIALS + " per identity; there are " + d.projects().size() + " projects",
          "keep at most " + MAX_FEDERATED_CREDENTIALS + " projects per AKS deployment"));
    }
    args.problems().forEach(p -> problems.add(p.under("azure")));
    return problems;
  }

  /**
   * A user-assigned identity federated with exactly these service accounts (one credential at a
   * time: Azure refuses concurrent writes to one identity's credentials), with Storage Blob Data
   * Contributor on the storage account.
   */
  private UserAssignedIdentity identity(String name, Output<String> group, String location, Output<String> issuer,
      Output<String> subscription, List<CloudRequirements.ServiceAccountRef> serviceAccounts) {
    UserAssignedIdentity identity = new UserAssignedIdentity(name, UserAssignedIdentityArgs.builder().resourceGroupName(group)
        .location(location).build(), CustomResourceOptions.builder().parent(this).build());
    Resource previous = identity;
    for (CloudRequirements.ServiceAccountRef sa : serviceAccounts) {
      previous = new FederatedIdentityCredential(name + "-" + sa.namespace() + "-" + sa.name(),
          FederatedIdentityCredentialArgs.builder().resourceGroupName(group).resourceName(identity.name())
              .issuer(issuer).subject(sa.subject()).audiences("api://AzureADTokenExchange").build(),
          CustomResourceOptions.builder().parent(this).dependsOn(previous).build());
    }
    new RoleAssignment(name + "-blob-data", RoleAssignmentArgs.builder().scope(storageAccount.id())
        .principalId(identity.principalId()).principalType("ServicePrincipal")
        .roleDefinitionId(roleDefinition(subscription, BLOB_DATA_CONTRIBUTOR)).build(),
        CustomResourceOptions.builder().parent(this).build());
    return identity;
  }

  private static Output<String> roleDefinition(Output<String> subscription, String role) {
    return subscription.applyValue(id -> "/subscriptions/" + id + "/providers/Microsoft.Authorization/roleDefinitions/" + role);
  }

  /** The Log Analytics workspace of Container insights, where the task log links point. */
  private record LogWorkspace(String tenantId, String subscriptionId, String resourceGroup, String name) {}

  static String logWorkspaceName(FlyteDeployment flyte) {
    return flyte.name() + "-logs";
  }

  /** With Container insights, the console's task log links point at its workspace. */
  private static FlyteDeployment withLogLinks(FlyteDeployment flyte, Optional<LogWorkspace> workspace) {
    return workspace.map(w -> (FlyteDeployment) ImmutableFlyteDeployment.copyOf(flyte).withTaskLogs(ImmutableTaskLogs.copyOf(flyte.taskLogs())
        .withAzure(ImmutableAzureLogAnalytics.builder().tenantId(w.tenantId()).subscriptionId(w.subscriptionId())
            .resourceGroup(w.resourceGroup()).workspace(w.name()).build()))).orElse(flyte);
  }

  /**
   * Sends the pods' logs to the workspace as ContainerLogV2 rows, the table Flyte's Azure log links
   * query: a data collection rule of the Container insights extension, associated with the cluster.
   */
  private void collectContainerLogs(String name, Output<String> group, String location, Workspace workspace) {
    CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
    DataCollectionRule rule = new DataCollectionRule(name + "-container-logs", DataCollectionRuleArgs.builder()
        .resourceGroupName(group).location(location).kind("Linux")
        .dataSources(DataCollectionRuleDataSourcesArgs.builder().extensions(ExtensionDataSourceArgs.builder()
            .name("ContainerInsightsExtension").extensionName("ContainerInsights").streams(Either.ofLeft(CONTAINER_LOGS))
            .extensionSettings(Map.of("dataCollectionSettings", Map.of("interval", "1m", "namespaceFilteringMode", "Off",
                "enableContainerLogV2", true)))
            .build()).build())
        .destinations(DataCollectionRuleDestinationsArgs.builder().logAnalytics(LogAnalyticsDestinationArgs.builder()
            .name("workspace").workspaceResourceId(workspace.id()).build()).build())
        .dataFlows(DataFlowArgs.builder().streams(Either.ofLeft(CONTAINER_LOGS)).destinations("workspace").build())
        .build(), child);
    new DataCollectionRuleAssociation(name + "-container-logs", DataCollectionRuleAssociationArgs.builder()
        .resourceUri(cluster.id()).associationName("ContainerInsightsExtension").dataCollectionRuleId(rule.id()).build(), child);
  }

  /** The deployment as applied: the server's host, the password Secret, the identities' client ids. */
  private static FlyteDeployment applied(FlyteDeployment given, String databaseHost, String passwordSecret, String backendClientId,
      Map<String, String> taskClientIdsByDomain) {
    List<Domain> domains = given.domains().stream().map(domain -> (Domain) ImmutableDomain.copyOf(domain)
        .withTaskIdentity(WorkloadIdentity.azureClient(taskClientIdsByDomain.get(domain.name())))).toList();
    return ImmutableFlyteDeployment.copyOf(given)
        .withDatabase(ImmutablePostgresDatabase.copyOf(given.database())
            .withHost(databaseHost)
            .withPasswordSecret(SecretKeyRef.of(passwordSecret, "password")))
        .withIdentity(WorkloadIdentity.azureClient(backendClientId))
        .withDomains(domains);
  }

  public ResourceGroup getResourceGroup() {
    return resourceGroup;
  }

  public ManagedCluster getCluster() {
    return cluster;
  }

  public Server getDatabase() {
    return database;
  }

  public StorageAccount getStorageAccount() {
    return storageAccount;
  }

  public UserAssignedIdentity getBackendIdentity() {
    return backendIdentity;
  }

  /** Domain → the identity its tasks act as. */
  public Map<String, UserAssignedIdentity> getTaskIdentities() {
    return new LinkedHashMap<>(taskIdentities);
  }

  /** The Flyte deployment as applied to the cluster, once the cloud values are known. */
  public Output<FlyteDeployment> getDeployment() {
    return deployment;
  }
}
