package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * ServiceMonitors against the official chart's (flyte-core with every optional object): the same
 * scrape endpoint for the same components, each selecting a Service that exposes the port, and
 * valid against the Prometheus operator's CRD.
 */
class ServiceMonitorsTest {
  private static final Path OBSERVED = Repo.ROOT.resolve("tests/src/test/resources/gate/core-monitoring.yaml");

  private static List<ObjectNode> monitors(List<ObjectNode> objects) {
    return objects.stream().filter(o -> o.path("kind").asText().equals("ServiceMonitor")).toList();
  }

  @Test
  void everyComponentTheChartMonitorsIsMonitoredOnTheSameEndpoint() {
    Map<String, JsonNode> chart = new TreeMap<>();
    monitors(Repo.chart("flyte-core-eks-all-optional.yaml")).forEach(m ->
        chart.put(m.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText(),
            m.path("spec").path("endpoints").get(0)));
    Map<String, JsonNode> ours = new TreeMap<>();
    monitors(Repo.objects(Repo.synthesize(OBSERVED)))
        .forEach(m -> ours.put(m.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/component").asText(),
            m.path("spec").path("endpoints").get(0)));

    // flyteconsole serves no metrics port here (the chart adds one only for its ServiceMonitor); syncresources is ours alone.
    assertThat(ours.keySet()).containsExactly("datacatalog", "flyteadmin", "flytepropeller", "flytescheduler", "syncresources");
    chart.remove("flyteconsole");
    chart.forEach((component, endpoint) -> {
      JsonNode mine = ours.get(component);
      assertThat(mine.path("port")).as(component).isEqualTo(endpoint.path("port"));
      assertThat(mine.path("path")).as(component).isEqualTo(endpoint.path("path"));
    });
    assertThat(ours.get("flyteadmin").path("interval").asText()).isEqualTo("30s");
    assertThat(ours.get("flyteadmin").path("scrapeTimeout").asText()).isEqualTo("10s");
  }

  @Test
  void eachSelectsAServiceThatExposesTheMetricsPortAndIsValidAgainstTheCrd() {
    List<ObjectNode> objects = Repo.objects(Repo.synthesize(OBSERVED));
    List<ObjectNode> services = objects.stream().filter(o -> o.path("kind").asText().equals("Service")).toList();

    assertThat(monitors(objects)).hasSize(5).allSatisfy(monitor -> {
      assertThat(KubernetesSchema.get().validate(monitor)).isEmpty();
      assertThat(monitor.path("metadata").path("labels").path("release").asText()).isEqualTo("kube-prometheus-stack");
      JsonNode selector = monitor.path("spec").path("selector").path("matchLabels");
      List<ObjectNode> selected = services.stream().filter(service -> {
        JsonNode labels = service.path("metadata").path("labels");
        boolean[] all = {true};
        selector.fields().forEachRemaining(label -> all[0] &= labels.path(label.getKey()).asText().equals(label.getValue().asText()));
        return all[0];
      }).toList();
      assertThat(selected).as(Repo.describe(monitor)).isNotEmpty()
          .anySatisfy(service -> assertThat(service.path("spec").path("ports").findValuesAsText("name")).contains("http-metrics"));
    });
    assertThat(monitors(Repo.objects(Repo.synthesize(Repo.EXAMPLES.resolve("core-aws.yaml"))))).isEmpty();
  }

  @Test
  void theCrdRejectsAWrongDurationAndAnUnknownField() {
    ObjectNode monitor = monitors(Repo.objects(Repo.synthesize(OBSERVED))).get(0);
    ObjectNode wrongDuration = monitor.deepCopy();
    ((ObjectNode) wrongDuration.path("spec").path("endpoints").get(0)).put("interval", "often");
    ObjectNode unknownField = monitor.deepCopy();
    ((ObjectNode) unknownField.path("spec")).put("scrapeEvery", "30s");

    assertThat(KubernetesSchema.get().validate(wrongDuration)).anyMatch(e -> e.contains("interval"));
    assertThat(KubernetesSchema.get().validate(unknownField)).anyMatch(e -> e.contains("scrapeEvery"));
  }
}
