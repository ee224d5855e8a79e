package dev.flyteinfra.core.config;

import static dev.flyteinfra.core.config.ConfigTree.map;

import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.OperatorTaskPlugin;
import dev.flyteinfra.core.model.TaskPlugins;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flyte's config of its task plugins: which are on, which runs each task type, and the plugins' own settings. */
public final class PluginConfig {
  /** Task plugins every Flyte 1.16 deployment enables. */
  public static final List<String> DEFAULT_PLUGINS = List.of("container", "sidecar", "k8s-array", "connector-service", "echo");
  /** The plugin that hands tasks to a connector. */
  public static final String CONNECTOR_PLUGIN = "connector-service";
  /** The FlyteConnector's gRPC port, as the official chart serves it. */
  public static final int CONNECTOR_PORT = 8000;
  /** The Role of Spark drivers in every project-domain namespace, and the service account it is for, as the Flyte docs name them. */
  public static final String SPARK_ROLE = "spark-role";
  public static final String SPARK_SERVICE_ACCOUNT = "spark";
  /** What a Spark driver manages in its namespace: its executors' pods, their service, config and volumes. */
  public static final List<String> SPARK_DRIVER_RESOURCES = List.of("pods", "services", "configmaps", "persistentvolumeclaims");
  public static final List<String> SPARK_DRIVER_VERBS =
      List.of("create", "get", "list", "watch", "update", "patch", "delete", "deletecollection");

  /** Spark properties for every store (the official chart's, but for its S3A ones). */
  private static final Map<String, Object> SPARK_COMMON = map(
      "spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "2",
      "spark.kubernetes.allocation.batch.size", "50",
      "spark.blacklist.enabled", "true",
      "spark.blacklist.timeout", "5m",
      "spark.task.maxfailures", "8");
  /** The official chart's Spark properties, for S3 through S3A, in its order. */
  private static final Map<String, Object> SPARK_S3 = map(
      "spark.hadoop.fs.s3a.aws.credentials.provider", "com.amazonaws.auth.DefaultAWSCredentialsProviderChain",
      "spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "2",
      "spark.kubernetes.allocation.batch.size", "50",
      "spark.hadoop.fs.s3a.acl.default", "BucketOwnerFullControl",
      "spark.hadoop.fs.s3n.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem",
      "spark.hadoop.fs.AbstractFileSystem.s3n.impl", "org.apache.hadoop.fs.s3a.S3A",
      "spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem",
      "spark.hadoop.fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3a.S3A",
      "spark.hadoop.fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem",
      "spark.hadoop.fs.AbstractFileSystem.s3a.impl", "org.apache.hadoop.fs.s3a.S3A",
      "spark.hadoop.fs.s3a.multipart.threshold", "536870912",
      "spark.blacklist.enabled", "true",
      "spark.blacklist.timeout", "5m",
      "spark.task.maxfailures", "8");
  /** GCS through Google's Hadoop connector, with the pod's service account (Flyte's GCP guide). */
  private static final Map<String, Object> SPARK_GCS = map(
      "spark.hadoop.fs.gs.impl", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem",
      "spark.hadoop.fs.AbstractFileSystem.gs.impl", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFS",
      "spark.hadoop.google.cloud.auth.service.account.enable", "true");

  private PluginConfig() {}

  /**
   * {@code tasks.task-plugins}: the default plugins and the enabled operator plugins, and the
   * plugin per task type (the connector's task types to {@value #CONNECTOR_PLUGIN}).
   */
  public static Map<String, Object> taskPlugins(TaskPlugins plugins) {
    List<String> enabled = new ArrayList<>(DEFAULT_PLUGINS);
    Map<String, Object> byTaskType = map("container", "container", "sidecar", "sidecar", "container_array", "k8s-array");
    for (OperatorTaskPlugin plugin : plugins.operatorPlugins()) {
      enabled.add(plugin.id());
      byTaskType.put(plugin.id(), plugin.id());
    }
    plugins.connector().ifPresent(connector -> connector.taskTypes().forEach(type -> byTaskType.put(type, CONNECTOR_PLUGIN)));
    return map("tasks", map("task-plugins", map("enabled-plugins", enabled, "default-for-task-types", byTaskType)));
  }

  /**
   * The plugins' own settings under {@code plugins}: Spark's default properties for the store,
   * Ray's TTL, the connector's endpoint; empty when none of them is on.
   *
   * @param connectorService the FlyteConnector Service as {@code <name>.<namespace>}
   */
  public static Map<String, Object> pluginSettings(TaskPlugins plugins, ObjectStore store, String connectorService) {
    Map<String, Object> settings = new LinkedHashMap<>();
    plugins.spark().ifPresent(spark -> settings.put("spark", map("spark-config-default",
        sparkConfig(store, spark.sparkConfig()).entrySet().stream().map(e -> Map.of(e.getKey(), e.getValue())).toList())));
    plugins.ray().ifPresent(ray -> settings.put("ray", map("ttlSecondsAfterFinished", ray.ttlSecondsAfterFinished())));
    plugins.connector().ifPresent(connector -> {
      Map<String, Object> service = map("defaultConnector", map(
          "endpoint", "k8s://" + connectorService + ":" + CONNECTOR_PORT,
          "insecure", true,
          "defaultTimeout", "10s",
          "timeouts", map("GetTask", "10s", "ListAgents", "3s")));
      if (!connector.taskTypes().isEmpty()) {
        service.put("supportedTaskTypes", connector.taskTypes());
      }
      settings.put(CONNECTOR_PLUGIN, service);
    });
    return settings;
  }

  /**
   * Spark properties of every Spark task, in order: for S3 the official chart's, for MinIO the same
   * with its endpoint and path-style access, for GCS Google's connector and the common ones, for
   * Azure the common ones; then the user's, which replace a default of the same key.
   */
  static Map<String, Object> sparkConfig(ObjectStore store, Map<String, String> own) {
    Map<String, Object> config = new LinkedHashMap<>();
    if (store.s3().isPresent() || store.minio().isPresent()) {
      config.putAll(SPARK_S3);
      store.minio().ifPresent(minio -> {
        config.put("spark.hadoop.fs.s3a.endpoint", minio.endpoint());
        config.put("spark.hadoop.fs.s3a.path.style.access", "true");
        config.put("spark.hadoop.fs.s3a.connection.ssl.enabled", Boolean.toString(minio.endpoint().startsWith("https://")));
      });
    } else {
      store.gcs().ifPresent(gcs -> config.putAll(SPARK_GCS));
      config.putAll(SPARK_COMMON);
    }
    config.putAll(own);
    return config;
  }
}
