package dev.flyteinfra.core.model;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The rules of {@code plugins:} ({@link TaskPlugins}). */
final class PluginChecks {
  /** Spark properties that hold credentials (S3A and Azure keys, tokens, passwords). */
  private static final Pattern SPARK_SECRET_PROPERTY =
      Pattern.compile("(?i).*(secret|password|token|access[._-]?key|account[._-]key|private[._-]?key).*");
  private static final Pattern TASK_TYPE = Pattern.compile("[A-Za-z0-9_-]+");

  private PluginChecks() {}

  static void check(Checks c, TaskPlugins plugins) {
    plugins.spark().ifPresent(spark -> spark.sparkConfig().forEach((key, value) -> {
      String field = "spark.sparkConfig." + key;
      if (!key.startsWith("spark.")) {
        c.add(field, "is not a Spark property", "write Spark properties with their full name, e.g. spark.executor.memory");
      }
      if (SPARK_SECRET_PROPERTY.matcher(key).matches()) {
        c.add(field, "looks like a credential in plain text, which would land in a ConfigMap",
            "leave it out: Spark tasks reach the object store through their identity");
      }
    }));
    plugins.ray().filter(ray -> ray.ttlSecondsAfterFinished() < 0).ifPresent(ray -> c.add("ray.ttlSecondsAfterFinished",
        "must not be negative, got " + ray.ttlSecondsAfterFinished(), "use 0 to delete a finished job's cluster at once"));
    plugins.connector().ifPresent(connector -> {
      Checks k = c.at("connector");
      connector.image().ifPresent(image -> k.required("image", image, "give the connector image, or leave image out for the chart's"));
      if (connector.replicas() < 1) {
        k.add("replicas", "must be at least 1, got " + connector.replicas(), "run 1 or more connectors");
      }
      ResourcesChecks.check(k.at("resources"), connector.resources());
      connector.secret().ifPresent(secret -> k.matches("secret", secret, Checks.DNS_1123_SUBDOMAIN, 253,
          "a Secret name: lower-case letters, digits, '-' and '.'"));
      Set<String> taken = new TreeSet<>(List.of("container", "sidecar", "container_array"));
      plugins.operatorPlugins().forEach(plugin -> taken.add(plugin.id()));
      for (String type : connector.taskTypes()) {
        if (!TASK_TYPE.matcher(type).matches()) {
          k.add("taskTypes", "'" + type + "' is not a task type", "use letters, digits, '_' and '-', e.g. bigquery_query_job_task");
        } else if (taken.contains(type)) {
          k.add("taskTypes", "task type '" + type + "' already runs on the " + type.replace("container_array", "k8s-array")
              + " plugin", "leave it out, or turn that plugin off");
        }
      }
    });
    if (plugins.operators() && plugins.operatorPlugins().isEmpty()) {
      c.add("operators", "no plugin with an operator is enabled", "enable spark, ray, dask, pytorch, tensorflow or mpi, or remove operators");
    }
  }
}
