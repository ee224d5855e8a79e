package dev.flyteinfra.core.flyte2;

import static dev.flyteinfra.core.config.ConfigTree.map;

import dev.flyteinfra.core.config.ConfigTree;
import dev.flyteinfra.core.config.FlyteConfigSections;
import dev.flyteinfra.core.config.PluginConfig;
import dev.flyteinfra.core.model.AppServing;
import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.OpenTelemetry;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.core.plan.SandboxPorts;
import dev.flyteinfra.core.plugins.FlyteConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The config files of Flyte 2's binary, laid out as the official v2 chart lays them out
 * ({@code 000-core.yaml} … {@code 003-storage.yaml}, then {@code 100-extra-config.yaml} with the
 * user's {@code extraConfig}); the binary merges them in file-name order. Every key here is one
 * that Flyte 2.0.42 reads; what differs from the chart's defaults is on purpose: the task namespace
 * and service account of their own, the pod webhook scoped to the task namespace, the database
 * password from a mounted file, the run data in the deployment's bucket.
 */
final class Flyte2Config {
  static final int HTTP_PORT = 8090;
  static final int WEBHOOK_PORT = 9443;
  /** The secret-cache invalidation port (plain HTTP, reached through the headless webhook Service). */
  static final int CACHE_PORT = 9444;
  static final String CERT_DIR = "/var/run/flyte/certs";
  static final String EXTRA_CONFIG_FILE = "100-extra-config.yaml";

  private Flyte2Config() {}

  /** File name → YAML text, sorted by file name. */
  static Map<String, String> files(Plan plan) {
    return FlyteConfigSections.files(sections(plan));
  }

  /** File name → the config it holds, sorted by file name (the order the binary merges them in). */
  static Map<String, Map<String, Object>> sections(Plan plan) {
    FlyteDeployment d = plan.deployment();
    Map<String, Map<String, Object>> files = new TreeMap<>();
    files.put("000-core.yaml", core(plan));
    files.put("001-plugins.yaml", plugins(plan));
    files.put("002-database.yaml", map("runs", database(d.database())));
    // In a sandbox, presigned URLs (the CLI's uploads) must name the store as the laptop reaches it.
    Map<String, Object> storage = ConfigTree.at(FlyteConfigSections.storage(d.storage(),
        plan.isSandbox() ? Optional.of(SandboxPorts.minioUrl()) : Optional.empty()), "storage");
    // Flyte 1's charts limit downloads; Flyte 2's chart sets no limit and writes its co-pilot a Secret whenever storage
    // config beyond its knobs is given, so Flyte 2 keeps the binary's own limits.
    storage.remove("limits");
    files.put("003-storage.yaml", map("storage", storage));
    if (!d.extraConfig().isEmpty()) {
      files.put(EXTRA_CONFIG_FILE, new TreeMap<>(d.extraConfig()));
    }
    return files;
  }

  /** {@code runs.database}: the pool and the Postgres connection, the password read from the mounted Secret file. */
  static Map<String, Object> database(PostgresDatabase db) {
    return map("database", map(
        "connMaxLifeTime", "1h",
        "maxIdleConnections", 10,
        "maxOpenConnections", 100,
        "postgres", FlyteConfigSections.postgres(db)));
  }

  private static Map<String, Object> core(Plan plan) {
    FlyteDeployment d = plan.deployment();
    Map<String, Object> config = FlyteConfigSections.logger(d.logLevel());
    config.put("webhook", map(
        "certDir", CERT_DIR,
        "localCert", true,
        "secretName", plan.nameWith("webhook-secret"),
        "serviceName", plan.nameWith("webhook"),
        "servicePort", 443,
        "secretManagerTypes", List.of("Embedded"),
        "embeddedSecretManagerConfig", map("type", "K8s", "k8sConfig", map("namespace", plan.namespace())),
        // The binary registers its pod webhook itself: only for pods of the task namespace, so that another
        // Flyte (1 or 2) in the cluster never sees its webhook claim their pods, nor this one theirs.
        "namespaceSelector", map("matchLabels", map("kubernetes.io/metadata.name", plan.taskNamespace()))));
    config.put("actions", map("kubernetes", map("namespace", plan.taskNamespace()), "watchBufferSize", 100));
    config.put("dataproxy", map(
        "download", map("maxExpiresIn", "1h"),
        "upload", map("defaultFileNameLength", 20, "maxExpiresIn", "1h", "maxSize", "100Mi", "storagePrefix", "uploads")));
    config.put("runs", map(
        "server", map("host", "0.0.0.0", "port", HTTP_PORT),
        "storagePrefix", storagePrefix(d.storage()),
        "watchBufferSize", 100,
        "seedProjects", d.projects().stream().map(Project::name).toList(),
        "domains", d.domains().stream().map(Domain::name).map(name -> map("id", name, "name", name)).toList()));
    config.put("secret", map(
        "kubernetes", map("namespace", plan.namespace(), "clusterName", plan.name(), "qps", 100, "burst", 200, "timeout", "30s"),
        "webhookURL", "http://" + plan.nameWith("webhook-headless") + "." + plan.namespace() + ".svc:" + CACHE_PORT));
    config.put("executor", map("defaultK8sServiceAccount", plan.taskServiceAccount()));
    d.apps().ifPresent(apps -> config.put("internalApps", apps(apps, plan)));
    d.monitoring().openTelemetry().ifPresent(otel -> config.put("otel", otel(otel)));
    return config;
  }

  /** {@code runs.storagePrefix}: the deployment's bucket, as the binary names it per store. */
  static String storagePrefix(ObjectStore store) {
    if (store.gcs().isPresent()) {
      return "gs://" + store.metadataBucket();
    }
    if (store.azure().isPresent()) {
      return "abfs://" + store.metadataBucket() + "@" + store.azure().get().account() + ".dfs.core.windows.net";
    }
    return "s3://" + store.metadataBucket();
  }

  private static Map<String, Object> apps(AppServing apps, Plan plan) {
    return map("enabled", true, "baseDomain", apps.baseDomain(), "scheme", apps.scheme(),
        "defaultServiceAccount", plan.taskServiceAccount());
  }

  private static Map<String, Object> otel(OpenTelemetry otel) {
    String type = otel.protocol() == OpenTelemetry.Protocol.GRPC ? "otlpgrpc" : "otlphttp";
    return map("type", type, type, map("endpoint", otel.endpoint()),
        "sampler", map("parentSampler", "traceid", "traceIdRatio", otel.sampleRatio()));
  }

  private static Map<String, Object> plugins(Plan plan) {
    FlyteDeployment d = plan.deployment();
    Map<String, Object> k8s = map("co-pilot", map("image", plan.images().copilot()));
    // Lists of one-entry maps: the binary's config reader folds them into a map and keeps the
    // variables' case, which it would lower in a plain map.
    List<Map<String, Object>> env = new ArrayList<>(List.of(
        map("_U_EP_OVERRIDE", plan.nameWith("http") + "." + plan.namespace() + ":" + HTTP_PORT),
        map("_U_INSECURE", "true"),
        map("_U_USE_ACTIONS", "1")));
    d.storage().minio().ifPresent(minio -> {
      env.add(map("FLYTE_AWS_ENDPOINT", minio.endpoint()));
      k8s.put("default-env-from-secrets", List.of(FlyteConfigSections.TASK_STORAGE_SECRET));
    });
    k8s.put("default-env-vars", env);
    d.taskIdentity().map(Plan::identityPodLabels).filter(labels -> !labels.isEmpty())
        .ifPresent(labels -> k8s.put("default-labels", new TreeMap<>(labels)));
    Map<String, Object> plugins = map("logs", FlyteConfigSections.taskLogLinks(d.taskLogs()), "k8s", k8s);
    Map<String, Object> byTaskType = map("container", "container", "container_array", "k8s-array", "sidecar", "sidecar");
    d.plugins().connector().ifPresent(connector -> {
      // Flyte 2 has no supportedTaskTypes: the connector's task types map to its plugin like any other.
      connector.taskTypes().forEach(type -> byTaskType.put(type, PluginConfig.CONNECTOR_PLUGIN));
      plugins.put(PluginConfig.CONNECTOR_PLUGIN, map("defaultConnector", map(
          "endpoint", "k8s://" + FlyteConnector.service(plan) + ":" + PluginConfig.CONNECTOR_PORT,
          "insecure", true,
          "defaultTimeout", "10s")));
    });
    return map("tasks", map("task-plugins", map("default-for-task-types", byTaskType)), "plugins", plugins);
  }
}
