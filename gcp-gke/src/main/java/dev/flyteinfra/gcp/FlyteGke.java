package dev.flyteinfra.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.sql.DatabaseInstance;
import com.pulumi.gcp.sql.SslCert;
import com.pulumi.gcp.storage.Bucket;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutablePostgresDatabase;
import dev.flyteinfra.core.model.ImmutableTaskLogs;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.WorkloadIdentity;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.ManagedCloud;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.pulumi.FlyteKubernetesResources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  static final List<String> NODE_ROLES = GkeCluster.NODE_ROLES;
  /** What tasks get on their secrets, with taskSecrets backend gcp. */
  static final String SECRET_ACCESSOR = GkeIdentities.SECRET_ACCESSOR;
  /** Stands in for the database address in the deployment's shape, before Cloud SQL has one. */
  static final String PENDING_ADDRESS = "10.255.255.254";

  private final Cluster cluster;
  private final DatabaseInstance database;
  private final Map<String, Bucket> buckets;
  private final GkeIdentities identities;
  private final Output<FlyteDeployment> deployment;

  /**
   * @throws InvalidDeploymentException with every problem of the args, before any resource is registered
   */
  public FlyteGke(String name, FlyteGkeArgs args, ComponentResourceOptions options) {
    super(TYPE, name, validated(args, options));
    FlyteDeployment given = args.deployment();
    String project = given.storage().gcs().orElseThrow().project();

    GkeNetwork network = new GkeNetwork(this, name, project, args);
    GkeCluster gke = new GkeCluster(this, name, project, args, network);
    cluster = gke.cluster();
    CloudRequirements requirements = Plan.of(given).cloudRequirements();
    GkeDatabase db = new GkeDatabase(this, name, project, args, network, requirements);
    database = db.instance();
    buckets = GkeBuckets.create(this, name, project, args, requirements.buckets());
    identities = new GkeIdentities(this, name, given.name(), project, requirements, buckets);
    if (GkeNotifications.wanted(given)) {
      GkeNotifications.create(this, name, project, GkeNotifications.topicName(given), requirements, identities);
    }

    Provider kubernetes = new Provider(name + "-kubernetes", ProviderArgs.builder()
        .kubeconfig(Output.tuple(cluster.name(), cluster.endpoint(), cluster.masterAuth())
            .applyValue(c -> Kubeconfig.of(project, args.region(), c.t1, c.t2, c.t3.clusterCaCertificate().orElse(""))))
        .build(), CustomResourceOptions.builder().parent(this).dependsOn(gke.nodePools()).build());

    String passwordSecret = given.name() + "-db";
    String certificateSecret = given.name() + "-db-client";
    // The emails are known in advance (<account id>@<project>.iam.gserviceaccount.com); only the address is not.
    FlyteDeployment shape = applied(given, requirements, PENDING_ADDRESS, passwordSecret, certificateSecret,
        identities.planned(given.name(), project));
    deployment = Output.tuple(database.privateIpAddress(), identities.resolved()).applyValue(values ->
        applied(given, requirements, values.t1, passwordSecret, certificateSecret, values.t2));
    String namespace = given.namespace();
    SslCert clientCertificate = db.clientCertificate();
    FlyteKubernetesResources.register(name, shape, deployment, this, kubernetes, namespaces -> {
      CustomResourceOptions inNamespace = CustomResourceOptions.builder().parent(this).provider(kubernetes)
          .dependsOn(List.copyOf(namespaces)).build();
      Secret passwordObject = new Secret(name + "-" + passwordSecret, SecretArgs.builder()
          .metadata(ObjectMetaArgs.builder().name(passwordSecret).namespace(namespace).build())
          .stringData(db.user().password().applyValue(value -> Map.of("password", value.orElseThrow())).asSecret())
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
    outputs.put("backendServiceAccount", getBackendAccount().email());
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

  /** The deployment as applied: Cloud SQL's address, the password and certificate Secrets, the service accounts by key. */
  private static FlyteDeployment applied(FlyteDeployment given, CloudRequirements requirements, String databaseAddress,
      String passwordSecret, String certificateSecret, Map<String, WorkloadIdentity> identities) {
    String project = given.storage().gcs().orElseThrow().project();
    return ImmutableFlyteDeployment.copyOf(requirements.withIdentities(given, identities))
        .withDatabase(ImmutablePostgresDatabase.copyOf(given.database())
            .withHost(databaseAddress)
            .withPasswordSecret(SecretKeyRef.of(passwordSecret, "password"))
            .withClientCertificateSecret(certificateSecret)
            // Cloud SQL with requireSsl takes only connections with a client certificate.
            .withOptions(PostgresDatabase.CLIENT_CERTIFICATE_OPTIONS))
        // The cluster's workloads log to Cloud Logging: link each task to its pod's logs there, unless links are set.
        .withTaskLogs(given.taskLogs().stackdriverProject().isPresent() || given.taskLogs().kubernetesTemplateUri().isPresent()
            ? given.taskLogs() : ImmutableTaskLogs.copyOf(given.taskLogs()).withStackdriverProject(project))
        .withNotifications(GkeNotifications.applied(given, project));
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
    return identities.account(CloudRequirements.BACKEND);
  }

  /** Domain → the service account its tasks act as. */
  public Map<String, Account> getTaskAccounts() {
    return new LinkedHashMap<>(identities.byDomain());
  }

  /** Identity key ({@code backend}, {@code tasks-<domain>}) → the service account that is that identity. */
  public Map<String, Account> getAccounts() {
    return new LinkedHashMap<>(identities.accounts());
  }

  /** The Flyte deployment as applied to the cluster, once the cloud values are known. */
  public Output<FlyteDeployment> getDeployment() {
    return deployment;
  }
}
