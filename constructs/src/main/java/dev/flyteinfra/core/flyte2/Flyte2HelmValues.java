package dev.flyteinfra.core.flyte2;

import static dev.flyteinfra.core.config.ConfigTree.map;

import dev.flyteinfra.core.config.ConfigTree;
import dev.flyteinfra.core.helm.ChartValues;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values.yaml of the official flyte-binary chart v2.0.42 (Flyte 2; the same chart name as
 * Flyte 1's 1.16.8, always installed with {@code --version}) that deploys what this library
 * synthesizes for Flyte 2: the chart's knobs where it has them (database, storage, log links,
 * images, service account, resources, security contexts, probes, Ingress), the config the chart
 * has no knob for as {@code flyte-core-components} and {@code configuration.inline}, the database
 * password mounted from its Secret. What the chart cannot express is listed in the file's header.
 */
public final class Flyte2HelmValues {
  /** The chart version these values are checked against. */
  public static final String CHART_VERSION = "v2.0.42";
  static final String CHART = "flyte-binary";
  /** The chart's own keys of 000-core.yaml's webhook section, written from its names. */
  private static final List<String> CHART_OWNED_WEBHOOK = List.of("certDir", "localCert", "secretName", "serviceName", "servicePort",
      "secretManagerTypes", "embeddedSecretManagerConfig");
  /** The sections of 000-core.yaml the chart writes verbatim from flyte-core-components. */
  private static final List<String> CORE_COMPONENTS = List.of("runs", "actions", "dataproxy", "secret");

  private Flyte2HelmValues() {}

  /** What the chart cannot express of this (valid) deployment, as field path, problem and fix. */
  public static List<Problem> problems(FlyteDeployment d) {
    List<Problem> problems = ChartValues.problems(d, CHART, CHART_VERSION, Generation.FLYTE_2, Topology.BINARY);
    if (d.storage() != null && d.storage().minio().isPresent()) {
      problems.add(new Problem("storage.minio", "the flyte-binary v2 chart takes an S3-compatible store's access key id only as a "
          + "value in its values (authType accesskey)", "deploy with ./flyte-infra synth, which reads the key from its Secret"));
    }
    if (d.plugins() != null && d.plugins().connector().isPresent()) {
      problems.add(new Problem("plugins.connector", "the flyte-binary v2 chart's connector subchart names its objects flyteconnector "
          + "whatever the release (two releases collide) and is not wired to the binary", "deploy with ./flyte-infra synth, which wires it"));
    }
    if (d.components() != null && d.components().console().image().filter(image -> !image.contains(":")
        || image.indexOf('@') >= 0 && !image.substring(0, image.indexOf('@')).contains(":")).isPresent()) {
      problems.add(new Problem("components.console.image", "the chart joins the console's repository and tag with a colon: a digest "
          + "needs a tag before it", "write it as <repository>:<tag>@sha256:<digest>"));
    }
    return problems;
  }

  /** The values. Call {@link #problems} first: this assumes there are none. */
  public static Map<String, Object> of(Plan plan) {
    FlyteDeployment d = plan.deployment();
    Map<String, Map<String, Object>> sections = Flyte2Config.sections(plan);
    Map<String, Object> merged = ConfigTree.mergedFiles(sections, Flyte2Config.EXTRA_CONFIG_FILE);
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("database", map("postgres", ChartValues.postgres(d.database())));
    configuration.put("storage", ChartValues.storage(d.storage()));
    configuration.put("logging", ChartValues.logging(d));
    configuration.put("co-pilot", map("image", ChartValues.image(plan.images().copilot())));
    // The chart passes the inline config and flyte-core-components through tpl: Flyte's own template actions are escaped.
    configuration.put("inline", ChartValues.escapedMap(inline(merged, sections)));

    Map<String, Object> coreComponents = new LinkedHashMap<>();
    CORE_COMPONENTS.forEach(section -> coreComponents.put(section, ConfigTree.at(merged, section)));
    // The chart writes runs.database from configuration.database.
    Map<String, Object> runs = ConfigTree.at(merged, "runs");
    runs.remove("database");
    coreComponents.put("runs", runs);

    Map<String, Object> values = new LinkedHashMap<>();
    values.put("fullnameOverride", plan.name());
    values.put("flyte-core-components", ChartValues.escapedMap(coreComponents));
    values.put("configuration", configuration);
    values.put("deployment", deployment(plan));
    values.put("console", console(plan));
    values.put("serviceAccount", map("create", true, "name", plan.name(),
        "annotations", d.identity().map(Plan::serviceAccountAnnotations).orElse(Map.of())));
    d.ingress().ifPresent(ingress -> values.put("ingress", ChartValues.ingress(ingress)));
    values.put("flyteconnector", map("enabled", false));
    return values;
  }

  /** The values file's text, with a header saying how to install the chart and what it deploys differently. */
  public static String yaml(Plan plan) {
    return ChartValues.file(CHART, CHART_VERSION, plan.name(), plan.namespace(), differences(plan), of(plan));
  }

  /** What the chart deploys differently from synth, and why: the lines of the file's header. */
  public static List<String> differences(Plan plan) {
    List<String> lines = new ArrayList<>(List.of(
        "RBAC: the chart's ClusterRole grants create/delete on every Secret and pod of the cluster and it has no knob to narrow "
            + "it; synth writes only in " + plan.namespace() + " and " + plan.taskNamespace(),
        "create the task namespace " + plan.taskNamespace() + " and its service account " + plan.taskServiceAccount()
            + " (with the task identity) before installing: the chart renders neither",
        "no NetworkPolicy: the chart renders none, so every pod of the cluster reaches Flyte's API",
        "the TaskAction CRD is an ordinary release object: helm uninstall deletes it and every TaskAction",
        "the console runs as its namespace's default service account, with a token, and no pod security context",
        "Ingress paths are ImplementationSpecific with /* globs (ALB and GCE read them; ingress-nginx and Traefik do not)",
        "wait-for-db gets the resources of the flyte container (deployment.resources); it has no knob of its own",
        "Flyte's template actions ({{ .podName }}, ...) are escaped as {{`{{`}}: the chart passes its config through tpl"));
    return lines;
  }

  /** What the chart has no knob for: the webhook's scope, tasks' service account and environment, tracing, apps, extraConfig. */
  private static Map<String, Object> inline(Map<String, Object> merged, Map<String, Map<String, Object>> sections) {
    Map<String, Object> config = new LinkedHashMap<>();
    Map<String, Object> webhook = ConfigTree.at(merged, "webhook");
    CHART_OWNED_WEBHOOK.forEach(webhook::remove);
    config.put("webhook", webhook);
    for (String section : List.of("executor", "otel", "internalApps")) {
      if (merged.containsKey(section)) {
        config.put(section, merged.get(section));
      }
    }
    // The chart writes co-pilot's image from its knob; the task pods' environment is a list the chart's file
    // would replace whole, so it is given whole here, the chart's three _U_ variables included.
    Map<String, Object> k8s = ConfigTree.at(merged, "plugins", "k8s");
    k8s.remove("co-pilot");
    config.put("plugins", map("k8s", k8s));
    Map<String, Object> storage = ConfigTree.at(merged, "storage");
    storage.keySet().removeAll(List.of("type", "container", "stow"));
    if (!storage.isEmpty()) {
      config.put("storage", storage);
    }
    return ConfigTree.merged(config, sections.getOrDefault(Flyte2Config.EXTRA_CONFIG_FILE, Map.of()));
  }

  private static Map<String, Object> deployment(Plan plan) {
    FlyteDeployment d = plan.deployment();
    Map<String, Object> podSecurityContext = map("enabled", true);
    podSecurityContext.putAll(stringMap(ChartValues.plain(Workloads.restrictedPodSecurityContext())));
    Object securityContext = ChartValues.plain(Workloads.restrictedContainerSecurityContext());
    Map<String, Object> deployment = map(
        "image", ChartValues.image(plan.images().flyteBinary()),
        "resources", ChartValues.resources(Workloads.resources(d.components().binary().resources()), List.of()),
        "podSecurityContext", podSecurityContext,
        "securityContext", securityContext,
        "waitForDB", map("image", ChartValues.image(plan.images().waitForDb()), "securityContext", securityContext),
        "startupProbe", ChartValues.plain(Flyte2Topology.startupProbe()),
        "readinessProbe", ChartValues.plain(Flyte2Topology.readinessProbe()),
        "livenessProbe", ChartValues.plain(Flyte2Topology.livenessProbe()),
        "extraVolumes", List.of(ChartValues.plain(Workloads.databaseCredentials(d.database()))),
        "extraVolumeMounts", List.of(ChartValues.plain(new VolumeMountBuilder().withName(Workloads.DATABASE_CREDENTIALS_VOLUME)
            .withMountPath(Plan.DB_PASSWORD_DIR).withReadOnly(true).build())));
    d.identity().map(Plan::identityPodLabels).filter(labels -> !labels.isEmpty()).ifPresent(labels -> deployment.put("podLabels", labels));
    return deployment;
  }

  private static Map<String, Object> console(Plan plan) {
    var settings = plan.deployment().components().console();
    return map(
        "image", ChartValues.image(plan.images().console()),
        "replicaCount", settings.replicas(),
        "resources", ChartValues.resources(Workloads.resources(settings.resources()), List.of()),
        "securityContext", ChartValues.plain(Workloads.restrictedContainerSecurityContext()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stringMap(Object value) {
    return (Map<String, Object>) value;
  }
}
