package dev.flyteinfra.core.flytecore;

import dev.flyteinfra.core.auth.FlyteAuth;
import dev.flyteinfra.core.config.FlyteConfigSections;
import dev.flyteinfra.core.config.FlyteSections;
import dev.flyteinfra.core.config.PluginConfig;
import dev.flyteinfra.core.yaml.Yaml;
import dev.flyteinfra.core.model.DataPlaneCluster;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.model.MultiCluster;
import dev.flyteinfra.core.model.PropellerSettings;
import dev.flyteinfra.core.model.PropellerSharding;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.core.plugins.FlyteConnector;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The config files of the core topology's ConfigMaps, named and shaped as the official flyte-core
 * chart names them (admin base config, clusters config, datacatalog, scheduler, propeller, …),
 * plus {@code zz-extra-config.yaml} with the sections of the user's {@code extraConfig} that the
 * component reads ({@link FlyteSections}), which sorts last so it wins when Flyte merges {@code *.yaml}.
 */
final class CoreConfig {
  static final int ADMIN_HTTP = 8088;
  static final int ADMIN_GRPC = 8089;
  /** FlyteAdmin's Service ports: HTTP and gRPC. */
  static final int ADMIN_SERVICE_HTTP = 80;
  static final int ADMIN_SERVICE_GRPC = 81;
  static final int CATALOG_HTTP = 8080;
  static final int CATALOG_GRPC = 8089;
  /** DataCatalog's Service port: gRPC. */
  static final int CATALOG_SERVICE_GRPC = 89;
  static final int METRICS = 10254;
  static final int CONSOLE = 8080;
  static final int WEBHOOK = 9443;
  static final String CONFIG_DIR = "/etc/flyte/config";
  static final String CATALOG_CONFIG_DIR = "/etc/datacatalog/config";
  static final String TEMPLATES_DIR = "/etc/flyte/clusterresource/templates";
  static final String CREDENTIALS_DIR = "/var/run/credentials";
  static final String WEBHOOK_CERTS_DIR = "/etc/webhook/certs";
  static final String EXTRA_CONFIG_FILE = "zz-extra-config.yaml";
  /** Who reads each ConfigMap: FlyteAdmin (also syncresources), FlyteScheduler, DataCatalog, and propeller's config (its webhook, its manager). */
  static final Set<FlyteSections.Binary> ADMIN_READERS = EnumSet.of(FlyteSections.Binary.FLYTEADMIN);
  static final Set<FlyteSections.Binary> SCHEDULER_READERS = EnumSet.of(FlyteSections.Binary.FLYTESCHEDULER);
  static final Set<FlyteSections.Binary> CATALOG_READERS = EnumSet.of(FlyteSections.Binary.DATACATALOG);
  static final Set<FlyteSections.Binary> PROPELLER_READERS =
      EnumSet.of(FlyteSections.Binary.FLYTEPROPELLER, FlyteSections.Binary.PROPELLER_MANAGER);

  private final Plan plan;
  private final FlyteDeployment d;

  CoreConfig(Plan plan) {
    this.plan = plan;
    this.d = plan.deployment();
  }

  /** FlyteAdmin's own config ({@code flyte-admin-base-config}). */
  Map<String, String> adminBase() {
    Map<String, String> files = common(ADMIN_READERS);
    files.put("db.yaml", Yaml.write(FlyteConfigSections.database(d.database())));
    files.put("domain.yaml", Yaml.write(FlyteConfigSections.domains(d.domains())));
    files.put("server.yaml", Yaml.write(Map.of(
        "server", Map.of(
            "httpPort", ADMIN_HTTP,
            "grpc", Map.of("port", ADMIN_GRPC),
            "security", Map.of("secure", false, "useAuth", FlyteAuth.of(plan).isPresent(), "allowCors", true,
                "allowedOrigins", List.of("*"), "allowedHeaders", List.of("Content-Type"))),
        "flyteadmin", Map.of(
            "profilerPort", METRICS,
            "metricsScope", "flyte:",
            "metadataStoragePrefix", List.of("metadata", "admin"),
            "eventVersion", 2))));
    Map<String, Object> remoteData = new LinkedHashMap<>();
    remoteData.put("scheme", d.storage().gcs().isPresent() ? "gcs" : "local");
    d.storage().s3().ifPresent(s3 -> remoteData.put("region", s3.region()));
    remoteData.put("signedUrls", Map.of("durationMinutes", 3));
    files.put("remoteData.yaml", Yaml.write(Map.of("remoteData", remoteData)));
    files.put("storage.yaml", Yaml.write(FlyteConfigSections.storage(d.storage())));
    files.put("cluster_resources.yaml", Yaml.write(clusterResources()));
    d.notifications().ifPresent(notifications -> files.put("notifications.yaml",
        Yaml.write(FlyteConfigSections.notifications(notifications, d.ingress().flatMap(IngressSettings::host)))));
    FlyteAuth.of(plan).ifPresent(auth ->
        files.put("auth.yaml", Yaml.write(auth.adminConfig(auth.serviceUrls(CoreNames.admin(plan), ADMIN_SERVICE_HTTP)))));
    return files;
  }

  /** {@code clusters.yaml}: the data planes FlyteAdmin dispatches to, and which labels pick them. */
  Map<String, String> clusters() {
    List<Object> configs = new ArrayList<>();
    Map<String, List<Object>> labelClusterMap = new TreeMap<>();
    for (DataPlaneCluster cluster : d.multiCluster().map(MultiCluster::dataPlanes).orElse(List.of())) {
      String dir = CREDENTIALS_DIR + "/" + cluster.name();
      configs.add(Map.of(
          "name", cluster.name(),
          "endpoint", cluster.endpoint(),
          "enabled", cluster.enabled(),
          "auth", Map.of("tokenPath", dir + "/token", "certPath", dir + "/ca.crt")));
      if (cluster.enabled()) {
        cluster.labels().forEach(label ->
            labelClusterMap.computeIfAbsent(label, l -> new ArrayList<>()).add(Map.of("id", cluster.name(), "weight", 1)));
      }
    }
    return Map.of("clusters.yaml", Yaml.write(Map.of("clusters", Map.of("clusterConfigs", configs, "labelClusterMap", labelClusterMap))));
  }

  /** syncresources' config ({@code flyte-clusterresourcesync-config}). */
  Map<String, String> clusterResourceSync() {
    Map<String, String> files = common(ADMIN_READERS);
    files.put("cluster_resources.yaml", Yaml.write(clusterResources()));
    files.put("db.yaml", Yaml.write(FlyteConfigSections.database(d.database())));
    files.put("domain.yaml", Yaml.write(FlyteConfigSections.domains(d.domains())));
    files.putAll(clusters());
    return files;
  }

  Map<String, String> console() {
    return new TreeMap<>(Map.of("BASE_URL", "/console", "CONFIG_DIR", CONFIG_DIR));
  }

  Map<String, String> datacatalog() {
    Map<String, String> files = common(CATALOG_READERS);
    files.put("db.yaml", Yaml.write(FlyteConfigSections.database(d.database())));
    files.put("server.yaml", Yaml.write(Map.of(
        "application", Map.of("grpcPort", CATALOG_GRPC, "httpPort", CATALOG_HTTP, "grpcServerReflection", true,
            "grpcMaxRecvMsgSizeMBs", 6),
        "datacatalog", Map.of("storage-prefix", "metadata/datacatalog", "metrics-scope", "flyte", "profiler-port", METRICS,
            "heartbeat-grace-period-multiplier", 3, "max-reservation-heartbeat", "30s"))));
    files.put("storage.yaml", Yaml.write(FlyteConfigSections.storage(d.storage())));
    return files;
  }

  Map<String, String> scheduler() {
    Map<String, String> files = common(SCHEDULER_READERS);
    files.put("admin.yaml", Yaml.write(adminClient(CoreNames.admin(plan) + ":" + ADMIN_SERVICE_GRPC, true)));
    files.put("db.yaml", Yaml.write(FlyteConfigSections.database(d.database())));
    files.put("server.yaml", Yaml.write(Map.of("scheduler", Map.of("profilerPort", METRICS))));
    return files;
  }

  /** Propeller's config ({@code flyte-propeller-config}), also mounted by the pod webhook. */
  Map<String, String> propeller(Optional<DataPlaneCluster> dataPlane) {
    Optional<MultiCluster> multi = d.multiCluster();
    Map<String, String> files = common(PROPELLER_READERS);
    files.put("admin.yaml", Yaml.write(multi.isPresent()
        ? adminClient(multi.get().adminEndpoint(), multi.get().insecure())
        : adminClient(CoreNames.admin(plan) + ":" + ADMIN_SERVICE_GRPC, true)));
    files.put("catalog.yaml", Yaml.write(Map.of("catalog-cache", Map.of(
        "endpoint", multi.map(MultiCluster::catalogEndpoint).orElse(CoreNames.datacatalog(plan) + ":" + CATALOG_SERVICE_GRPC),
        "insecure", multi.map(MultiCluster::insecure).orElse(true),
        "type", "datacatalog"))));
    files.put("copilot.yaml", Yaml.write(Map.of("plugins", Map.of("k8s", Map.of("co-pilot",
        Map.of("name", "flyte-copilot-", "image", plan.images().copilot(), "start-timeout", "30s"))))));
    files.put("core.yaml", Yaml.write(core(dataPlane)));
    files.put("enabled_plugins.yaml", Yaml.write(PluginConfig.taskPlugins(d.plugins())));
    // One file per plugin's settings, as the chart's spark.yaml.
    PluginConfig.pluginSettings(d.plugins(), d.storage(), FlyteConnector.service(plan)).forEach((plugin, settings) ->
        files.put(plugin + ".yaml", Yaml.write(Map.of("plugins", Map.of(plugin, settings)))));
    Map<String, Object> k8s = new LinkedHashMap<>();
    k8s.put("default-cpus", "100m");
    k8s.put("default-memory", "100Mi");
    k8s.put("default-env-vars", List.of());
    k8s.putAll(FlyteConfigSections.taskStorageEnv(d.storage()));
    k8s.put("inject-finalizer", true);
    d.taskIdentity().map(Plan::identityPodLabels).filter(labels -> !labels.isEmpty())
        .ifPresent(labels -> k8s.put("default-labels", labels));
    files.put("k8s.yaml", Yaml.write(Map.of("plugins", Map.of("k8s", k8s))));
    files.put("resource_manager.yaml", Yaml.write(Map.of("propeller", Map.of("resourcemanager", Map.of("type", "noop")))));
    files.put("storage.yaml", Yaml.write(FlyteConfigSections.storage(d.storage())));
    Map<String, Object> logs = FlyteConfigSections.taskLogLinks(d.taskLogs());
    files.put("task_logs.yaml", Yaml.write(Map.of("plugins", Map.of("logs", logs, "k8s-array", Map.of("logs", Map.of("config", logs))))));
    return files;
  }

  private Map<String, Object> core(Optional<DataPlaneCluster> dataPlane) {
    PropellerSettings p = d.propeller();
    Map<String, Object> propeller = new LinkedHashMap<>();
    propeller.put("rawoutput-prefix", FlyteConfigSections.rawOutputPrefix(d.storage()));
    propeller.put("metadata-prefix", "metadata/propeller");
    propeller.put("workers", p.workers());
    propeller.put("max-workflow-retries", p.maxWorkflowRetries());
    propeller.put("workflow-reeval-duration", "30s");
    propeller.put("downstream-eval-duration", "30s");
    propeller.put("limit-namespace", "all");
    propeller.put("prof-port", METRICS);
    propeller.put("metrics-prefix", "flyte");
    propeller.put("enable-admin-launcher", true);
    propeller.put("gc-interval", "12h");
    propeller.put("kube-client-config", Map.of("qps", p.kubeClientQps(), "burst", p.kubeClientBurst(), "timeout", "30s"));
    propeller.put("leader-election", Map.of(
        "enabled", true,
        "lock-config-map", Map.of("name", plan.nameWith("propeller-leader"), "namespace", plan.namespace()),
        "lease-duration", "15s", "renew-deadline", "10s", "retry-period", "2s"));
    propeller.put("queue", Map.of(
        "type", "batch", "batching-interval", "2s", "batch-size", -1,
        "queue", Map.of("type", "maxof", "rate", 100, "capacity", 1000, "base-delay", "5s", "max-delay", "120s"),
        "sub-queue", Map.of("type", "bucket", "rate", 100, "capacity", 1000)));
    propeller.put("literal-offloading-config", Map.of("enabled", false));
    dataPlane.ifPresent(cluster -> propeller.put("cluster-id", cluster.name()));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("propeller", propeller);
    Map<String, Object> webhook = new LinkedHashMap<>(Map.of("certDir", WEBHOOK_CERTS_DIR, "serviceName", CoreNames.webhook(plan),
        "secretName", CoreNames.webhook(plan)));
    webhook.putAll(FlyteConfigSections.secretManager(d.taskSecrets()));
    webhook.putAll(FlyteConfigSections.podWebhookScope(d));
    config.put("webhook", webhook);
    p.sharding().ifPresent(sharding -> config.put("manager", manager(sharding)));
    return config;
  }

  /** flytepropeller-manager's {@code manager} section: the pod template and the shard strategy. */
  private Map<String, Object> manager(PropellerSharding sharding) {
    Map<String, Object> shard = new LinkedHashMap<>();
    switch (sharding.type()) {
      case HASH -> {
        shard.put("type", "Hash");
        shard.put("shard-count", sharding.shardCount());
      }
      case PROJECT, DOMAIN -> {
        shard.put("type", sharding.type() == PropellerSharding.Type.PROJECT ? "Project" : "Domain");
        shard.put("per-shard-mapping", sharding.shards().stream().map(ids -> Map.of("ids", ids)).toList());
      }
      default -> throw new IllegalStateException("unknown sharding " + sharding.type());
    }
    return Map.of(
        "pod-application", "flytepropeller",
        "pod-template-container-name", "flytepropeller",
        "pod-template-name", CoreNames.propellerTemplate(plan),
        "pod-template-namespace", plan.namespace(),
        "shard", shard);
  }

  /** How FlytePropeller and FlyteScheduler reach FlyteAdmin, signing in as the service client when Flyte has auth. */
  private Map<String, Object> adminClient(String endpoint, boolean insecure) {
    Map<String, Object> admin = new LinkedHashMap<>(Map.of("endpoint", endpoint, "insecure", insecure));
    FlyteAuth.of(plan).ifPresent(auth -> admin.putAll(auth.serviceClientConfig()));
    return Map.of(
        "admin", admin,
        "event", Map.of("type", "admin", "rate", 500, "capacity", 1000));
  }

  private Map<String, Object> clusterResources() {
    Map<String, Object> section = new LinkedHashMap<>(FlyteConfigSections.clusterResources(d, TEMPLATES_DIR));
    section.put("refreshInterval", "5m");
    return Map.of("cluster_resources", section);
  }

  /**
   * Files every component's config has: the logger, and last the sections of the user's overrides
   * that the component's binaries read (none: no file).
   */
  private Map<String, String> common(Set<FlyteSections.Binary> readers) {
    Map<String, String> files = new TreeMap<>();
    files.put("logger.yaml", Yaml.write(FlyteConfigSections.logger(d.logLevel())));
    Map<String, Object> extra = extraConfig(readers);
    if (!extra.isEmpty()) {
      files.put(EXTRA_CONFIG_FILE, Yaml.write(extra));
    }
    return files;
  }

  /** The sections of the user's {@code extraConfig} that any of these binaries reads. */
  Map<String, Object> extraConfig(Set<FlyteSections.Binary> readers) {
    return FlyteSections.readBy(d.extraConfig(), readers);
  }
}
