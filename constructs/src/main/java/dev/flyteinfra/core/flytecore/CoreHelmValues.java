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
import dev.flyteinfra.core.model.Topology;
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
  private static final String OIDC_SECRET_DIR = "/etc/flyte/oidc";

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

  /** The values. Call {@link #problems} first: this assumes there are none. */
  public static Map<String, Object> of(Plan plan) {
    FlyteDeployment d = plan.deployment();
    CoreConfig config = new CoreConfig(plan);
    Map<String, String> adminFiles = config.adminBase();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("flyteadmin", flyteadmin(plan));
    values.put("datacatalog", component(plan, "datacatalog", d.components().datacatalog()));
    values.put("flytepropeller", flytepropeller(plan));
    values.put("flytescheduler", component(plan, "flytescheduler", d.components().flytescheduler()));
    values.put("flyteconsole", component(plan, "flyteconsole", d.components().flyteconsole()));
    values.put("webhook", map("enabled", true, "resources", resources(d.components().webhook())));
    values.put("common", common(d));
    values.put("storage", storage(d));
    Map<String, Object> database = map("database", database(d.database()));
    values.put("db", map("admin", database, "datacatalog", database));
    // Never the chart's default Secret with the client secret "foobar": with sign-in it is yours.
    values.put("secrets", map("adminOauthClientCredentials", d.auth().map(auth -> map("enabled", false,
        "clientId", auth.serviceClientId().orElse(Auth.INTERNAL_SERVICE_CLIENT), "secretName", auth.serviceClientSecret().name()))
        .orElse(map("enabled", false))));
    values.put("configmap", configmap(plan, config, adminFiles));
    values.put("cluster_resource_manager", map("enabled", true,
        "config", map("cluster_resources", ConfigTree.at(parse(adminFiles.get("cluster_resources.yaml")), "cluster_resources")),
        "templates", FlyteConfigSections.clusterResourceTemplates(d).entrySet().stream()
            .map(t -> map("key", t.getKey().replace(".yaml", ""), "value", t.getValue())).toList()));
    values.put("workflow_scheduler", map("enabled", true, "type", "native"));
    d.notifications().ifPresent(n -> values.put("workflow_notifications", map("enabled", true,
        "config", FlyteConfigSections.notifications(n, d.ingress().flatMap(IngressSettings::host)))));
    if (d.plugins().connector().isPresent()) {
      values.put("flyteconnector", map("enabled", true));
    }
    return values;
  }

  /** The values file's text, with a header saying how to use it. */
  public static String yaml(Plan plan) {
    return ChartValues.file("flyte-core", plan.name(), plan.namespace(), of(plan));
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
    return configmap;
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
        "resources", resources(settings),
        "image", ChartValues.image(image));
    if (!name.equals("flytescheduler")) {
      values.put("replicaCount", settings.replicas());
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

  private static Object resources(ComponentSettings settings) {
    return ChartValues.plain(Workloads.resources(settings.resources()));
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
    Map<String, Object> storage = map("bucketName", store.metadataBucket());
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
      storage.put("custom", ConfigTree.at(FlyteConfigSections.storage(store), "storage"));
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
