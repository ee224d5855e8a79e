package dev.flyteinfra.azure;

import com.pulumi.azurenative.authorization.AuthorizationFunctions;
import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;
import com.pulumi.azurenative.authorization.outputs.GetClientConfigResult;
import com.pulumi.azurenative.containerservice.ContainerserviceFunctions;
import com.pulumi.azurenative.containerservice.ManagedCluster;
import com.pulumi.azurenative.containerservice.inputs.ListManagedClusterUserCredentialsArgs;
import com.pulumi.azurenative.dbforpostgresql.Server;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentity;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.azurenative.storage.StorageAccount;
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
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutablePostgresDatabase;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.WorkloadIdentity;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.ManagedCloud;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.pulumi.FlyteKubernetesResources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  static final String BLOB_DATA_CONTRIBUTOR = AksIdentities.BLOB_DATA_CONTRIBUTOR;
  /** Azure's built-in role Azure Kubernetes Service RBAC Cluster Admin, for whoever runs {@code pulumi up}. */
  static final String AKS_RBAC_CLUSTER_ADMIN = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b";
  /** Federated credentials per identity that Azure allows. */
  static final int MAX_FEDERATED_CREDENTIALS = 20;
  /** Stands in for the client ids in the deployment's shape, before the identities exist. */
  static final String PENDING_CLIENT_ID = "00000000-0000-0000-0000-000000000000";

  private final ResourceGroup resourceGroup;
  private final ManagedCluster cluster;
  private final Server database;
  private final StorageAccount storageAccount;
  private final AksIdentities identities;
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
    AksNetwork network = new AksNetwork(this, name, group, location, given.name());
    AksLogs logs = new AksLogs(this, name, group, location, given, args.containerInsights());
    AksCluster aks = new AksCluster(this, name, group, args, network, logs);
    cluster = aks.cluster();
    AksDatabase db = new AksDatabase(this, name, group, args, network, requirements);
    database = db.server();
    storageAccount = AksStorage.create(this, name, group, location, given.storage().azure().orElseThrow().account(),
        requirements.buckets());

    Output<String> issuer = cluster.oidcIssuerProfile().applyValue(profile -> profile.orElseThrow().issuerURL());
    // Who runs `pulumi up`, and in which subscription.
    Output<GetClientConfigResult> signedIn = AuthorizationFunctions.getClientConfig();
    Output<String> subscription = signedIn.applyValue(GetClientConfigResult::subscriptionId);
    identities = new AksIdentities(this, name, group, location, issuer, subscription, storageAccount, requirements);
    // Whoever runs `pulumi up` applies Flyte's objects, signed in with Entra ID.
    Output<String> deployer = signedIn.applyValue(GetClientConfigResult::objectId);
    RoleAssignment deployerAccess = new RoleAssignment(name + "-deployer-cluster-admin", RoleAssignmentArgs.builder()
        .scope(cluster.id()).principalId(deployer)
        .roleDefinitionId(AksIdentities.roleDefinition(subscription, AKS_RBAC_CLUSTER_ADMIN)).build(), child);

    Output<String> kubeconfig = ContainerserviceFunctions.listManagedClusterUserCredentials(
            ListManagedClusterUserCredentialsArgs.builder().resourceGroupName(group).resourceName(cluster.name()).format("exec").build())
        .applyValue(credentials -> new String(Base64.getDecoder().decode(credentials.kubeconfigs().get(0).value()),
            StandardCharsets.UTF_8))
        .asSecret();
    List<Resource> beforeKubernetes = new ArrayList<>(aks.nodePools());
    beforeKubernetes.add(deployerAccess);
    Provider kubernetes = new Provider(name + "-kubernetes", ProviderArgs.builder().kubeconfig(kubeconfig).build(),
        CustomResourceOptions.builder().parent(this).dependsOn(beforeKubernetes).build());

    String passwordSecret = given.name() + "-db";
    FlyteDeployment shape = AksLogs.withLogLinks(applied(given, requirements, given.name() + ".postgres.database.azure.com",
        passwordSecret, identities.planned(PENDING_CLIENT_ID)), logs.planned(given, PENDING_CLIENT_ID));
    deployment = Output.tuple(database.fullyQualifiedDomainName(), identities.resolved(), logs.resolved(given, signedIn))
        .applyValue(values -> AksLogs.withLogLinks(applied(given, requirements, values.t1, passwordSecret, values.t2), values.t3));
    String namespace = given.namespace();
    // The server does not give its password back: a generated one is kept, like the server's, by ignoring later values.
    List<String> keepGenerated = args.databasePassword().isPresent() ? List.of() : List.of("stringData");
    FlyteKubernetesResources.register(name, shape, deployment, this, kubernetes, namespaces -> List.of(
        new Secret(name + "-" + passwordSecret, SecretArgs.builder()
            .metadata(ObjectMetaArgs.builder().name(passwordSecret).namespace(namespace).build())
            .stringData(db.password().applyValue(value -> Map.of("password", value)).asSecret())
            .build(), CustomResourceOptions.builder().parent(this).provider(kubernetes).dependsOn(List.copyOf(namespaces))
                .ignoreChanges(keepGenerated).build())));

    Map<String, Output<?>> outputs = new LinkedHashMap<>();
    outputs.put("resourceGroupName", group);
    outputs.put("clusterName", cluster.name());
    outputs.put("databaseHost", database.fullyQualifiedDomainName());
    outputs.put("storageAccount", storageAccount.name());
    outputs.put("backendClientId", getBackendIdentity().clientId());
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

  /** The deployment as applied: the server's host, the password Secret, the identities' client ids by key. */
  private static FlyteDeployment applied(FlyteDeployment given, CloudRequirements requirements, String databaseHost,
      String passwordSecret, Map<String, WorkloadIdentity> identities) {
    return ImmutableFlyteDeployment.copyOf(requirements.withIdentities(given, identities))
        .withDatabase(ImmutablePostgresDatabase.copyOf(given.database())
            .withHost(databaseHost)
            .withPasswordSecret(SecretKeyRef.of(passwordSecret, "password")));
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
    return identities.identity(CloudRequirements.BACKEND);
  }

  /** Domain → the identity its tasks act as. */
  public Map<String, UserAssignedIdentity> getTaskIdentities() {
    return new LinkedHashMap<>(identities.byDomain());
  }

  /** The Flyte deployment as applied to the cluster, once the cloud values are known. */
  public Output<FlyteDeployment> getDeployment() {
    return deployment;
  }
}
