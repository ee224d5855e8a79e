package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Flyte's task plugins beyond the ones every deployment has ({@code container}, {@code sidecar},
 * {@code k8s-array}, {@code connector-service}, {@code echo}). Each one given is enabled in
 * Flyte's config, made the default for its task type, and granted the RBAC it needs on its
 * operator's resources; the operators themselves are installed from their own charts
 * ({@link #operators()}).
 *
 * <pre>{@code
 * plugins:
 *   spark: {}
 *   ray: {ttlSecondsAfterFinished: 600}
 *   pytorch: {}
 *   connector: {secret: connector-credentials}
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTaskPlugins.class)
@JsonDeserialize(as = ImmutableTaskPlugins.class)
public interface TaskPlugins {
  /** Spark tasks as SparkApplications of the Kubeflow spark-operator. Default: off. */
  Optional<SparkPlugin> spark();

  /** Ray tasks as RayJobs of KubeRay. Default: off. */
  Optional<RayPlugin> ray();

  /** Dask tasks as DaskJobs of the dask-kubernetes operator. Default: off. */
  Optional<OperatorPlugin> dask();

  /** PyTorch tasks as PyTorchJobs of the Kubeflow training operator. Default: off. */
  Optional<OperatorPlugin> pytorch();

  /** TensorFlow tasks as TFJobs of the Kubeflow training operator. Default: off. */
  Optional<OperatorPlugin> tensorflow();

  /** MPI tasks as MPIJobs of the Kubeflow training operator. Default: off. */
  Optional<OperatorPlugin> mpi();

  /**
   * A FlyteConnector Deployment beside Flyte, which the always-enabled {@code connector-service}
   * plugin calls for connector tasks (BigQuery, Databricks, OpenAI, sensors). Default: none.
   */
  Optional<ConnectorPlugin> connector();

  /**
   * Also write the operators of the enabled plugins, from their own charts, to {@code operators/}
   * in the output: a Helm chart depending on the spark, KubeRay and Dask operators' charts, and a
   * kustomization of the Kubeflow training operator's release manifests. Default: false (the
   * operators are installed by other means).
   */
  @Value.Default
  default boolean operators() {
    return false;
  }

  /** The plugins on that run tasks through an operator, in the order the official chart enables them. */
  default List<OperatorTaskPlugin> operatorPlugins() {
    return Arrays.stream(OperatorTaskPlugin.values()).filter(plugin -> plugin.settingsIn(this).isPresent()).toList();
  }

  /** A plugin whose operator needs no settings from Flyte. */
  @Value.Immutable
  @JsonSerialize(as = ImmutableOperatorPlugin.class)
  @JsonDeserialize(as = ImmutableOperatorPlugin.class)
  interface OperatorPlugin {
    static OperatorPlugin enabled() {
      return ImmutableOperatorPlugin.builder().build();
    }
  }

  /** The Spark plugin's settings. */
  @Value.Immutable
  @JsonSerialize(as = ImmutableSparkPlugin.class)
  @JsonDeserialize(as = ImmutableSparkPlugin.class)
  interface SparkPlugin {
    /**
     * Spark properties every Spark task gets, over the defaults for the object store (the official
     * chart's S3A settings, GCS's connector, MinIO's endpoint); keys start with {@code spark.}.
     * No credentials: tasks reach the store through their identity. Default: none.
     */
    Map<String, String> sparkConfig();

    static ImmutableSparkPlugin.Builder builder() {
      return ImmutableSparkPlugin.builder();
    }
  }

  /** The Ray plugin's settings. */
  @Value.Immutable
  @JsonSerialize(as = ImmutableRayPlugin.class)
  @JsonDeserialize(as = ImmutableRayPlugin.class)
  interface RayPlugin {
    /** How long a finished RayJob's cluster is kept for its logs. Default: 3600, as the docs set it. */
    @Value.Default
    default int ttlSecondsAfterFinished() {
      return 3600;
    }

    static ImmutableRayPlugin.Builder builder() {
      return ImmutableRayPlugin.builder();
    }
  }

  /** The FlyteConnector Deployment, as the official flyteconnector chart runs it but hardened. */
  @Value.Immutable
  @JsonSerialize(as = ImmutableConnectorPlugin.class)
  @JsonDeserialize(as = ImmutableConnectorPlugin.class)
  interface ConnectorPlugin {
    /** Flyte 1's connector image, as its official chart runs it. */
    String DEFAULT_IMAGE = "cr.flyte.org/flyteorg/flyteagent:1.15.3";
    /** Flyte 2's connector image, as the flyte-binary v2.0.42 chart's flyteconnector subchart runs it. */
    String FLYTE_2_IMAGE = "ghcr.io/flyteorg/flyte-connectors:py3.12-v2.3.6";

    /**
     * The image; one with your connectors' packages goes here. Default: the chart's of the
     * deployment's generation, {@value #DEFAULT_IMAGE} (Flyte 1) or {@value #FLYTE_2_IMAGE} (Flyte 2).
     */
    Optional<String> image();

    /** Default: 1. */
    @Value.Default
    default int replicas() {
      return 1;
    }

    /** Default: the chart's 500m CPU, 200Mi memory, 300Mi memory limit. */
    @Value.Default
    default Resources resources() {
      return ImmutableResources.builder().cpu("500m").memory("200Mi").memoryLimit("300Mi").build();
    }

    /**
     * An existing Secret with the connectors' credentials (API keys, service account files),
     * mounted at {@code /etc/secrets} where connectors read them. Default: none.
     */
    Optional<String> secret();

    /**
     * Task types the connector runs for every project (Flyte's {@code supportedTaskTypes}), e.g.
     * {@code bigquery_query_job_task}, {@code sensor}. Default: none (tasks name their connector).
     */
    List<String> taskTypes();

    static ImmutableConnectorPlugin.Builder builder() {
      return ImmutableConnectorPlugin.builder();
    }
  }

  static ImmutableTaskPlugins.Builder builder() {
    return ImmutableTaskPlugins.builder();
  }
}
