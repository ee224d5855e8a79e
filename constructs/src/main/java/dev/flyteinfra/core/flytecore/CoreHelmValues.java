package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.config.ConfigTree.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.flyteinfra.core.config.ConfigTree;
import dev.flyteinfra.core.config.FlyteConfigSections;
import dev.flyteinfra.core.helm.ChartValues;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.yaml.Yaml;
import dev.flyteinfra.core.model.Auth;
import dev.flyteinfra.core.model.Autoscaling;
import dev.flyteinfra.core.model.ComponentSettings;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.Plan;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The values.yaml of the official flyte-core chart (v1.16.8) that deploys what this library
 * synthesizes for the core topology on one cluster: each component's replicas, resources, image,
 * identity and ServiceMonitor; the database, storage, Ingress, scheduler, notifications and
 * cluster-resource knobs; and each of Flyte's config files as the {@code configmap} entry the
 * chart renders it from (the files the chart has no entry for are merged into {@code core}, which
 * Flyte reads as one more file). Secrets stay references.
 */
public final class CoreHelmValues {
  /** Propeller config files the chart renders from a {@code configmap} entry of the same name. */
  private static final Set<String> PROPELLER_ENTRIES = Set.of("admin", "catalog", "copilot", "core", "enabled_plugins", "k8s",
      "resource_manager", "task_logs");
  /** configmap entries the chart writes with {@code toYaml} alone; every other one goes through {@code tpl}. */
  public static final Set<String> ENTRIES_WITHOUT_TPL = Set.of("schedulerConfig", "namespace_config", "clusterpool_config");
  /**
   * Keys of Flyte's config that the chart writes itself, in storage.yaml and
   * task_resource_defaults.yaml, files Flyte reads after the configmap entries: set through the
   * chart's knobs ({@code storage.*}, {@code configmap.task_resource_defaults}), never in an entry.
   */
  public static final List<List<String>> CHART_WRITTEN_LATER = List.of(List.of("storage", "type"), List.of("storage", "container"),
      List.of("storage", "connection"), List.of("storage", "stow"), List.of("storage", "enable-multicontainer"),
      List.of("storage", "limits", "maxDownloadMBs"), List.of("storage", "cache", "max_size_mbs"),
      List.of("storage", "cache", "target_gc_percent"), List.of("task_resources"));
  /** The service accounts the chart creates for the components that carry the backend identity. */
  public static final List<String> CHART_SERVICE_ACCOUNTS = CloudRequirements.CORE_IDENTITY_COMPONENTS;
  /** Pod security context keys the chart's default values set and synth does not (flytepropeller's: the first only). */
  private static final List<String> POD_SECURITY_DEFAULTS = List.of("fsGroupChangePolicy", "seLinuxOptions");
  /** The requests and limits the chart's default values give each component (the values' ones replace them). */
  private static final List<String> ALL_RESOURCES = List.of("limits.cpu", "limits.memory", "limits.ephemeral-storage",
      "requests.cpu", "requests.memory", "requests.ephemeral-storage");
  private static final Map<String, List<String>> CHART_DEFAULT_RESOURCES = Map.of(
      "flyteadmin", ALL_RESOURCES, "flytescheduler", ALL_RESOURCES, "datacatalog", ALL_RESOURCES, "flytepropeller", ALL_RESOURCES,
      "flyteconsole", List.of("limits.cpu", "limits.memory", "requests.cpu", "requests.memory"),
      "webhook", List.of("requests.cpu", "requests.memory", "requests.ephemeral-storage"),
      "cluster_resource_manager", List.of());
  /** The chart's default task resources, which Helm merges with the values' (configmap.task_resource_defaults). */
  private static final List<List<String>> TASK_RESOURCE_DEFAULTS = List.of(List.of("defaults", "cpu"), List.of("defaults", "memory"),
      List.of("limits", "cpu"), List.of("limits", "gpu"), List.of("limits", "memory"));
  private static final String OIDC_SECRET_DIR = "/etc/flyte/oidc";
  /** Flyte's own default of storage.limits.maxDownloadMBs, where the config sets none. */
  private static final int FLYTE_MAX_DOWNLOAD_MBS = 2;

  private CoreHelmValues() {}

  /** What the chart cannot express of this deployment, as field path, problem and fix. */
  public static List<Problem> problems(FlyteDeployment d) {
    List<Problem> problems = ChartValues.problems(d, "flyte-core", Topology.CORE);
    if (d.multiCluster().isPresent()) {
      problems.add(new Problem("multiCluster", "the flyte-core chart installs one cluster per release; these values would be one of many",
          "deploy a control plane and its data planes with ./flyte-infra synth"));
    }
    if (d.database() != null && d.database().clientCertificateSecret().isPresent()) {
      problems.add(new Problem("database.clientCertificateSecret", "the flyte-core chart mounts one database Secret, the password's",
          "deploy with ./flyte-infra synth, which mounts the client certificate beside it"));
    }
    if (d.storage() != null && d.storage().minio().isPresent()) {
      problems.add(new Problem("storage.minio", "MinIO's access key reaches each component differently in the flyte-core chart; "
          + "these values do not write it", "deploy with ./flyte-infra synth"));
    }
    d.ingress().filter(ingress -> ingress.separateGrpc() && !ingress.httpAnnotations().isEmpty()).ifPresent(ingress ->
        problems.add(new Problem("ingress.httpAnnotations", "the flyte-core chart has annotations for both Ingresses and the gRPC one only",
            "move them to ingress.annotations")));
    return problems;
  }

  /**
   * The values. Call {@link #problems} first: this assumes there are none. The config names the
   * objects the chart creates, whatever the deployment's {@code installation}.
   */
  public static Map<String, Object> of(Plan synthPlan) {
    Plan plan = ChartValues.chartPlan(synthPlan);
    FlyteDeployment d = plan.deployment();
    CoreConfig config = new CoreConfig(plan);
    Map<String, String> adminFiles = config.adminBase();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("flyteadmin", flyteadmin(plan));
    values.put("datacatalog", component(plan, "datacatalog", d.components().datacatalog()));
    values.put("flytepropeller", flytepropeller(plan));
    values.put("flytescheduler", component(plan, "flytescheduler", d.components().flytescheduler()));
    values.put("flyteconsole", component(plan, "flyteconsole", d.components().flyteconsole()));
    values.put("webhook", webhook(plan));
    values.put("common", common(d));
    values.put("storage", storage(d));
    Map<String, Object> database = ChartValues.escapedMap(map("database", database(d.database())));
    values.put("db", map("admin", database, "datacatalog", database));
    // Never the chart's default Secret with the client secret "foobar": with sign-in it is yours.
    values.put("secrets", map("adminOauthClientCredentials", d.auth().map(auth -> map("enabled", false,
        "clientId", auth.serviceClientId().orElse(Auth.INTERNAL_SERVICE_CLIENT), "secretName", auth.serviceClientSecret().name()))
        .orElse(map("enabled", false))));
    values.put("configmap", configmap(plan, config, adminFiles));
    values.put("cluster_resource_manager", map("enabled", true,
        "config", ChartValues.escapedMap(map("cluster_resources", ConfigTree.at(parse(adminFiles.get("cluster_resources.yaml")), "cluster_resources"))),
        "resources", resources("cluster_resource_manager", d.components().syncresources()),
        // A singleton, as synth's: never two syncs at once.
        "strategy", map("type", "Recreate"),
        "templates", FlyteConfigSections.clusterResourceTemplates(d).entrySet().stream()
            .map(t -> map("key", t.getKey().replace(".yaml", ""), "value", t.getValue())).toList()));
    values.put("workflow_scheduler", map("enabled", true, "type", "native"));
    d.notifications().ifPresent(n -> values.put("workflow_notifications", map("enabled", true,
        "config", notifications(FlyteConfigSections.notifications(n, d.ingress().flatMap(IngressSettings::host))))));
    if (d.plugins().connector().isPresent()) {
      values.put("flyteconnector", map("enabled", true));
    }
    return values;
  }

  /** The values file's text, with a header saying how to use it and what the chart deploys differently. */
  public static String yaml(Plan plan) {
    return ChartValues.file("flyte-core", plan.name(), plan.namespace(), differences(plan), of(plan));
  }

  /** What the chart deploys differently from synth, and why: the lines of the file's header. */
  public static List<String> differences(Plan plan) {
    List<String> lines = new ArrayList<>(List.of(
        "object names: the chart's own (Services flyteadmin, datacatalog, flyte-pod-webhook, ...): the config names them",
        "Flyte's template actions ({{ .podName }}, ...) are escaped as {{`{{`}}: the chart passes its config through tpl",
        "flytepropeller and syncresources: the chart gives their containers no security context and has no knob for one;"
            + " the pod security context asked for applies (runAsNonRoot, seccompProfile RuntimeDefault)",
        "pod labels: the chart's (app.kubernetes.io/name: <component>); anti-affinity selects them"));
    lines.addAll(ChartValues.identityDifferences(plan, CHART_SERVICE_ACCOUNTS));
    return lines;
  }

  /**
   * Each config file as the chart's entry for it: FlyteAdmin's server, auth and domains, DataCatalog's
   * and the scheduler's servers, and propeller's files, the ones without an entry merged into core.
   */
  private static Map<String, Object> configmap(Plan plan, CoreConfig config, Map<String, String> admin) {
    Map<String, Object> configmap = new TreeMap<>();
    Map<String, Object> adminServer = parse(admin.get("server.yaml"));
    if (admin.containsKey("auth.yaml")) {
      adminServer = ConfigTree.merged(adminServer, parse(admin.get("auth.yaml")));
    }
    if (plan.deployment().auth().isPresent()) {
      // The chart mounts its own generated Secret at /etc/secrets; the OIDC client's comes from yours.
      adminServer = ConfigTree.merged(adminServer, map("auth", map("userAuth", map("openId", map(
          "clientSecretFile", OIDC_SECRET_DIR + "/" + plan.deployment().auth().get().clientSecret().key())))));
    }
    configmap.put("adminServer", ConfigTree.merged(adminServer, config.extraConfig(CoreConfig.ADMIN_READERS)));
    configmap.put("logger", parse(admin.get("logger.yaml")));
    configmap.put("domain", parse(admin.get("domain.yaml")));
    configmap.put("remoteData", parse(admin.get("remoteData.yaml")));
    configmap.put("datacatalogServer", ConfigTree.merged(parse(config.datacatalog().get("server.yaml")),
        config.extraConfig(CoreConfig.CATALOG_READERS)));
    configmap.put("schedulerConfig", ConfigTree.merged(parse(config.scheduler().get("server.yaml")),
        config.extraConfig(CoreConfig.SCHEDULER_READERS)));
    Map<String, Object> core = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : config.propeller(Optional.empty()).entrySet()) {
      String entry = file.getKey().replace(".yaml", "");
      if (PROPELLER_ENTRIES.contains(entry) && !entry.equals("core")) {
        configmap.put(entry, parse(file.getValue()));
      } else if (!file.getKey().equals(CoreConfig.EXTRA_CONFIG_FILE) && !entry.equals("logger") && !entry.equals("storage")) {
        core = ConfigTree.merged(core, parse(file.getValue()));
      }
    }
    configmap.put("core", ConfigTree.merged(core, config.extraConfig(CoreConfig.PROPELLER_READERS)));
    // Keys the chart writes itself in files Flyte reads after these: through its own knobs instead.
    for (Map.Entry<String, Object> entry : configmap.entrySet()) {
      entry.setValue(withoutChartWrittenKeys(stringMap(entry.getValue())));
    }
    configmap.put("task_resource_defaults", taskResourceDefaults(plan.deployment().extraConfig()));
    configmap.replaceAll((entry, value) -> ENTRIES_WITHOUT_TPL.contains(entry) ? value : ChartValues.escapeTemplates(value));
    return configmap;
  }

  /** A config file without the keys of {@link #CHART_WRITTEN_LATER}. */
  private static Map<String, Object> withoutChartWrittenKeys(Map<String, Object> file) {
    Map<String, Object> result = file;
    for (List<String> path : CHART_WRITTEN_LATER) {
      result = without(result, path);
    }
    return result;
  }

  /** A copy of the tree without the key at {@code path}, and without the maps that leaves empty. */
  private static Map<String, Object> without(Map<String, Object> tree, List<String> path) {
    if (!tree.containsKey(path.get(0))) {
      return tree;
    }
    Map<String, Object> result = new LinkedHashMap<>(tree);
    if (path.size() == 1) {
      result.remove(path.get(0));
    } else if (result.get(path.get(0)) instanceof Map<?, ?> child) {
      Map<String, Object> rest = without(stringMap(child), path.subList(1, path.size()));
      if (rest.isEmpty()) {
        result.remove(path.get(0));
      } else {
        result.put(path.get(0), rest);
      }
    }
    return result;
  }

  /**
   * The chart's task_resource_defaults.yaml as synth's config has them: the deployment's, with the
   * chart's defaults it does not set deleted; no file at all when it sets none.
   */
  private static Object taskResourceDefaults(Map<String, Object> extraConfig) {
    Map<String, Object> given = ConfigTree.at(extraConfig, "task_resources");
    if (given.isEmpty()) {
      return null;
    }
    Map<String, Object> resources = new LinkedHashMap<>(given);
    for (List<String> key : TASK_RESOURCE_DEFAULTS) {
      Map<String, Object> group = ConfigTree.at(resources, key.get(0));
      group.putIfAbsent(key.get(1), null);
      resources.put(key.get(0), group);
    }
    return map("task_resources", resources);
  }

  /** The notifications config, its {@code tpl}'d parts escaped (the chart writes the e-mail's text as it is). */
  private static Map<String, Object> notifications(Map<String, Object> config) {
    Map<String, Object> notifications = ConfigTree.at(config, "notifications");
    Object emailer = notifications.remove("emailer");
    Map<String, Object> escaped = ChartValues.escapedMap(notifications);
    if (emailer != null) {
      escaped.put("emailer", emailer);
    }
    return map("notifications", escaped);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stringMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> flyteadmin(Plan plan) {
    FlyteDeployment d = plan.deployment();
    Map<String, Object> admin = component(plan, "flyteadmin", d.components().flyteadmin());
    List<Object> volumes = new ArrayList<>();
    List<Object> mounts = new ArrayList<>();
    d.auth().ifPresent(auth -> {
      volumes.add(map("name", "oidc", "secret", map("secretName", auth.clientSecret().name(), "defaultMode", 0440,
          "items", List.of(map("key", auth.clientSecret().key(), "path", auth.clientSecret().key())))));
      mounts.add(map("name", "oidc", "mountPath", OIDC_SECRET_DIR, "readOnly", true));
    });
    Workloads.sendgridApiKey(d.notifications()).forEach(v -> volumes.add(ChartValues.plain(v)));
    Workloads.sendgridApiKeyMount(d.notifications()).forEach(m -> mounts.add(ChartValues.plain(m)));
    if (!volumes.isEmpty()) {
      admin.put("additionalVolumes", volumes);
      admin.put("additionalVolumeMounts", mounts);
    }
    // The chart seeds flytesnacks, flytetester and flyteexamples unless told the deployment's projects.
    admin.put("initialProjects", d.projects().stream().map(Project::name).toList());
    // The chart's container ports have no names: the probes give the number. The chart writes them as text.
    admin.put("readinessProbe", Yaml.write(ChartValues.plain(Workloads.healthcheckReadiness(CoreConfig.ADMIN_HTTP))));
    admin.put("livenessProbe", Yaml.write(ChartValues.plain(Workloads.healthcheckLiveness(CoreConfig.ADMIN_HTTP))));
    return admin;
  }

  private static Map<String, Object> flytepropeller(Plan plan) {
    FlyteDeployment d = plan.deployment();
    Map<String, Object> propeller = component(plan, "flytepropeller", d.components().flytepropeller());
    propeller.put("manager", !d.propeller().sharding().isEmpty());
    return propeller;
  }

  /**
   * A component's replicas (or autoscaling; the scheduler is a singleton), resources, image, identity
   * (FlyteConsole has none) and ServiceMonitor.
   */
  private static Map<String, Object> component(Plan plan, String name, ComponentSettings settings) {
    FlyteDeployment d = plan.deployment();
    boolean console = name.equals("flyteconsole");
    String image = console ? plan.images().console() : plan.images().component(name);
    Map<String, Object> values = map(
        "resources", resources(name, settings),
        "image", ChartValues.image(image),
        "securityContext", podSecurityContext(name),
        "affinity", spreadOverNodes(chartPodLabels(plan, name)));
    if (!name.equals("flytescheduler")) {
      values.put("replicaCount", settings.replicas());
    } else {
      // A singleton, as synth's: a second scheduler would fire schedules twice.
      values.put("strategy", map("type", "Recreate"));
    }
    if (console) {
      values.put("readinessProbe", ChartValues.plain(ConsoleComponent.readiness()));
      values.put("livenessProbe", ChartValues.plain(ConsoleComponent.liveness()));
    }
    if (name.equals("datacatalog")) {
      // The chart's default is a NodePort: DataCatalog's unauthenticated API on every node.
      values.put("service", map("type", "ClusterIP"));
    }
    settings.autoscaling().ifPresent(scaling -> values.put("autoscaling", autoscaling(scaling)));
    if (!console) {
      values.put("serviceAccount", map("create", true,
          "annotations", d.identity().map(Plan::serviceAccountAnnotations).orElse(Map.of())));
      d.identity().map(Plan::identityPodLabels).filter(labels -> !labels.isEmpty()).ifPresent(labels -> values.put("podLabels", labels));
    }
    if (d.monitoring().serviceMonitors() && !console) {
      values.put("serviceMonitor", map("enabled", true, "interval", d.monitoring().interval(),
          "scrapeTimeout", d.monitoring().scrapeTimeout(), "labels", d.monitoring().labels()));
    }
    return values;
  }

  private static Map<String, Object> autoscaling(Autoscaling scaling) {
    return map("enabled", true, "minReplicas", scaling.minReplicas(), "maxReplicas", scaling.maxReplicas(),
        "metrics", List.of(map("type", "Resource", "resource", map("name", "cpu",
            "target", map("type", "Utilization", "averageUtilization", scaling.targetCpuUtilizationPercent())))));
  }

  /** A component's resources, replacing the chart's default ones. */
  private static Object resources(String component, ComponentSettings settings) {
    return ChartValues.resources(Workloads.resources(settings.resources()), CHART_DEFAULT_RESOURCES.get(component));
  }

  private static Map<String, Object> webhook(Plan plan) {
    return map("enabled", true, "resources", resources("webhook", plan.deployment().components().webhook()),
        "securityContext", podSecurityContext("webhook"), "affinity", spreadOverNodes(chartPodLabels(plan, "webhook")));
  }

  /** synth's pod security context, replacing the chart's default one (which sets seLinuxOptions spc_t and user 1001). */
  private static Map<String, Object> podSecurityContext(String component) {
    List<String> chartDefaults = component.equals("flytepropeller") ? POD_SECURITY_DEFAULTS.subList(0, 1) : POD_SECURITY_DEFAULTS;
    return ChartValues.replacing(stringMap(ChartValues.plain(Workloads.restrictedPodSecurityContext())), chartDefaults);
  }

  private static Object spreadOverNodes(Map<String, String> podLabels) {
    return ChartValues.plain(Workloads.spreadOverNodes(podLabels));
  }

  /** The labels the chart gives a component's pods, which select its replicas. */
  public static Map<String, String> chartPodLabels(Plan plan, String component) {
    return component.equals("webhook") ? Map.of("app.kubernetes.io/name", "flyte-pod-webhook")
        : new TreeMap<>(Map.of("app.kubernetes.io/name", component, "app.kubernetes.io/instance", plan.name()));
  }

  private static Map<String, Object> common(FlyteDeployment d) {
    Map<String, Object> common = map("databaseSecret", map("name", d.database().passwordSecret().name()));
    d.ingress().ifPresent(ingress -> {
      Map<String, Object> values = map("enabled", true, "separateGrpcIngress", ingress.separateGrpc(),
          "annotations", ingress.annotations(), "separateGrpcIngressAnnotations", ingress.grpcAnnotations());
      ingress.host().ifPresent(host -> values.put("host", host));
      ingress.className().ifPresent(className -> values.put("ingressClassName", className));
      ingress.tlsSecret().ifPresent(secret -> values.put("tls", map("enabled", true, "secretName", secret)));
      common.put("ingress", values);
    });
    if (d.ingress().isEmpty()) {
      common.put("ingress", map("enabled", false));
    }
    return common;
  }

  private static Map<String, Object> storage(FlyteDeployment d) {
    var store = d.storage();
    // What synth's storage config comes to, the deployment's extraConfig over the generated storage.yaml.
    Map<String, Object> effective = ConfigTree.at(ConfigTree.merged(FlyteConfigSections.storage(store), d.extraConfig()), "storage");
    Map<String, Object> cache = ConfigTree.at(effective, "cache");
    Map<String, Object> storage = map("bucketName", store.metadataBucket(),
        "enableMultiContainer", effective.getOrDefault("enable-multicontainer", false),
        "limits", map("maxDownloadMBs", ConfigTree.at(effective, "limits").getOrDefault("maxDownloadMBs", FLYTE_MAX_DOWNLOAD_MBS)),
        "cache", map("maxSizeMBs", cache.getOrDefault("max_size_mbs", 0), "targetGCPercent", cache.getOrDefault("target_gc_percent", 0)));
    if (store.s3().isPresent()) {
      storage.put("type", "s3");
      Map<String, Object> s3 = map("region", store.s3().get().region(), "authType", "iam");
      store.s3().get().endpoint().ifPresent(endpoint -> s3.put("endpoint", endpoint));
      storage.put("s3", s3);
    } else if (store.gcs().isPresent()) {
      storage.put("type", "gcs");
      storage.put("gcs", map("projectId", store.gcs().get().project()));
    } else {
      storage.put("type", "custom");
      // The chart appends enable-multicontainer, limits and cache to the custom config: left out here.
      Map<String, Object> custom = ConfigTree.at(FlyteConfigSections.storage(store), "storage");
      List.of("enable-multicontainer", "limits", "cache").forEach(custom::remove);
      storage.put("custom", ChartValues.escapedMap(custom));
    }
    return storage;
  }

  private static Map<String, Object> database(PostgresDatabase db) {
    return map("port", db.port(), "username", db.username(), "host", db.host(), "dbname", db.dbname(), "options", db.options(),
        "passwordPath", PostgresDatabase.CREDENTIALS_DIR + "/" + db.passwordSecret().key());
  }

  private static Map<String, Object> parse(String yaml) {
    try {
      return Yaml.mapper().readValue(yaml, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
