package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.manifest.Manifest;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.core.manifest.ManifestWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with the official charts: for the description equivalent to each chart values file, our
 * output has at least the chart's objects by kind, its container and Service ports, its RBAC
 * rules, and the same Flyte config values for every key both set. Every deliberate difference is
 * listed with its reason in {@code parity/deliberate-differences.yaml}.
 */
class ChartParityTest {
  /** A chart rendering and our equivalent: which config, which cluster of it, how names map. */
  record Pair(String chart, Path config, String cluster, String chartPrefix, String valueRename) {
    @Override
    public String toString() {
      return chart;
    }

    List<ObjectNode> ours() {
      Manifest manifest = FlyteManifests.synthesizeClusters(Repo.load(config)).get(cluster);
      return new ArrayList<>(manifest.objects().stream().map(ManifestWriter::toTree).toList());
    }

    List<ChartParity.Difference> differences() {
      return ChartParity.differences(Repo.chart(chart), ours(), chartPrefix, Repo.load(config).name(), valueRename);
    }
  }

  static Stream<Pair> pairs() {
    String binary = "flyte-backend-flyte-binary";
    return Stream.of(
        new Pair("flyte-binary-eks-starter.yaml", Repo.EXAMPLES.resolve("binary-aws.yaml"), Plan.SINGLE_CLUSTER, binary + "-", binary),
        new Pair("flyte-binary-gke-starter.yaml", Repo.EXAMPLES.resolve("binary-gcp.yaml"), Plan.SINGLE_CLUSTER, binary + "-", binary),
        new Pair("flyte-binary-default.yaml", resource("parity/binary-default.yaml"), Plan.SINGLE_CLUSTER, binary + "-", binary),
        new Pair("flyte-core-eks.yaml", Repo.EXAMPLES.resolve("core-aws.yaml"), Plan.SINGLE_CLUSTER, "flyte-", null),
        new Pair("flyte-core-gcp.yaml", Repo.EXAMPLES.resolve("core-gcp.yaml"), Plan.SINGLE_CLUSTER, "flyte-", null),
        new Pair("flyte-core-eks-controlplane.yaml", Repo.EXAMPLES.resolve("core-multicluster.yaml"), "control-plane", "flyte-", null),
        new Pair("flyte-core-eks-dataplane.yaml", Repo.EXAMPLES.resolve("core-multicluster.yaml"), "dp-general", "flyte-", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void everyDifferenceFromTheChartIsDeliberate(Pair pair) {
    Set<String> allowed = allowed(pair.chart());
    List<ChartParity.Difference> unlisted = pair.differences().stream().filter(d -> !allowed.contains(d.id())).toList();

    assertThat(unlisted).isEmpty();
  }

  @Test
  void everyListedDifferenceStillExists() {
    List<String> stale = new ArrayList<>();
    for (JsonNode entry : Repo.readYaml(resource("parity/deliberate-differences.yaml"))) {
      assertThat(entry.path("reason").asText()).as("reason of %s", entry).hasSizeGreaterThan(20);
      String id = entry.path("aspect").asText() + " " + entry.path("key").asText();
      for (JsonNode chart : entry.path("charts")) {
        Pair pair = pairs().filter(p -> p.chart().equals(chart.asText())).findFirst().orElseThrow();
        if (pair.differences().stream().noneMatch(d -> d.id().equals(id))) {
          stale.add(chart.asText() + ": " + id);
        }
      }
    }
    assertThat(stale).as("listed differences that no longer occur").isEmpty();
  }

  @Test
  void theComparisonSeesARealDifference() {
    Pair pair = pairs().filter(p -> p.chart().equals("flyte-binary-default.yaml")).findFirst().orElseThrow();
    List<ObjectNode> ours = pair.ours();
    ours.removeIf(o -> o.path("kind").asText().equals("Service") && o.path("metadata").path("name").asText().endsWith("-grpc"));
    ours.stream().filter(o -> o.path("data").has("002-database.yaml")).forEach(o ->
        ((ObjectNode) o.path("data")).put("002-database.yaml", "database:\n  postgres:\n    port: 6432\n"));

    assertThat(ChartParity.differences(Repo.chart(pair.chart()), ours, pair.chartPrefix(), "flyte-default", pair.valueRename()))
        .extracting(ChartParity.Difference::id)
        .contains("service-port grpc/8089", "config config:database.postgres.port");
  }

  static Set<String> allowed(String chart) {
    Set<String> allowed = new TreeSet<>();
    for (JsonNode entry : Repo.readYaml(resource("parity/deliberate-differences.yaml"))) {
      for (JsonNode reference : entry.path("charts")) {
        if (reference.asText().equals(chart)) {
          allowed.add(entry.path("aspect").asText() + " " + entry.path("key").asText());
        }
      }
    }
    return allowed;
  }

  static Path resource(String name) {
    return Repo.ROOT.resolve("tests/src/test/resources").resolve(name);
  }
}
