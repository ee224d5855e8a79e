package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One Flyte deployment: what runs (topology, version), where its state lives (database, object
 * store), who it acts as in the cloud, and how it is reached. The root of the model and of the
 * config file, key for key.
 *
 * <pre>{@code
 * FlyteDeployment flyte = FlyteDeployment.builder()
 *     .name("flyte")
 *     .database(PostgresDatabase.builder().host("db.internal")
 *         .passwordSecret(SecretKeyRef.of("flyte-db", "password")).build())
 *     .storage(ObjectStore.builder().metadataBucket("my-flyte")
 *         .s3(ImmutableS3Storage.builder().region("us-east-1").build()).build())
 *     .build();
 * List<Problem> problems = flyte.validate();
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableFlyteDeployment.class)
@JsonDeserialize(as = ImmutableFlyteDeployment.class)
public interface FlyteDeployment {
  /** The Flyte release of the official charts this library is checked against. */
  String DEFAULT_FLYTE_VERSION = "1.16.8";
  /** The sandbox's database when none is given: Postgres in the cluster. */
  PostgresDatabase SANDBOX_DATABASE = PostgresDatabase.builder().inCluster(InClusterPostgres.builder().build()).build();
  /** The sandbox's object store when none is given: MinIO in the cluster, one bucket. */
  ObjectStore SANDBOX_STORAGE = ObjectStore.builder().metadataBucket("flyte-data")
      .minio(ImmutableMinioStorage.builder().inCluster(InClusterMinio.builder().build()).build()).build();

  /** Deployment name, a DNS-1123 label; prefixes every object. Required. */
  String name();

  /** Namespace of Flyte's own objects. Default: {@code flyte}. */
  @Value.Default
  default String namespace() {
    return "flyte";
  }

  /**
   * Flyte release, e.g. {@code 1.16.8} or {@code 2.0.42}: picks the {@linkplain #generation() generation}
   * and the image tags. Default: {@value #DEFAULT_FLYTE_VERSION}.
   */
  @Value.Default
  default String flyteVersion() {
    return DEFAULT_FLYTE_VERSION;
  }

  /** Flyte 1 or Flyte 2, as {@link #flyteVersion()} says. Not a setting of its own. */
  default Generation generation() {
    return Generation.of(flyteVersion());
  }

  /** Default: {@link Topology#BINARY}. */
  @Value.Default
  default Topology topology() {
    return Topology.BINARY;
  }

  /** Required, but for topology sandbox, where it defaults to {@link #SANDBOX_DATABASE}. */
  PostgresDatabase database();

  /** Required, but for topology sandbox, where it defaults to {@link #SANDBOX_STORAGE}. */
  ObjectStore storage();

  /** Identity of Flyte's own service account. Default: none (node credentials or access keys). */
  Optional<WorkloadIdentity> identity();

  /**
   * Identity of task pods: on Flyte 1 the {@code default} service account of every project-domain
   * namespace, on Flyte 2 the task service account ({@link #tasks()}). Default: none.
   */
  Optional<WorkloadIdentity> taskIdentity();

  /** Flyte 2: the task namespace and service account. Default: see {@link TaskPods}. */
  @Value.Default
  default TaskPods tasks() {
    return ImmutableTaskPods.builder().build();
  }

  /** Flyte 2: app serving through Knative. Default: off. */
  Optional<AppServing> apps();

  /** Default: no Ingress; reach Flyte with a port-forward or your own routing. */
  Optional<IngressSettings> ingress();

  /**
   * How Flyte is installed: {@code manifests} (this library's, named after the deployment) or
   * {@code official-chart} (the official chart with the values of {@code helm-values}, which names
   * flyte-core's service accounts {@code flyteadmin}, {@code datacatalog}, {@code flytescheduler},
   * {@code flytepropeller}). The cloud stacks trust the service accounts this names, and {@code synth}
   * names them the same way. Default: {@link Installation#MANIFESTS}.
   */
  @Value.Default
  default Installation installation() {
    return Installation.MANIFESTS;
  }

  /** Default: see {@link Components}. */
  @Value.Default
  default Components components() {
    return ImmutableComponents.builder().build();
  }

  /** FlytePropeller's scale (topology core). Default: see {@link PropellerSettings}. */
  @Value.Default
  default PropellerSettings propeller() {
    return ImmutablePropellerSettings.builder().build();
  }

  /** Flyte's domains. Default: development, staging, production, with no quota. */
  @Value.Default
  default List<Domain> domains() {
    return List.of(Domain.named("development"), Domain.named("staging"), Domain.named("production"));
  }

  /** Control plane and data planes (topology core). Default: everything in one cluster. */
  Optional<MultiCluster> multiCluster();

  /** Projects created at start-up (Flyte 2: {@code runs.seedProjects}). Default: {@code flytesnacks}. */
  @Value.Default
  default List<Project> projects() {
    return List.of(Project.named("flytesnacks"));
  }

  /** Flyte's log level, 0 (panic) to 5 (debug). Default: 4 (info). */
  @Value.Default
  default int logLevel() {
    return 4;
  }

  /** Default: no log links. */
  @Value.Default
  default TaskLogs taskLogs() {
    return ImmutableTaskLogs.builder().build();
  }

  /** Where the secrets tasks request come from. Default: Kubernetes Secrets in the task's namespace. */
  @Value.Default
  default TaskSecrets taskSecrets() {
    return ImmutableTaskSecrets.builder().build();
  }

  /** Prometheus' view of Flyte's metrics (ServiceMonitors, topology core). Default: none. */
  @Value.Default
  default Monitoring monitoring() {
    return ImmutableMonitoring.builder().build();
  }

  /** Sign-in with an OpenID Connect provider (binary and core). Default: none, Flyte's API is open to whoever reaches it. */
  Optional<Auth> auth();

  /** E-mail notifications of executions through AWS (SNS, SQS, SES) or GCP (Pub/Sub, SendGrid). Default: none. */
  Optional<Notifications> notifications();

  /** Task plugins beyond the default ones (Spark, Ray, Dask, PyTorch, TensorFlow, MPI, a connector). Default: none. */
  @Value.Default
  default TaskPlugins plugins() {
    return TaskPlugins.builder().build();
  }

  /**
   * Flyte config merged over the generated one (the chart's {@code configuration.inline}), e.g.
   * {@code {task_resources: {defaults: {cpu: 1}}}}. Secrets do not belong here. Default: none.
   */
  Map<String, Object> extraConfig();

  /** Every problem of this description, in field order; empty when it is valid. */
  default List<Problem> validate() {
    return DeploymentValidator.problems(this);
  }

  /** Throws {@link InvalidDeploymentException} listing every problem, unless this is valid. */
  default FlyteDeployment requireValid() {
    List<Problem> problems = validate();
    InvalidDeploymentException.throwIfAny(problems);
    return this;
  }

  static ImmutableFlyteDeployment.Builder builder() {
    return ImmutableFlyteDeployment.builder();
  }
}
