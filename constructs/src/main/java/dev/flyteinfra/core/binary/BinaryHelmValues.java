package dev.flyteinfra.core.binary;

import static dev.flyteinfra.core.config.ConfigTree.map;

import dev.flyteinfra.core.auth.FlyteAuth;
import dev.flyteinfra.core.config.ConfigTree;
import dev.flyteinfra.core.config.FlyteConfigSections;
import dev.flyteinfra.core.helm.ChartValues;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.Auth;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.model.MinioStorage;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values.yaml of the official flyte-binary chart (v1.16.8) that deploys what this library
 * synthesizes for the binary topology: the chart's own knobs where it has them (database, storage,
 * log level, sign-in, service account, Ingress, image, resources, hardening), the rest of Flyte's
 * config as {@code configuration.inline}, the namespace templates as
 * {@code clusterResourceTemplates.inline}. Secrets stay references: the database password and the
 * other Secrets are mounted through {@code deployment.extraVolumes}.
 */
public final class BinaryHelmValues {
  /** Config the chart writes itself from its own knobs or names: left out of {@code configuration.inline}. */
  private static final List<String> CHART_OWNED = List.of("admin", "catalog-cache", "database", "flyte", "logger", "server", "storage",
      "tasks");
  /** The keys of {@code storage} the chart writes in 003-storage.yaml from its knobs. */
  public static final List<String> CHART_WRITTEN_STORAGE = List.of("type", "stow", "container");
  private static final List<String> CHART_OWNED_WEBHOOK = List.of("certDir", "localCert", "secretName", "serviceName", "servicePort");

  private BinaryHelmValues() {}

  /** What the chart cannot express of this deployment, as field path, problem and fix. */
  public static List<Problem> problems(FlyteDeployment d) {
    List<Problem> problems = ChartValues.problems(d, "flyte-binary", Topology.BINARY);
    if (d.storage() != null && d.storage().minio().flatMap(MinioStorage::inCluster).isPresent()) {
      problems.add(new Problem("storage.minio.inCluster", "the flyte-binary chart runs no MinIO",
          "give the endpoint of an object store of your own, or deploy with ./flyte-infra synth"));
    }
    d.auth().ifPresent(auth -> {
      if (!auth.clientSecret().name().equals(auth.serviceClientSecret().name())
          || !auth.clientSecret().key().equals("oidc_client_secret") || !auth.serviceClientSecret().key().equals("client_secret")) {
        problems.add(new Problem("auth.clientSecret", "the flyte-binary chart reads both client secrets from one Secret, "
            + "keys oidc_client_secret and client_secret (clientSecretsExternalSecretRef)",
            "reference one Secret with those keys in auth.clientSecret and auth.serviceClientSecret"));
      }
    });
    return problems;
  }

  /** The values. Call {@link #problems} first: this assumes there are none. */
  public static Map<String, Object> of(Plan synthPlan) {
    Plan plan = ChartValues.chartPlan(synthPlan);
    FlyteDeployment d = plan.deployment();
    Map<String, Map<String, Object>> sections = BinaryConfig.sections(plan);
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("database", ChartValues.postgres(d.database()));
    Map<String, Object> storage = ChartValues.storage(d.storage());
    storage.put("userDataContainer", d.storage().effectiveUserDataBucket());
    configuration.put("storage", storage);
    configuration.put("logging", ChartValues.logging(d));
    d.auth().ifPresent(auth -> configuration.put("auth", auth(plan, auth)));
    d.storage().minio().flatMap(MinioStorage::credentialsConfig).ifPresent(ref -> configuration.put("externalSecretRef", ref.name()));
    // The chart passes the inline config through tpl: Flyte's own template actions are escaped.
    configuration.put("inline", ChartValues.escapedMap(inline(plan, sections)));

    Map<String, Object> values = new LinkedHashMap<>();
    values.put("fullnameOverride", plan.name());
    values.put("configuration", configuration);
    values.put("clusterResourceTemplates", map("inline", FlyteConfigSections.clusterResourceTemplates(d)));
    values.put("deployment", deployment(plan));
    values.put("serviceAccount", map("create", true,
        "annotations", d.identity().map(Plan::serviceAccountAnnotations).orElse(Map.of())));
    d.ingress().ifPresent(ingress -> values.put("ingress", ingress(ingress)));
    values.put("flyte-core-components", ChartValues.escapedMap(map("admin", map(
        "seedProjects", d.projects().stream().map(Project::name).toList(),
        "seedProjectsWithDetails", d.projects().stream().map(p -> map("name", p.name(), "description", p.description())).toList()))));
    values.put("enabled_plugins", map("tasks", ConfigTree.at(sections.get("001-plugins.yaml"), "tasks")));
    if (d.plugins().connector().isPresent()) {
      values.put("flyteconnector", map("enabled", true));
    }
    return values;
  }

  /** The values file's text, with a header saying how to use it and what the chart deploys differently. */
  public static String yaml(Plan plan) {
    return ChartValues.file("flyte-binary", plan.name(), plan.namespace(), differences(plan), of(plan));
  }

  /** What the chart deploys differently from synth, and why: the lines of the file's header. */
  public static List<String> differences(Plan plan) {
    List<String> lines = new ArrayList<>(List.of(
        "Flyte's template actions ({{ .podName }}, ...) in configuration.inline are escaped as {{`{{`}}: the chart passes it through tpl",
        "wait-for-db: the chart gives it the resources of the flyte container (deployment.resources); it has no knob of its own"));
    lines.addAll(ChartValues.identityDifferences(plan, List.of(plan.name())));
    return lines;
  }

  private static Map<String, Object> auth(Plan plan, Auth auth) {
    boolean internal = auth.authorizationServer() == Auth.AuthorizationServer.INTERNAL;
    Map<String, Object> values = map("enabled", true, "enableAuthServer", internal,
        "oidc", map("baseUrl", auth.issuerUrl(), "clientId", auth.clientId()),
        "authorizedUris", ConfigTree.at(FlyteAuth.of(plan).orElseThrow().adminConfig(List.of()), "auth").get("authorizedUris"),
        "clientSecretsExternalSecretRef", auth.clientSecret().name());
    if (internal) {
      values.put("internal", map("clientId", auth.serviceClientId().orElse(Auth.INTERNAL_SERVICE_CLIENT),
          "clientSecretHash", auth.serviceClientSecretHash().orElseThrow()));
    }
    return values;
  }

  /**
   * Flyte's config as this library writes it, but what the chart writes from its own knobs and
   * names: plugins, cluster resources' per-domain values, the webhook's secret backend, domains,
   * notifications, the user's extra config, and the sign-in parts the chart has no knob for.
   */
  private static Map<String, Object> inline(Plan plan, Map<String, Map<String, Object>> sections) {
    Map<String, Object> config = ConfigTree.mergedFiles(sections, BinaryConfig.EXTRA_CONFIG_FILE);
    // The chart writes storage's type, container and stow config, not its limits and cache: those stay.
    Map<String, Object> storage = ConfigTree.at(config, "storage");
    CHART_WRITTEN_STORAGE.forEach(storage::remove);
    CHART_OWNED.forEach(config::remove);
    if (!storage.isEmpty()) {
      config.put("storage", storage);
    }
    Map<String, Object> webhook = ConfigTree.at(config, "webhook");
    config.remove("webhook");
    CHART_OWNED_WEBHOOK.forEach(webhook::remove);
    if (!webhook.isEmpty()) {
      config.put("webhook", webhook);
    }
    Map<String, Object> clusterResources = ConfigTree.at(config, "cluster_resources");
    config.remove("cluster_resources");
    if (clusterResources.containsKey("customData")) {
      config.put("cluster_resources", map("customData", clusterResources.get("customData")));
    }
    config.remove("propeller");
    // Log links are the chart's logging knobs, but the template links (Azure's), which it has none for.
    Map<String, Object> plugins = ConfigTree.at(config, "plugins");
    Object templates = ConfigTree.at(plugins, "logs").get("templates");
    plugins.remove("logs");
    plugins.remove("k8s-array");
    if (templates != null) {
      Map<String, Object> logs = map("templates", templates);
      plugins.put("logs", logs);
      plugins.put("k8s-array", map("logs", map("config", logs)));
    }
    config.put("plugins", plugins);
    Map<String, Object> appAuth = ConfigTree.at(config, "auth", "appAuth");
    config.remove("auth");
    if (plan.deployment().auth().filter(a -> a.authorizationServer() == Auth.AuthorizationServer.EXTERNAL).isPresent()) {
      // The chart's auth knobs know only Flyte's internal server: the external one goes inline.
      config.put("auth", map("appAuth", appAuth));
    }
    // The user's own config goes in whole, over everything, as 100-extra-config.yaml does.
    return ConfigTree.merged(config, sections.getOrDefault(BinaryConfig.EXTRA_CONFIG_FILE, Map.of()));
  }

  private static Map<String, Object> deployment(Plan plan) {
    FlyteDeployment d = plan.deployment();
    String image = plan.images().flyteBinary();
    String waitForDb = plan.images().waitForDb();
    List<Object> volumes = new ArrayList<>();
    List<Object> mounts = new ArrayList<>();
    volumes.add(ChartValues.plain(Workloads.databaseCredentials(d.database())));
    mounts.add(ChartValues.plain(new VolumeMountBuilder().withName(Workloads.DATABASE_CREDENTIALS_VOLUME)
        .withMountPath(Plan.DB_PASSWORD_DIR).withReadOnly(true).build()));
    Workloads.sendgridApiKey(d.notifications()).forEach(v -> volumes.add(ChartValues.plain(v)));
    Workloads.sendgridApiKeyMount(d.notifications()).forEach(m -> mounts.add(ChartValues.plain(m)));
    Map<String, Object> podSecurityContext = map("enabled", true);
    podSecurityContext.putAll(stringMap(ChartValues.plain(Workloads.restrictedPodSecurityContext())));
    Object containerSecurityContext = ChartValues.plain(Workloads.restrictedContainerSecurityContext());
    Map<String, Object> deployment = map(
        "image", ChartValues.image(image),
        "resources", ChartValues.resources(Workloads.resources(d.components().binary().resources()), List.of()),
        "podSecurityContext", podSecurityContext,
        "securityContext", containerSecurityContext,
        "waitForDB", map("image", ChartValues.image(waitForDb), "securityContext", containerSecurityContext),
        "readinessProbe", ChartValues.plain(Workloads.healthcheckReadiness("http")),
        "livenessProbe", ChartValues.plain(Workloads.healthcheckLiveness("http")),
        "extraVolumes", volumes,
        "extraVolumeMounts", mounts);
    d.storage().minio().ifPresent(minio -> deployment.put("extraEnvVars",
        Workloads.minioCredentials(minio).stream().map(env -> ChartValues.plain(env)).toList()));
    d.identity().map(Plan::identityPodLabels).filter(labels -> !labels.isEmpty()).ifPresent(labels -> deployment.put("podLabels", labels));
    return deployment;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stringMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> ingress(IngressSettings ingress) {
    Map<String, Object> values = ChartValues.ingress(ingress);
    values.put("separateGrpcIngress", ingress.separateGrpc());
    values.put("grpcAnnotations", ingress.grpcAnnotations());
    return values;
  }

}
