package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.flyteinfra.core.binary.BinaryHelmValues;
import dev.flyteinfra.core.config.ConfigTree;
import dev.flyteinfra.core.flytecore.CoreHelmValues;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.Installation;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the official charts do to the values of {@code helm-values}, as facts checked against the
 * charts' renderings and default values in ../shared/reference (the chart sources are not here):
 * the config names objects the chart renders; every {@code {{} survives the chart's one {@code tpl}
 * pass; what the chart writes in files Flyte reads after the values' own is set through its knobs;
 * resources and security contexts, merged over the chart's defaults as Helm merges them, are
 * synth's; and a stack built for a chart installation trusts the chart's service accounts.
 */
class HelmChartFactsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  /** An in-cluster address: {@code [scheme://]service[.namespace[.svc[.cluster.local]]][:port]}, a Service name without dots. */
  private static final Pattern ADDRESS = Pattern.compile(
      "^(?:dns:///|k8s://|https?://)?([a-z][a-z0-9-]*)(?:\\.([a-z0-9-]+)(?:\\.svc(?:\\.cluster\\.local)?)?)?(?::(\\d+))?(?:/.*)?$");
  /** A Go template action on a field, as Flyte's log links hold them: {@code {{ .podName }}}, {@code {{.namespace}}}. */
  private static final Pattern GO_FIELD_ACTION = Pattern.compile("\\{\\{-?\\s*\\.");
  /** flyte-core's config files written without tpl: the rest of configmap goes through it. */
  private static final Set<String> CORE_ENTRIES_WITHOUT_TPL = Set.of("schedulerConfig", "namespace_config", "clusterpool_config");

  static Stream<Path> coreConfigs() {
    return HelmValuesTest.coreConfigs();
  }

  static Stream<Path> binaryConfigs() {
    return HelmValuesTest.binaryConfigs();
  }

  private static Map<String, Object> core(Path config) {
    return CoreHelmValues.of(Plan.of(Repo.load(config)));
  }

  private static Map<String, Object> binary(Path config) {
    return BinaryHelmValues.of(Plan.of(Repo.load(config)));
  }

  // --- the tpl helper itself

  @Test
  void theTplHelperEvaluatesExactlyHelmsEscapes() {
    assertThat(HelmTpl.evaluate("a {{`{{`}} .podName }} b")).isEqualTo("a {{ .podName }} b");
    assertThat(HelmTpl.evaluate("{{ \"{{\" }} .namespace }}")).isEqualTo("{{ .namespace }}");
    assertThat(HelmTpl.evaluate("{{`{{ .podName }}`}}")).isEqualTo("{{ .podName }}");
    assertThat(HelmTpl.evaluate("no action }} at all")).isEqualTo("no action }} at all");
    assertThatThrownBy(() -> HelmTpl.evaluate("x {{ .podName }}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HelmTpl.evaluate("{{ namespace }}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HelmTpl.evaluate("{{`a` | upper }}")).isInstanceOf(IllegalArgumentException.class);
  }

  // --- (b) the tpl round trip

  /** flyte-core's values that the chart passes through tpl. */
  private static Map<String, Object> coreTemplated(Map<String, Object> values) {
    Map<String, Object> templated = new LinkedHashMap<>();
    map(values.get("configmap")).forEach((entry, file) -> {
      if (!CORE_ENTRIES_WITHOUT_TPL.contains(entry)) {
        templated.put("configmap." + entry, file);
      }
    });
    templated.put("db", values.get("db"));
    templated.put("cluster_resource_manager.config", map(values.get("cluster_resource_manager")).get("config"));
    templated.put("storage.custom", map(values.get("storage")).get("custom"));
    Object notifications = map(values.getOrDefault("workflow_notifications", Map.of())).get("config");
    if (notifications != null) {
      Map<String, Object> n = new LinkedHashMap<>(map(map(notifications).get("notifications")));
      n.remove("emailer"); // written with toYaml alone
      templated.put("workflow_notifications.config", n);
    }
    return templated;
  }

  private static Map<String, Object> binaryTemplated(Map<String, Object> values) {
    return Map.of("configuration.inline", map(values.get("configuration")).get("inline"),
        "flyte-core-components", values.get("flyte-core-components"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("coreConfigs")
  void flyteCoreTemplatesSurviveOneTplPass(Path config) {
    Map<String, Object> values = core(config);
    assertTemplatesSurvive(config, values, coreTemplated(values));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryConfigs")
  void flyteBinaryTemplatesSurviveOneTplPass(Path config) {
    Map<String, Object> values = binary(config);
    assertTemplatesSurvive(config, values, binaryTemplated(values));
  }

  /**
   * Every string under a tpl'd value evaluates (no action but an escape), and the Go template
   * actions ({@code {{ .x }}}) of the values after that pass are exactly those of synth's config.
   */
  private static void assertTemplatesSurvive(Path config, Map<String, Object> values, Map<String, Object> templated) {
    Set<String> afterTpl = new TreeSet<>();
    templated.values().forEach(tree -> strings(HelmTpl.evaluateAll(tree), afterTpl::add));
    Map<String, Object> untemplated = new LinkedHashMap<>(values);
    templated.keySet().forEach(path -> removePath(untemplated, path));
    strings(untemplated, afterTpl::add);
    afterTpl.removeIf(s -> !GO_FIELD_ACTION.matcher(s).find());

    Set<String> synth = new TreeSet<>();
    synthConfigFiles(config).values().forEach(file -> strings(file, synth::add));
    synth.removeIf(s -> !GO_FIELD_ACTION.matcher(s).find());
    assertThat(afterTpl).as(config.getFileName().toString()).isEqualTo(synth);
  }

  @Test
  void logLinksAreAmongTheTemplatesChecked() {
    Map<String, Object> values = core(Repo.EXAMPLES.resolve("core-aws.yaml"));
    Set<String> found = new TreeSet<>();
    strings(HelmTpl.evaluateAll(coreTemplated(values)), found::add);
    assertThat(found).anyMatch(s -> s.contains("{{ .podName }}") && s.startsWith("https://console.aws.amazon.com/cloudwatch"));
    Set<String> gcp = new TreeSet<>();
    strings(HelmTpl.evaluateAll(coreTemplated(core(Repo.EXAMPLES.resolve("core-gcp.yaml")))), gcp::add);
    assertThat(gcp).anyMatch(s -> s.contains("{{.podName}}") && s.startsWith("https://console.cloud.google.com/logs"));
    Set<String> raw = new TreeSet<>();
    strings(coreTemplated(values), raw::add);
    assertThat(raw).noneMatch(s -> GO_FIELD_ACTION.matcher(s).find());
  }

  // --- (a) names

  @ParameterizedTest(name = "{0}")
  @MethodSource("coreConfigs")
  void flyteCoreConfigNamesObjectsTheChartRenders(Path config) {
    Set<String> services = new TreeSet<>();
    Set<String> secrets = new TreeSet<>();
    chartObjects("flyte-core-").forEach(o -> {
      if (o.path("kind").asText().equals("Service")) {
        services.add(o.at("/metadata/name").asText());
      } else if (o.path("kind").asText().equals("Secret")) {
        secrets.add(o.at("/metadata/name").asText());
      }
    });
    Map<String, Object> values = core(config);
    String namespace = Repo.load(config).namespace();
    List<String> missing = new ArrayList<>();
    Map<String, Object> configmap = map(HelmTpl.evaluateAll(values.get("configmap")));
    List<String> addresses = addresses(configmap, namespace);
    addresses.stream().filter(name -> !services.contains(name)).forEach(name -> missing.add("Service " + name));
    Map<String, Object> webhook = map(map(configmap.get("core")).get("webhook"));
    if (!secrets.contains(String.valueOf(webhook.get("secretName")))) {
      missing.add("Secret " + webhook.get("secretName"));
    }
    assertThat(addresses).as("the config's in-cluster addresses").contains("flyteadmin", "datacatalog");
    assertThat(missing).as(config.getFileName().toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryConfigs")
  void flyteBinaryConfigNamesObjectsTheChartRenders(Path config) {
    Map<String, Object> values = binary(config);
    String fullname = String.valueOf(values.get("fullnameOverride"));
    Set<String> services = new TreeSet<>();
    chartObjects("flyte-binary-").forEach(o -> {
      if (o.path("kind").asText().equals("Service")) {
        // The renderings' release is flyte-backend; the values name the objects with fullnameOverride.
        services.add(o.at("/metadata/name").asText().replace("flyte-backend-flyte-binary", fullname));
      }
    });
    String namespace = Repo.load(config).namespace();
    Object inline = HelmTpl.evaluateAll(map(values.get("configuration")).get("inline"));
    List<String> missing = addresses(inline, namespace).stream().filter(name -> !services.contains(name)).toList();
    assertThat(missing).as(config.getFileName().toString()).isEmpty();
  }

  /** The Service of each in-cluster address among a config's strings: an address with no namespace, or this one. */
  private static List<String> addresses(Object config, String namespace) {
    List<String> names = new ArrayList<>();
    strings(config, s -> {
      Matcher m = ADDRESS.matcher(s);
      boolean hasPortOrScheme = s.contains("://") || m.matches() && m.group(3) != null;
      if (m.matches() && hasPortOrScheme && !s.startsWith("localhost") && !m.group(1).equals("localhost")
          && (m.group(2) == null ? !s.contains(".") || s.startsWith("http") && !s.substring(s.indexOf("://") + 3).contains(".")
              : m.group(2).equals(namespace))) {
        names.add(m.group(1));
      }
    });
    return names;
  }

  // --- (c) keys the chart writes in files read after the values' own

  /** The keys (dotted leaf paths) the chart writes in the files named, in every flyte-core rendering. */
  private static Set<String> chartWrittenKeys(List<String> files) {
    Set<String> keys = new TreeSet<>();
    chartObjects("flyte-core-").stream()
        .filter(o -> o.path("kind").asText().equals("ConfigMap") && o.at("/metadata/name").asText().equals("flyte-admin-base-config"))
        .forEach(o -> files.forEach(file -> {
          if (o.at("/data").has(file)) {
            leafPaths(parse(o.at("/data").get(file).asText()), "", keys);
          }
        }));
    return keys;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("coreConfigs")
  void whatFlyteCoreWritesAfterTheValuesIsSetThroughItsKnobs(Path config) {
    Set<String> later = chartWrittenKeys(List.of("storage.yaml", "task_resource_defaults.yaml"));
    assertThat(later).contains("storage.cache.max_size_mbs", "storage.limits.maxDownloadMBs", "task_resources.defaults.cpu");
    Map<String, Object> values = core(config);
    Map<String, Object> merged = helmMerge(values, readYaml(Repo.CHARTS.resolve("values/flyte-core-values.yaml")));
    List<String> setInEntries = new ArrayList<>();
    map(values.get("configmap")).forEach((entry, file) -> {
      if (!entry.equals("task_resource_defaults") && file instanceof Map<?, ?>) {
        Set<String> keys = new TreeSet<>();
        leafPaths(map(file), "", keys);
        keys.stream().filter(key -> later.stream().anyMatch(l -> key.equals(l) || key.startsWith(l + ".") || l.startsWith(key + ".")))
            .forEach(key -> setInEntries.add(entry + ": " + key));
      }
    });
    assertThat(setInEntries).as("keys the chart's later files override").isEmpty();

    // What the chart writes from its knobs, against synth's config as FlyteAdmin reads it.
    Map<String, Object> synth = synthAdminConfig(config);
    Map<String, Object> storage = map(merged.get("storage"));
    Map<String, Object> synthStorage = map(synth.getOrDefault("storage", Map.of()));
    Map<String, Object> synthCache = map(synthStorage.getOrDefault("cache", Map.of()));
    int synthCacheSize = ((Number) synthCache.getOrDefault("max_size_mbs", 0)).intValue();
    assertThat(((Number) map(storage.get("cache")).get("maxSizeMBs")).intValue()).isEqualTo(synthCacheSize);
    if (synthCacheSize > 0) {
      assertThat(map(storage.get("cache")).get("targetGCPercent")).isEqualTo(synthCache.get("target_gc_percent"));
    }
    assertThat(map(storage.get("limits")).get("maxDownloadMBs"))
        .isEqualTo(map(synthStorage.getOrDefault("limits", Map.of())).getOrDefault("maxDownloadMBs", 2));
    assertThat(storage.get("enableMultiContainer")).isEqualTo(synthStorage.getOrDefault("enable-multicontainer", false));
    Object taskResources = map(map(merged.get("configmap")).getOrDefault("task_resource_defaults", Map.of())).get("task_resources");
    assertThat(tree(taskResources)).as("task_resources").isEqualTo(JSON.valueToTree(synth.get("task_resources")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryConfigs")
  void flyteBinaryCarriesTheStorageKeysItsChartDoesNotWrite(Path config) {
    Map<String, Object> values = binary(config);
    Map<String, Object> inlineStorage = map(map(map(values.get("configuration")).get("inline")).getOrDefault("storage", Map.of()));
    Map<String, Object> chartStorage = new TreeMap<>();
    chartObjects("flyte-binary-").stream().filter(o -> o.path("kind").asText().equals("ConfigMap") && o.at("/data").has("003-storage.yaml"))
        .forEach(o -> chartStorage.putAll(map(parse(o.at("/data/003-storage.yaml").asText()).get("storage"))));
    assertThat(chartStorage).containsKeys("type", "stow", "container").doesNotContainKeys("limits", "cache");
    Map<String, Object> synth = map(synthBinaryConfig(config).get("storage"));
    Map<String, Object> expected = new LinkedHashMap<>(synth);
    chartStorage.keySet().forEach(expected::remove);
    assertThat(expected).as("synth's storage keys the chart does not write").containsKey("limits");
    assertThat(tree(inlineStorage)).isEqualTo(JSON.valueToTree(expected));
  }

  // --- (d) resources and (e) security contexts, merged over the chart's defaults

  /** flyte-core's values key of each component → synth's Deployment (suffix) and container. */
  private static final Map<String, List<String>> CORE_WORKLOADS = Map.of(
      "flyteadmin", List.of("flyteadmin", "flyteadmin"), "datacatalog", List.of("datacatalog", "datacatalog"),
      "flytepropeller", List.of("flytepropeller", "flytepropeller"), "flytescheduler", List.of("flytescheduler", "flytescheduler"),
      "flyteconsole", List.of("flyteconsole", "flyteconsole"), "webhook", List.of("pod-webhook", "webhook"),
      "cluster_resource_manager", List.of("syncresources", "syncresources"));

  @ParameterizedTest(name = "{0}")
  @MethodSource("coreConfigs")
  void flyteCoreResourcesAndPodSecurityMergedOverTheChartsDefaultsAreSynths(Path config) {
    Map<String, Object> merged = helmMerge(core(config), readYaml(Repo.CHARTS.resolve("values/flyte-core-values.yaml")));
    String name = Repo.load(config).name();
    Map<String, JsonNode> deployments = synthDeployments(config);
    CORE_WORKLOADS.forEach((key, workload) -> {
      JsonNode pod = deployments.get(name + "-" + workload.get(0)).at("/spec/template/spec");
      JsonNode container = container(pod, workload.get(1));
      Map<String, Object> component = map(merged.get(key));
      assertThat(quantities(JSON.valueToTree(component.get("resources")))).as(key + ".resources")
          .isEqualTo(quantities(container.path("resources")));
      if (!key.equals("cluster_resource_manager")) {
        assertThat(tree(component.get("securityContext"))).as(key + ".securityContext").isEqualTo(tree(pod.path("securityContext")));
      }
    });
    assertThat(nulls(merged, "")).as("nulls the chart has no default for")
        .isSubsetOf(nulls(readYaml(Repo.CHARTS.resolve("values/flyte-core-values.yaml")), ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("coreConfigs")
  void flyteCoreContainersInheritSynthsHardeningFromThePod(Path config) {
    // The chart's containers' own security context, as every rendering has it, under the pod's asked for.
    Map<String, JsonNode> chartContainers = new LinkedHashMap<>();
    Repo.chart("flyte-core-eks.yaml").stream().filter(o -> o.path("kind").asText().equals("Deployment"))
        .forEach(o -> o.at("/spec/template/spec/containers").forEach(c -> chartContainers.put(o.at("/metadata/name").asText(), c)));
    Map<String, Object> merged = helmMerge(core(config), readYaml(Repo.CHARTS.resolve("values/flyte-core-values.yaml")));
    String name = Repo.load(config).name();
    Map<String, JsonNode> deployments = synthDeployments(config);
    for (String key : List.of("flyteadmin", "datacatalog", "flytescheduler", "flyteconsole", "webhook")) {
      List<String> workload = CORE_WORKLOADS.get(key);
      JsonNode synthContainer = container(deployments.get(name + "-" + workload.get(0)).at("/spec/template/spec"), workload.get(1))
          .path("securityContext");
      JsonNode effective = tree(map(merged.get(key)).get("securityContext"));
      ObjectNode expected = (ObjectNode) tree(synthContainer);
      expected.remove("privileged"); // false is the default
      ObjectNode chart = chartContainers.get(key.equals("webhook") ? "flyte-pod-webhook" : key).path("securityContext").deepCopy();
      ObjectNode asked = JSON.createObjectNode();
      expected.fieldNames().forEachRemaining(field -> {
        JsonNode value = chart.has(field) ? chart.get(field) : effective.get(field);
        if (value != null) {
          asked.set(field, value);
        }
      });
      assertThat(asked).as(key).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryConfigs")
  void flyteBinaryResourcesAndSecurityContextsAreSynths(Path config) {
    Map<String, Object> merged = helmMerge(binary(config), readYaml(Repo.CHARTS.resolve("values/flyte-binary-values.yaml")));
    JsonNode pod = synthDeployments(config).get(Repo.load(config).name()).at("/spec/template/spec");
    Map<String, Object> deployment = map(merged.get("deployment"));
    assertThat(quantities(JSON.valueToTree(deployment.get("resources")))).isEqualTo(quantities(container(pod, "flyte").path("resources")));
    ObjectNode podContext = (ObjectNode) tree(deployment.get("podSecurityContext"));
    assertThat(podContext.remove("enabled").asBoolean()).isTrue();
    assertThat(podContext).isEqualTo(tree(pod.path("securityContext")));
    assertThat(tree(deployment.get("securityContext"))).isEqualTo(tree(container(pod, "flyte").path("securityContext")));
    assertThat(tree(map(deployment.get("waitForDB")).get("securityContext")))
        .isEqualTo(tree(container(pod, "wait-for-db").path("securityContext")));
    assertThat(nulls(merged, "")).isSubsetOf(nulls(readYaml(Repo.CHARTS.resolve("values/flyte-binary-values.yaml")), ""));
  }

  // --- point 7: the stacks built for a chart installation trust the chart's service accounts

  @ParameterizedTest(name = "{0}")
  @MethodSource("cloudExamples")
  void aStackBuiltForTheChartTrustsExactlyTheChartsServiceAccounts(String example) throws IOException {
    // The service accounts of the chart's Deployments whose accounts the values give the cloud identity.
    Map<String, Object> values = core(Repo.EXAMPLES.resolve(example));
    Set<String> expected = new TreeSet<>();
    Repo.chart("flyte-core-eks.yaml").stream().filter(o -> o.path("kind").asText().equals("Deployment")).forEach(o -> {
      Object component = values.get(o.at("/metadata/name").asText());
      if (component != null && !map(map(component).getOrDefault("serviceAccount", Map.of())).getOrDefault("annotations", Map.of()).equals(Map.of())) {
        expected.add(o.at("/spec/template/spec/serviceAccountName").asText());
      }
    });
    assertThat(expected).contains("flyteadmin", "flytepropeller");

    Path config = Files.createTempFile("chart-installation", ".yaml");
    try {
      Files.writeString(config, Repo.read(Repo.EXAMPLES.resolve(example)) + "\ninstallation: official-chart\n");
      String namespace = Repo.load(config).namespace();
      Set<String> trusted = new TreeSet<>();
      Pattern subject = Pattern.compile("system:serviceaccount:" + namespace + ":([a-z0-9-]+)|\\[" + namespace + "/([a-z0-9-]+)\\]");
      Repo.outputs(config).forEach((file, text) -> {
        if (file.contains("cloud/")) {
          Matcher m = subject.matcher(text);
          while (m.find()) {
            trusted.add(m.group(1) != null ? m.group(1) : m.group(2));
          }
        }
      });
      // The EKS stack's own Job that copies the database password into a Secret: not Flyte's, no chart's.
      trusted.remove(Repo.load(config).name() + "-database-password");
      assertThat(trusted).as(example).isEqualTo(expected);
    } finally {
      Files.delete(config);
    }
  }

  @Test
  void noOfficialChartInstallsTheSandbox() {
    FlyteDeployment sandbox = ImmutableFlyteDeployment.copyOf(Repo.load(Repo.EXAMPLES.resolve("sandbox.yaml")))
        .withInstallation(Installation.OFFICIAL_CHART);
    assertThat(sandbox.validate()).extracting(Problem::path).containsExactly("installation");
    FlyteDeployment core = ImmutableFlyteDeployment.copyOf(Repo.load(Repo.EXAMPLES.resolve("core-aws.yaml")))
        .withInstallation(Installation.OFFICIAL_CHART);
    assertThat(core.validate()).isEmpty();
    assertThat(Plan.of(core).cloudRequirements().backendServiceAccounts()).extracting(CloudRequirements.ServiceAccountRef::name)
        .containsExactly("flyteadmin", "datacatalog", "flytescheduler", "flytepropeller");
  }

  static Stream<String> cloudExamples() {
    return Stream.of("core-aws.yaml", "core-gcp.yaml", "core-azure.yaml");
  }

  // --- helpers

  /** A value as a JSON tree read back from its text: numbers compare by value whatever their Java type. */
  private static JsonNode tree(Object value) {
    try {
      return JSON.readTree(JSON.writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Helm's merge of values over a chart's defaults: maps key by key, a null deletes the default. */
  static Map<String, Object> helmMerge(Map<String, Object> values, Map<String, Object> defaults) {
    Map<String, Object> result = new LinkedHashMap<>(defaults);
    values.forEach((key, value) -> {
      if (value == null && defaults.containsKey(key)) {
        result.remove(key);
      } else if (value instanceof Map<?, ?> child && defaults.get(key) instanceof Map<?, ?> base) {
        result.put(key, helmMerge(map(child), map(base)));
      } else {
        result.put(key, value);
      }
    });
    return result;
  }

  private static List<String> nulls(Object tree, String path) {
    List<String> found = new ArrayList<>();
    if (tree instanceof Map<?, ?> m) {
      m.forEach((key, value) -> {
        if (value == null) {
          found.add(path + key);
        } else {
          found.addAll(nulls(value, path + key + "."));
        }
      });
    }
    return found;
  }

  /** Requests and limits as strings, quantities compared as written. */
  private static Map<String, Map<String, String>> quantities(JsonNode resources) {
    Map<String, Map<String, String>> result = new TreeMap<>();
    for (String kind : List.of("limits", "requests")) {
      Map<String, String> q = new TreeMap<>();
      resources.path(kind).fields().forEachRemaining(e -> q.put(e.getKey(), e.getValue().asText()));
      if (!q.isEmpty()) {
        result.put(kind, q);
      }
    }
    return result;
  }

  private static JsonNode container(JsonNode pod, String name) {
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode c : pod.path(list)) {
        if (c.path("name").asText().equals(name)) {
          return c;
        }
      }
    }
    throw new AssertionError("no container " + name);
  }

  private static Map<String, JsonNode> synthDeployments(Path config) {
    Map<String, JsonNode> deployments = new LinkedHashMap<>();
    Repo.objects(Repo.synthesize(config)).stream().filter(o -> o.path("kind").asText().equals("Deployment"))
        .forEach(o -> deployments.put(o.at("/metadata/name").asText(), o));
    return deployments;
  }

  /** Every Flyte config file synth writes (ConfigMap key → content), by ConfigMap and key. */
  private static Map<String, Map<String, Object>> synthConfigFiles(Path config) {
    Map<String, Map<String, Object>> files = new TreeMap<>();
    Repo.objects(Repo.synthesize(config)).stream().filter(o -> o.path("kind").asText().equals("ConfigMap")).forEach(o ->
        o.path("data").fields().forEachRemaining(e -> {
          try {
            Object parsed = YAML.readValue(e.getValue().asText(), Object.class);
            if (parsed instanceof Map<?, ?> m) {
              files.put(o.at("/metadata/name").asText() + "/" + e.getKey(), map(m));
            }
          } catch (IOException notYaml) {
            // not a config file (e.g. a template with Flyte's own {{ }} placeholders unquoted)
          }
        }));
    return files;
  }

  /** FlyteAdmin's config in synth, its files merged in the order Flyte reads them. */
  private static Map<String, Object> synthAdminConfig(Path config) {
    return mergedFiles(config, "-admin-base-config/");
  }

  private static Map<String, Object> synthBinaryConfig(Path config) {
    return mergedFiles(config, Repo.load(config).name() + "-config/");
  }

  private static Map<String, Object> mergedFiles(Path config, String configMap) {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> file : synthConfigFiles(config).entrySet()) {
      if (file.getKey().contains(configMap) || file.getKey().startsWith(configMap)) {
        merged = ConfigTree.merged(merged, file.getValue());
      }
    }
    return merged;
  }

  private static List<ObjectNode> chartObjects(String prefix) {
    try (Stream<Path> files = Files.list(Repo.CHARTS)) {
      List<ObjectNode> objects = new ArrayList<>();
      files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".yaml")).sorted()
          .forEach(f -> objects.addAll(Repo.chart(f.getFileName().toString())));
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void strings(Object tree, Consumer<String> into) {
    if (tree instanceof String s) {
      into.accept(s);
    } else if (tree instanceof Map<?, ?> m) {
      m.values().forEach(v -> strings(v, into));
    } else if (tree instanceof List<?> l) {
      l.forEach(v -> strings(v, into));
    }
  }

  private static void leafPaths(Map<String, Object> tree, String prefix, Set<String> into) {
    tree.forEach((key, value) -> {
      if (value instanceof Map<?, ?> child && !child.isEmpty()) {
        leafPaths(map(child), prefix + key + ".", into);
      } else {
        into.add(prefix + key);
      }
    });
  }

  private static void removePath(Map<String, Object> tree, String dotted) {
    if (tree.containsKey(dotted)) {
      tree.remove(dotted);
      return;
    }
    int dot = dotted.indexOf('.');
    if (dot > 0 && tree.get(dotted.substring(0, dot)) instanceof Map<?, ?> child) {
      Map<String, Object> copy = new LinkedHashMap<>(map(child));
      removePath(copy, dotted.substring(dot + 1));
      tree.put(dotted.substring(0, dot), copy);
    }
  }

  private static Map<String, Object> parse(String yaml) {
    try {
      return YAML.readValue(yaml, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> readYaml(Path file) {
    return parse(Repo.read(file));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
  }
}
