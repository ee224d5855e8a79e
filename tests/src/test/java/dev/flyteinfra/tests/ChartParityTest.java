package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with the official flyte-binary chart: for the description equivalent to each chart
 * values file, our output has at least the chart's objects by kind, its container and Service
 * ports, its RBAC rules, and the same Flyte config values for every key both set. Every
 * deliberate difference is listed with its reason in {@code parity/deliberate-differences.yaml}.
 */
class ChartParityTest {
  private static final String CHART_PREFIX = "flyte-backend-flyte-binary";

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of("flyte-binary-eks-starter.yaml", Repo.EXAMPLES.resolve("binary-aws.yaml")),
        Arguments.of("flyte-binary-gke-starter.yaml", Repo.EXAMPLES.resolve("binary-gcp.yaml")),
        Arguments.of("flyte-binary-default.yaml", resource("parity/binary-default.yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void everyDifferenceFromTheChartIsDeliberate(String chart, Path config) {
    List<ChartParity.Difference> unlisted = differences(chart, config).stream()
        .filter(d -> !allowed(chart).contains(d.id()))
        .toList();

    assertThat(unlisted).isEmpty();
  }

  @Test
  void everyListedDifferenceStillExists() {
    List<String> stale = new ArrayList<>();
    for (JsonNode entry : Repo.readYaml(resource("parity/deliberate-differences.yaml"))) {
      assertThat(entry.path("reason").asText()).as("reason of %s", entry).hasSizeGreaterThan(20);
      String id = entry.path("aspect").asText() + " " + entry.path("key").asText();
      boolean seen = pairs().anyMatch(pair -> {
        String chart = (String) pair.get()[0];
        return appliesTo(entry, chart) && differences(chart, (Path) pair.get()[1]).stream().anyMatch(d -> d.id().equals(id));
      });
      if (!seen) {
        stale.add(id);
      }
    }
    assertThat(stale).as("listed differences that no longer occur").isEmpty();
  }

  @Test
  void theComparisonSeesARealDifference() {
    List<ObjectNode> chart = Repo.chart("flyte-binary-default.yaml");
    List<ObjectNode> ours = Repo.objects(Repo.synthesize(resource("parity/binary-default.yaml")));
    ours.removeIf(o -> o.path("kind").asText().equals("Service") && o.path("metadata").path("name").asText().endsWith("-grpc"));

    assertThat(ChartParity.differences(chart, ours, CHART_PREFIX, "flyte-default"))
        .extracting(ChartParity.Difference::id)
        .contains("service-port grpc/8089->grpc");
  }

  private static List<ChartParity.Difference> differences(String chart, Path config) {
    String name = Repo.load(config).name();
    return ChartParity.differences(Repo.chart(chart), Repo.objects(Repo.synthesize(config)), CHART_PREFIX, name);
  }

  private static Set<String> allowed(String chart) {
    Set<String> allowed = new TreeSet<>();
    for (JsonNode entry : Repo.readYaml(resource("parity/deliberate-differences.yaml"))) {
      if (appliesTo(entry, chart)) {
        allowed.add(entry.path("aspect").asText() + " " + entry.path("key").asText());
      }
    }
    return allowed;
  }

  private static boolean appliesTo(JsonNode entry, String chart) {
    for (JsonNode reference : entry.path("charts")) {
      if (reference.asText().equals(chart)) {
        return true;
      }
    }
    return false;
  }

  static Path resource(String name) {
    return Repo.ROOT.resolve("tests/src/test/resources").resolve(name);
  }
}
