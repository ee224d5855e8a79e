package dev.flyteinfra.core.plan;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableMinioStorage;
import dev.flyteinfra.core.model.ImmutableObjectStore;
import dev.flyteinfra.core.model.ImmutablePostgresDatabase;
import dev.flyteinfra.core.model.Installation;
import dev.flyteinfra.core.model.MinioStorage;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.model.WorkloadIdentity;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A validated deployment with everything resolved that renderers share: object names, labels,
 * images and identity annotations. Build it with {@link #of(FlyteDeployment)}; renderers read it
 * and never the raw model's defaults again.
 */
public final class Plan {
  /** The cluster key of a deployment that runs in one cluster (otherwise clusters are keyed by name). */
  public static final String SINGLE_CLUSTER = "";
  /** Where flyte-binary reads its config files. */
  public static final String CONFIG_DIR = "/etc/flyte/config.d";
  /** Where flyte-binary reads the cluster resource templates. */
  public static final String TEMPLATES_DIR = "/etc/flyte/cluster-resource-templates";
  /** Where the database password file is mounted. */
  public static final String DB_PASSWORD_DIR = PostgresDatabase.CREDENTIALS_DIR;
  public static final String DB_PASSWORD_FILE = "pass.txt";

  private final FlyteDeployment deployment;
  private final Labels labels;
  private final FlyteImages images;
  private final InClusterNames inClusterNames;

  private Plan(FlyteDeployment valid) {
    this.inClusterNames = new InClusterNames(valid.name(), valid.namespace());
    this.deployment = withInClusterServices(valid, inClusterNames);
    this.labels = new Labels(deployment.name(), deployment.flyteVersion());
    this.images = FlyteImages.of(deployment);
  }

  /** Validates the deployment (throwing with every problem) and resolves it. */
  public static Plan of(FlyteDeployment deployment) {
    return new Plan(deployment.requireValid());
  }

  /**
   * The deployment with every default resolved: the sandbox's database and store, and the host,
   * endpoint and Secrets of in-cluster Postgres and MinIO filled in.
   */
  public FlyteDeployment deployment() {
    return deployment;
  }

  /** Names of the in-cluster Postgres and MinIO and of their generated Secrets. */
  public InClusterNames inClusterNames() {
    return inClusterNames;
  }

  /** Whether Postgres or MinIO run in the cluster, rendered by the onprem-minio module. */
  public boolean hasInClusterServices() {
    return runsPostgres() || runsMinio();
  }

  /** Whether Postgres runs in the cluster ({@code database.inCluster}, or the sandbox). */
  public boolean runsPostgres() {
    return deployment.database().inCluster().isPresent();
  }

  /** Whether MinIO runs in the cluster ({@code storage.minio.inCluster}, or the sandbox). */
  public boolean runsMinio() {
    return deployment.storage().minio().flatMap(MinioStorage::inCluster).isPresent();
  }

  /** The Secret key with the storage credentials as a Flyte config file, for MinIO with credentialsConfig. */
  public Optional<SecretKeyRef> storageCredentialsConfig() {
    return deployment.storage().minio().flatMap(MinioStorage::credentialsConfig);
  }

  /** Flyte 1 or Flyte 2, by the deployment's {@code flyteVersion}. */
  public Generation generation() {
    return deployment.generation();
  }

  /** Flyte 2's task namespace: {@code tasks.namespace}, or {@code <namespace>-tasks}. */
  public String taskNamespace() {
    return deployment.tasks().namespace().orElse(deployment.namespace() + "-tasks");
  }

  /** Flyte 2's task service account: {@code tasks.serviceAccount}, or {@code <name>-task}. */
  public String taskServiceAccount() {
    return deployment.tasks().serviceAccount().orElse(nameWith("task"));
  }

  public boolean isSandbox() {
    return deployment.topology() == Topology.SANDBOX;
  }

  private static FlyteDeployment withInClusterServices(FlyteDeployment d, InClusterNames names) {
    PostgresDatabase db = d.database() != null ? d.database() : FlyteDeployment.SANDBOX_DATABASE;
    if (db.inCluster().isPresent()) {
      db = ImmutablePostgresDatabase.copyOf(db).withHost(names.postgresHost()).withPasswordSecret(names.postgresPassword());
    }
    ObjectStore storage = d.storage() != null ? d.storage() : FlyteDeployment.SANDBOX_STORAGE;
    if (storage.minio().flatMap(MinioStorage::inCluster).isPresent()) {
      storage = ImmutableObjectStore.copyOf(storage).withMinio(ImmutableMinioStorage.copyOf(storage.minio().get())
          .withEndpoint(names.minioEndpoint())
          .withAccessKeyId(names.minioUser())
          .withSecretAccessKey(names.minioPassword())
          .withCredentialsConfig(names.minioFlyteConfig()));
    }
    return ImmutableFlyteDeployment.copyOf(d).withDatabase(db).withStorage(storage);
  }

  public String name() {
    return deployment.name();
  }

  public String namespace() {
    return deployment.namespace();
  }

  public Labels labels() {
    return labels;
  }

  public FlyteImages images() {
    return images;
  }

  /** The buckets, database and service accounts a cloud must provide for this deployment. */
  public CloudRequirements cloudRequirements() {
    return CloudRequirements.of(this);
  }

  /** {@code <name>-<suffix>}. */
  public String nameWith(String suffix) {
    return deployment.name() + "-" + suffix;
  }

  /**
   * The name of a component's objects that others refer to (its service account, Service, Secret):
   * {@code <name>-<component>}, or the component's own name, as the official charts name them
   * ({@code flyteadmin}, {@code datacatalog}, {@code flytescheduler}, {@code flytepropeller},
   * {@code flyteconnector}), when the deployment is installed with the official chart
   * ({@link Installation#OFFICIAL_CHART}).
   */
  public String componentName(String component) {
    return installedWithChart() ? component : nameWith(component);
  }

  /** Whether the deployment is installed with the official chart ({@code installation: official-chart}). */
  public boolean installedWithChart() {
    return deployment.installation() == Installation.OFFICIAL_CHART;
  }

  /** Cluster-scoped objects carry the namespace too, so two deployments never collide. */
  public String clusterScopedName() {
    return deployment.namespace() + "-" + deployment.name();
  }

  /** Annotations that bind a service account to a cloud identity. */
  public static Map<String, String> serviceAccountAnnotations(WorkloadIdentity identity) {
    Map<String, String> annotations = new TreeMap<>();
    identity.awsRoleArn().ifPresent(arn -> annotations.put("eks.amazonaws.com/role-arn", arn));
    identity.gcpServiceAccount().ifPresent(email -> annotations.put("iam.gke.io/gcp-service-account", email));
    identity.azureClientId().ifPresent(id -> annotations.put("azure.workload.identity/client-id", id));
    return annotations;
  }

  /** Pod labels an identity needs: Azure's webhook only injects tokens into labelled pods. */
  public static Map<String, String> identityPodLabels(WorkloadIdentity identity) {
    return identity.azureClientId().isPresent() ? Map.of("azure.workload.identity/use", "true") : Map.of();
  }
}
