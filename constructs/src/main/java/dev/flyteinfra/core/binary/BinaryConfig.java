package dev.flyteinfra.core.binary;

import static java.util.Map.entry;

import dev.flyteinfra.core.auth.FlyteAuth;
import dev.flyteinfra.core.config.FlyteConfigSections;
import dev.flyteinfra.core.config.FlyteSections;
import dev.flyteinfra.core.config.PluginConfig;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.core.plan.SandboxPorts;
import dev.flyteinfra.core.plugins.FlyteConnector;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The config files of flyte-binary, laid out as the official chart lays them out
 * ({@code 000-core.yaml} … {@code 003-storage.yaml}, then {@code 100-extra-config.yaml} with the
 * user's overrides); Flyte merges them in file-name order.
 */
final class BinaryConfig {
  static final int HTTP_PORT = 8088;
  static final int GRPC_PORT = 8089;
  static final int WEBHOOK_PORT = 9443;
  /** The config file with the user's {@code extraConfig}, merged last. */
  static final String EXTRA_CONFIG_FILE = "100-extra-config.yaml";

  private BinaryConfig() {}

  /** File name → YAML text, sorted by file name. */
  static Map<String, String> files(Plan plan) {
    return FlyteConfigSections.files(sections(plan));
  }

  /** File name → the config it holds, sorted by file name (the order Flyte merges them in). */
  static Map<String, Map<String, Object>> sections(Plan plan) {
    FlyteDeployment d = plan.deployment();
    Map<String, Map<String, Object>> files = new TreeMap<>();
    files.put("000-core.yaml", core(plan));
    files.put("001-plugins.yaml", plugins(plan));
    files.put("002-database.yaml", FlyteConfigSections.database(d.database()));
    // In a sandbox, signed URLs (pyflyte's code uploads) must name MinIO as the laptop reaches it.
    Map<String, Object> storage = new LinkedHashMap<>(FlyteConfigSections.storage(d.storage(),
        plan.isSandbox() ? Optional.of(SandboxPorts.minioUrl()) : Optional.empty()));
    storage.put("propeller", Map.of("rawoutput-prefix", FlyteConfigSections.rawOutputPrefix(d.storage())));
    files.put("003-storage.yaml", storage);
    d.notifications().ifPresent(notifications -> files.put("005-notifications.yaml",
        FlyteConfigSections.notifications(notifications, d.ingress().flatMap(IngressSettings::host))));
    FlyteAuth.of(plan).ifPresent(auth -> {
      Map<String, Object> config = new LinkedHashMap<>(auth.adminConfig(auth.serviceUrls(plan.nameWith("http"), HTTP_PORT)));
      // flyte-binary's propeller and scheduler sign in to its own FlyteAdmin too.
      Map<String, Object> admin = new LinkedHashMap<>(Map.of("endpoint", "localhost:" + GRPC_PORT, "insecure", true));
      admin.putAll(auth.serviceClientConfig());
      config.put("admin", admin);
      files.put("004-auth.yaml", config);
    });
    // flyte-binary reads every section but flytepropeller-manager's, which it does not run.
    Map<String, Object> extra = FlyteSections.readBy(d.extraConfig(), EnumSet.of(FlyteSections.Binary.FLYTE_BINARY));
    if (!extra.isEmpty()) {
      files.put(EXTRA_CONFIG_FILE, extra);
    }
    return files;
  }

  private static Map<String, Object> core(Plan plan) {
    FlyteDeployment d = plan.deployment();
    Map<String, Object> clusterResources = FlyteConfigSections.clusterResources(d, Plan.TEMPLATES_DIR);
    List<String> seedProjects = d.projects().stream().map(Project::name).toList();
    List<Map<String, String>> seedDetails = d.projects().stream()
        .map(p -> Map.of("name", p.name(), "description", p.description())).toList();
    Map<String, Object> config = new LinkedHashMap<>(Map.ofEntries(
        entry("admin", Map.of("endpoint", "localhost:" + GRPC_PORT, "insecure", true)),
        entry("catalog-cache", Map.of("endpoint", "localhost:8081", "insecure", true, "type", "datacatalog")),
        entry("cluster_resources", clusterResources),
        entry("propeller", Map.of("create-flyteworkflow-crd", true)),
        entry("webhook", webhook(plan)),
        entry("flyte", Map.of(
            "admin", Map.of(
                "disabled", false,
                "disableScheduler", false,
                "disableClusterResourceManager", false,
                "seedProjects", seedProjects,
                "seedProjectsWithDetails", seedDetails),
            "dataCatalog", Map.of("disabled", false),
            "propeller", Map.of("disabled", false, "disableWebhook", false)))));
    config.putAll(FlyteConfigSections.logger(d.logLevel()));
    config.putAll(FlyteConfigSections.domains(d.domains()));
    return config;
  }

  private static Map<String, Object> webhook(Plan plan) {
    Map<String, Object> webhook = new LinkedHashMap<>(Map.of(
        "certDir", "/var/run/flyte/certs",
        "localCert", true,
        "secretName", plan.nameWith("webhook-secret"),
        "serviceName", plan.nameWith("webhook"),
        "servicePort", 443));
    webhook.putAll(FlyteConfigSections.secretManager(plan.deployment().taskSecrets()));
    webhook.putAll(FlyteConfigSections.podWebhookScope(plan.deployment()));
    return webhook;
  }

  private static Map<String, Object> plugins(Plan plan) {
    Map<String, Object> logs = FlyteConfigSections.taskLogLinks(plan.deployment().taskLogs());
    Map<String, Object> config = new LinkedHashMap<>(PluginConfig.taskPlugins(plan.deployment().plugins()));
    Map<String, Object> k8s = new LinkedHashMap<>();
    k8s.put("co-pilot", Map.of("image", plan.images().copilot()));
    k8s.put("inject-finalizer", true);
    k8s.putAll(FlyteConfigSections.taskStorageEnv(plan.deployment().storage()));
    // Azure's webhook only hands a token to labelled pods: label every task pod (as deploy-flyte does).
    plan.deployment().taskIdentity().map(Plan::identityPodLabels).filter(labels -> !labels.isEmpty())
        .ifPresent(labels -> k8s.put("default-labels", labels));
    Map<String, Object> plugins = new LinkedHashMap<>(Map.of("logs", logs, "k8s-array", Map.of("logs", Map.of("config", logs)), "k8s", k8s));
    plugins.putAll(PluginConfig.pluginSettings(plan.deployment().plugins(), plan.deployment().storage(), FlyteConnector.service(plan)));
    config.put("plugins", plugins);
    return config;
  }
}
