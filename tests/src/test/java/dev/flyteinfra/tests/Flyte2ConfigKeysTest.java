package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flyteinfra.core.configkeys.FlyteConfigKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Flyte 2.0.42 key list this library carries ({@link FlyteConfigKeys#flyte2()}, derived from Flyte's
 * source) against {@code ../shared/reference/flyte-config-keys/flyte-config-keys-v2.0.42.txt}, and against
 * the config the official flyte-binary v2.0.42 chart renders, alone and in the devbox chart
 * ({@code ../shared/reference/flyte2-charts/}).
 */
class Flyte2ConfigKeysTest {
  private static final FlyteConfigKeys REFERENCE =
      FlyteConfigKeys.read(Repo.read(Repo.REFERENCE.resolve("flyte-config-keys/flyte-config-keys-v2.0.42.txt")));
  private static final Path CHARTS = Repo.REFERENCE.resolve("flyte2-charts");
  /** The v2 binary: the flyte-binary chart runs manager/cmd, which reads every section. */
  private static final Set<String> BINARY = Set.of("manager/cmd");
  /**
   * What the chart writes that Flyte 2.0.42 does not read, as the reference's README names it: Flyte 1's
   * array plugin config and task resource defaults, and a database user the v2 config spells username.
   */
  private static final Set<String> CHART_LEFTOVERS = Set.of("plugins.k8s-array", "task_resources", "runs.database.postgres.user");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Key for key: every reference key is carried, and the carried list has more only below the maps the
   * reference leaves open (it walks map values); both say the same binaries read each section.
   */
  @Test
  void theCarriedKeyListAgreesWithTheReference() {
    FlyteConfigKeys carried = FlyteConfigKeys.flyte2();
    Set<String> ours = lowerCased(carried.paths());
    Set<String> reference = lowerCased(REFERENCE.paths());

    assertThat(ours).containsAll(reference);
    assertThat(ours.stream().filter(path -> !reference.contains(path)))
        .isNotEmpty()
        .allSatisfy(path -> assertThat(reference).as("an open map above %s", path)
            .anySatisfy(open -> assertThat(path).startsWith(open.substring(0, open.length() - 1))
                .satisfies(p -> assertThat(open).endsWith(".*"))
                .satisfies(p -> assertThat(REFERENCE.kind(open)).contains("open"))));
    assertThat(carried.sections()).isEqualTo(REFERENCE.sections());
  }

  /** Where both lists name a key's kind, they name the same one, except a map's entries that the reference leaves open. */
  @Test
  void theCarriedKindsAgreeWithTheReference() {
    FlyteConfigKeys carried = FlyteConfigKeys.flyte2();
    List<String> differ = new ArrayList<>();
    for (String path : REFERENCE.paths()) {
      String ours = carried.kind(path).orElse("(missing)");
      String theirs = REFERENCE.kind(path).orElseThrow();
      if (!ours.equals(theirs) && !(path.endsWith(".*") && theirs.equals("open"))) {
        differ.add(path + ": " + ours + " here, " + theirs + " in the reference");
      }
    }
    assertThat(differ).isEmpty();
  }

  /** The flyte-binary chart's renders, and the devbox chart's, which embeds flyte-binary v2.0.42. */
  static Stream<Path> flyteBinaryRenders() {
    try (Stream<Path> files = Files.list(CHARTS)) {
      List<Path> renders = files.filter(f -> f.getFileName().toString().matches("flyte-(binary-.*|devbox-default)\\.yaml"))
          .sorted().toList();
      assertThat(renders).hasSizeGreaterThan(1);
      return renders.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every key of every config file the flyte-binary chart renders (its ConfigMap's files and its config
   * Secret's, all read by the v2 binary) is one Flyte 2.0.42 reads, with a value of its kind, but the chart
   * leftovers.
   */
  @ParameterizedTest
  @MethodSource("flyteBinaryRenders")
  void everyKeyTheChartRendersIsOneFlyte2ReadsButTheLeftovers(Path render) {
    Map<String, JsonNode> files = configFiles(render);
    List<String> problems = new ArrayList<>();
    files.forEach((file, config) -> {
      if (!(config instanceof ObjectNode)) {
        problems.add(file + ": not a YAML map");
        return;
      }
      problems(config).stream()
          .filter(problem -> !(CHART_LEFTOVERS.contains(problem.path()) && problem.message().equals("is not a key Flyte reads")))
          .forEach(problem -> problems.add(file + ": " + problem));
    });
    assertThat(files.keySet()).as("the chart's config files").anyMatch(file -> file.endsWith("/000-core.yaml"));
    assertThat(problems).as(render.getFileName().toString()).isEmpty();
  }

  /** The Flyte 2 gate configs: every example and fixture whose flyteVersion is 2.x. */
  static Stream<Path> flyte2GateConfigs() {
    return Repo.gateConfigs().filter(path -> Repo.load(path).generation() == dev.flyteinfra.core.model.Generation.FLYTE_2);
  }

  /** Every key of the Flyte 2 config we synthesize is one the reference says Flyte 2.0.42 reads, without exemptions. */
  @ParameterizedTest
  @MethodSource("flyte2GateConfigs")
  void everyKeyOfOurFlyte2ConfigIsOneFlyte2Reads(Path config) {
    List<String> problems = new ArrayList<>();
    int files = 0;
    for (ObjectNode object : Repo.objects(Repo.synthesize(config))) {
      if (!object.path("kind").asText().equals("ConfigMap") || !object.at("/metadata/name").asText().endsWith("-config")
          || !FlyteConfigKeysTest.isFlyte2(object)) {
        continue;
      }
      for (var file : (Iterable<Map.Entry<String, JsonNode>>) () -> object.path("data").fields()) {
        files++;
        JsonNode parsed = FlyteConfigView.parse(file.getValue().asText()).orElse(null);
        REFERENCE.problems(JSON.convertValue(parsed, Map.class), BINARY).forEach(p -> problems.add(file.getKey() + ": " + p));
      }
    }
    assertThat(files).as("config files of %s", config.getFileName()).isGreaterThanOrEqualTo(4);
    assertThat(problems).as(config.getFileName().toString()).isEmpty();
  }

  @Test
  void flyte2GateConfigsExist() {
    assertThat(flyte2GateConfigs()).isNotEmpty();
  }

  /** Each exempted leftover is one the chart writes, in some render: else the exemption has outlived its reason. */
  @Test
  void everyExemptedLeftoverIsOneTheChartWrites() {
    Set<String> unknown = new TreeSet<>();
    flyteBinaryRenders().forEach(render -> configFiles(render).values().stream().filter(ObjectNode.class::isInstance)
        .forEach(config -> problems(config).forEach(problem -> unknown.add(problem.path()))));
    assertThat(unknown).containsAll(CHART_LEFTOVERS);
  }

  /** The Flyte config files (ConfigMap or Secret name / file name → parsed file) of a render's flyte-binary. */
  private static Map<String, JsonNode> configFiles(Path render) {
    Map<String, JsonNode> files = new TreeMap<>();
    for (ObjectNode object : Repo.documents(Repo.read(render))) {
      String kind = object.path("kind").asText();
      String name = object.at("/metadata/name").asText();
      boolean configMap = kind.equals("ConfigMap") && name.endsWith("-config");
      boolean secret = kind.equals("Secret") && name.endsWith("-config-secret");
      if (!object.at("/metadata/labels/app.kubernetes.io~1name").asText().equals("flyte-binary") || !configMap && !secret) {
        continue;
      }
      object.path(configMap ? "data" : "stringData").fields().forEachRemaining(file ->
          files.put(name + "/" + file.getKey(), FlyteConfigView.parse(file.getValue().asText()).orElse(null)));
    }
    return files;
  }

  private static List<FlyteConfigKeys.KeyProblem> problems(JsonNode config) {
    return FlyteConfigKeys.flyte2().problems(JSON.convertValue(config, Map.class), BINARY);
  }

  private static Set<String> lowerCased(Collection<String> paths) {
    return Set.copyOf(paths.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList());
  }
}
