package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flyteinfra.core.binary.BinaryHelmValues;
import dev.flyteinfra.core.config.FlyteSections;
import dev.flyteinfra.core.config.FlyteSections.Binary;
import dev.flyteinfra.core.configkeys.FlyteConfigKeys;
import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.flytecore.CoreHelmValues;
import dev.flyteinfra.core.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Flyte config key we write is one Flyte 1.16.8 reads, with a value of the kind it reads,
 * in a ConfigMap of a component whose binary reads that section: over the committed synth-output,
 * over the synthesis of every gate config, and over the Flyte config the helm-values exports carry.
 * The key list is {@code ../shared/reference/flyte-config-keys/flyte-config-keys-v1.16.8.txt}.
 */
class FlyteConfigKeysTest {
  private static final FlyteConfigKeys KEYS =
      FlyteConfigKeys.read(Repo.read(Repo.REFERENCE.resolve("flyte-config-keys/flyte-config-keys-v1.16.8.txt")));
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The binaries that read each ConfigMap, by how the topologies name them (suffix after the
   * deployment name). The propeller config is mounted by FlytePropeller, its pod webhook
   * (flytepropeller webhook) and, when sharded, flytepropeller-manager.
   */
  private static final Map<String, Set<Binary>> READERS_BY_SUFFIX = new LinkedHashMap<>();
  /** ConfigMaps that hold no Flyte config: console environment, namespace templates, scripts. */
  private static final List<String> NOT_FLYTE_CONFIG = List.of("-console-config", "-clusterresource-template",
      "-cluster-resource-templates", "-credentials", "-buckets");

  static {
    READERS_BY_SUFFIX.put("-admin-base-config", EnumSet.of(Binary.FLYTEADMIN));
    READERS_BY_SUFFIX.put("-admin-clusters-config", EnumSet.of(Binary.FLYTEADMIN));
    READERS_BY_SUFFIX.put("-clusterresourcesync-config", EnumSet.of(Binary.FLYTEADMIN));
    READERS_BY_SUFFIX.put("-scheduler-config", EnumSet.of(Binary.FLYTESCHEDULER));
    READERS_BY_SUFFIX.put("-datacatalog-config", EnumSet.of(Binary.DATACATALOG));
    READERS_BY_SUFFIX.put("-propeller-config", EnumSet.of(Binary.FLYTEPROPELLER, Binary.PROPELLER_MANAGER));
    // flyte-binary's one config (<name>-config), checked after the suffixes above.
    READERS_BY_SUFFIX.put("-config", EnumSet.of(Binary.FLYTE_BINARY));
  }

  /** flyte-core chart configmap entries → the binaries whose ConfigMap the chart renders each into. */
  private static final Map<String, Set<Binary>> CORE_CHART_ENTRIES = Map.ofEntries(
      Map.entry("adminServer", EnumSet.of(Binary.FLYTEADMIN)),
      Map.entry("domain", EnumSet.of(Binary.FLYTEADMIN)),
      Map.entry("remoteData", EnumSet.of(Binary.FLYTEADMIN)),
      Map.entry("task_resource_defaults", EnumSet.of(Binary.FLYTEADMIN)),
      Map.entry("logger", EnumSet.of(Binary.FLYTEADMIN, Binary.FLYTESCHEDULER, Binary.DATACATALOG, Binary.FLYTEPROPELLER)),
      Map.entry("datacatalogServer", EnumSet.of(Binary.DATACATALOG)),
      Map.entry("schedulerConfig", EnumSet.of(Binary.FLYTESCHEDULER)),
      Map.entry("admin", EnumSet.of(Binary.FLYTEPROPELLER, Binary.PROPELLER_MANAGER)),
      Map.entry("catalog", EnumSet.of(Binary.FLYTEPROPELLER, Binary.PROPELLER_MANAGER)),
      Map.entry("copilot", EnumSet.of(Binary.FLYTEPROPELLER, Binary.PROPELLER_MANAGER)),
      Map.entry("core", EnumSet.of(Binary.FLYTEPROPELLER, Binary.PROPELLER_MANAGER)),
      Map.entry("enabled_plugins", EnumSet.of(Binary.FLYTEPROPELLER, Binary.PROPELLER_MANAGER)),
      Map.entry("k8s", EnumSet.of(Binary.FLYTEPROPELLER, Binary.PROPELLER_MANAGER)),
      Map.entry("resource_manager", EnumSet.of(Binary.FLYTEPROPELLER, Binary.PROPELLER_MANAGER)),
      Map.entry("task_logs", EnumSet.of(Binary.FLYTEPROPELLER, Binary.PROPELLER_MANAGER)));

  /** The ConfigMaps of every YAML file of the committed synth-output, by file. */
  static Stream<Path> synthOutputFiles() {
    try (Stream<Path> files = Files.walk(Repo.SYNTH_OUTPUT)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("synthOutputFiles")
  void everyKeyOfTheCommittedOutputIsOneFlyteReads(Path file) {
    String text = Repo.read(file);
    if (!text.contains("kind: ConfigMap")) {
      return;
    }
    assertThat(problems(Repo.documents(text))).as(Repo.SYNTH_OUTPUT.relativize(file).toString()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.flyteinfra.tests.Repo#gateConfigs")
  void everyKeyOfEachGateConfigsSynthesisIsOneFlyteReads(Path config) {
    List<ObjectNode> objects = Repo.objects(Repo.synthesize(config));
    assertThat(objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")).count()).isPositive();
    assertThat(problems(objects)).as(config.getFileName().toString()).isEmpty();
  }

  static Stream<Path> binaryHelmConfigs() {
    return Repo.gateConfigs().filter(path -> Repo.load(path).generation() == Generation.FLYTE_1)
        .filter(path -> BinaryHelmValues.problems(Repo.load(path)).isEmpty());
  }

  static Stream<Path> coreHelmConfigs() {
    return Repo.gateConfigs().filter(path -> Repo.load(path).generation() == Generation.FLYTE_1)
        .filter(path -> CoreHelmValues.problems(Repo.load(path)).isEmpty());
  }

  @ParameterizedTest
  @MethodSource("binaryHelmConfigs")
  void theFlyteBinaryChartsInlineConfigIsOneFlyteReads(Path config) {
    JsonNode values = JSON.valueToTree(BinaryHelmValues.of(Plan.of(Repo.load(config))));
    JsonNode inline = values.at("/configuration/inline");
    assertThat(inline.isObject()).isTrue();
    assertThat(keyProblems(inline, EnumSet.of(Binary.FLYTE_BINARY))).as(config.getFileName().toString()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("coreHelmConfigs")
  void theFlyteCoreChartsConfigmapEntriesAreOnesFlyteReads(Path config) {
    JsonNode values = JSON.valueToTree(CoreHelmValues.of(Plan.of(Repo.load(config))));
    List<String> problems = new ArrayList<>();
    values.path("configmap").fields().forEachRemaining(entry -> {
      if (entry.getValue().isNull()) {
        return; // an entry set to null removes the chart's default file content, and holds no key
      }
      Set<Binary> readers = CORE_CHART_ENTRIES.get(entry.getKey());
      if (readers == null) {
        problems.add("configmap." + entry.getKey() + ": no ConfigMap of the chart known to hold it");
        return;
      }
      keyProblems(entry.getValue(), readers).forEach(p -> problems.add("configmap." + entry.getKey() + ": " + p));
    });
    // The chart's other Flyte config: the cluster-resource sync's and the notifications' files, the custom stow config.
    for (String file : List.of("/cluster_resource_manager/config", "/workflow_notifications/config")) {
      if (!values.at(file).isMissingNode()) {
        keyProblems(values.at(file), EnumSet.of(Binary.FLYTEADMIN)).forEach(p -> problems.add(file + ": " + p));
      }
    }
    if (!values.at("/storage/custom").isMissingNode()) {
      KEYS.problemsAt("storage", JSON.convertValue(values.at("/storage/custom"), Object.class),
              packages(EnumSet.of(Binary.FLYTEADMIN, Binary.DATACATALOG, Binary.FLYTEPROPELLER)))
          .forEach(p -> problems.add("/storage/custom: " + p));
    }
    assertThat(values.path("configmap").size()).isPositive();
    assertThat(problems).as(config.getFileName().toString()).isEmpty();
  }

  /** Where extraConfig sections go, FlyteSections, is what the key list's header says. */
  @Test
  void flyteSectionsKnowsWhichBinaryReadsEverySection() {
    Map<String, Set<String>> ours = new TreeMap<>();
    FlyteSections.readers().forEach((section, binaries) -> ours.put(section.toLowerCase(Locale.ROOT),
        Set.copyOf(binaries.stream().map(Binary::mainPackage).toList())));
    Map<String, Set<String>> reference = new TreeMap<>();
    KEYS.sections().forEach((section, binaries) -> reference.put(section, Set.copyOf(binaries)));
    assertThat(ours).isEqualTo(reference);
  }

  @Test
  void theCheckerCatchesWhatFlyteWouldIgnoreOrRefuse() {
    JsonNode config = Repo.documents("""
        task_resources:
          defaults: {cpu: 500m, storage: 1Gi, memory: lots}
        propeller:
          workflow-reeval-duration: 30
          gc-interval: 12h
        plugins:
          logs:
            azure-log-templates: []
            templates: [{displayName: x, templateUris: ["https://x/{{ .podName }}"], scheme: Pod}]
          spark:
            spark-config-default: {}
        manager:
          shard: {type: Hash}
        """).get(0);

    assertThat(keyProblems(config, EnumSet.of(Binary.FLYTEADMIN))).containsExactlyInAnyOrder(
        "task_resources.defaults.storage: is not a key Flyte reads (did you mean task_resources.defaults.ephemeralStorage?)",
        "task_resources.defaults.memory: is a quantity such as 500m or 1Gi, not 'lots'",
        "propeller.workflow-reeval-duration: is a duration such as 30s or 1h30m (a bare number is read as nanoseconds), not 30",
        "plugins.logs.azure-log-templates: is not a key Flyte reads (did you mean plugins.logs.templates?)",
        "plugins.spark: is a section read by [cmd, flytepropeller/cmd/controller], not by [flyteadmin/cmd]",
        "manager: is a section read by [flytepropeller/cmd/manager], not by [flyteadmin/cmd]");
    assertThat(KEYS.section("plugins.logs.templates[].displayName").orElseThrow().getKey()).isEqualTo("plugins.logs");
  }

  /**
   * The key list this library carries (derived from Flyte's source) holds every key of the
   * reference list, and more only below the maps the reference leaves open; both say the same
   * binaries read each section.
   */
  @Test
  void theCarriedKeyListAgreesWithTheReference() {
    FlyteConfigKeys carried = FlyteConfigKeys.flyte1();
    Set<String> ours = lowerCased(carried.paths());
    Set<String> reference = lowerCased(KEYS.paths());

    assertThat(ours).containsAll(reference);
    assertThat(ours.stream().filter(path -> !reference.contains(path)))
        .allSatisfy(path -> assertThat(reference).as("an open map above %s", path)
            .anySatisfy(open -> assertThat(path).startsWith(open.substring(0, open.length() - 1))
                .satisfies(p -> assertThat(KEYS.kind(open)).contains("open"))));
    assertThat(carried.sections()).isEqualTo(KEYS.sections());
  }

  private static Set<String> lowerCased(java.util.Collection<String> paths) {
    return Set.copyOf(paths.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList());
  }

  /** A key list whose kind the checker does not know is refused, rather than its values passing unchecked. */
  @Test
  void aKeyListWithAKindTheCheckerDoesNotKnowIsRefused() {
    assertThatThrownBy(() -> FlyteConfigKeys.read("# Sections (path: binaries that read it):\n#   admin: cmd\nadmin.endpoint complex128\n"))
        .hasMessageContaining("a kind this checker knows");
  }

  /** The problems of a Flyte config tree read by any of {@code readers}, as {@code <path>: <problem>}. */
  private static List<String> keyProblems(JsonNode config, Set<Binary> readers) {
    return KEYS.problems(JSON.convertValue(config, Map.class), packages(readers)).stream().map(Object::toString).toList();
  }

  private static Set<String> packages(Set<Binary> readers) {
    return Set.copyOf(readers.stream().map(Binary::mainPackage).toList());
  }

  /** The problems of the Flyte config files of every ConfigMap among the objects, as {@code <ConfigMap>/<file>: <problem>}. */
  /** Whether the object belongs to a Flyte 2 deployment (its version label). */
  static boolean isFlyte2(ObjectNode object) {
    return object.at("/metadata/labels/app.kubernetes.io~1version").asText().startsWith("2.");
  }

  private static List<String> problems(List<ObjectNode> objects) {
    List<String> problems = new ArrayList<>();
    for (ObjectNode object : objects) {
      if (!object.path("kind").asText().equals("ConfigMap")) {
        continue;
      }
      String name = object.at("/metadata/name").asText();
      if (NOT_FLYTE_CONFIG.stream().anyMatch(name::endsWith) || isFlyte2(object)) {
        // Flyte 2's config is checked against Flyte 2's keys: Flyte2ConfigKeysTest.
        continue;
      }
      Optional<Set<Binary>> readers = READERS_BY_SUFFIX.entrySet().stream().filter(e -> name.endsWith(e.getKey()))
          .map(Map.Entry::getValue).findFirst();
      if (readers.isEmpty()) {
        problems.add(name + ": a ConfigMap this test does not know; say whether it holds Flyte config and who reads it");
        continue;
      }
      object.path("data").fields().forEachRemaining(file -> {
        JsonNode config = FlyteConfigView.parse(file.getValue().asText()).orElse(null);
        if (config == null) {
          problems.add(name + "/" + file.getKey() + ": not YAML");
          return;
        }
        keyProblems(config, readers.get()).forEach(p -> problems.add(name + "/" + file.getKey() + ": " + p));
      });
    }
    return problems;
  }
}
