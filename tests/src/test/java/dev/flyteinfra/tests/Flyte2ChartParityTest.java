package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flyte 2's binary topology against the official flyte-binary v2.0.42 chart's default rendering
 * ({@code ../shared/reference/flyte2-charts/flyte-binary-default.yaml}) and its TaskAction CRD: the
 * kinds, the Services and their ports, the binary's ports, the CRD, the config the binary reads
 * (the files merged in file-name order) and the RBAC it is granted. Every difference is listed
 * with its reason in {@code parity/flyte2-deliberate-differences.yaml}; an entry that no longer
 * differs fails too.
 */
class Flyte2ChartParityTest {
  private static final Path CHARTS = Repo.REFERENCE.resolve("flyte2-charts");
  private static final Path EXAMPLE = Repo.EXAMPLES.resolve("binary-v2.yaml");
  private static List<ObjectNode> chart;
  private static List<ObjectNode> ours;
  private static Map<String, String> deliberate;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void render() throws Exception {
    // The chart's own objects: the connector subchart is deployed only when asked (and then wired), not by default.
    chart = Repo.documents(Repo.read(CHARTS.resolve("flyte-binary-default.yaml"))).stream()
        .filter(o -> !o.at("/metadata/name").asText().equals("flyteconnector")).toList();
    ours = Repo.objects(Repo.synthesize(EXAMPLE));
    Map<String, Object> differences = new YAMLMapper().readValue(
        Flyte2ChartParityTest.class.getResourceAsStream("/parity/flyte2-deliberate-differences.yaml"), Map.class);
    deliberate = new TreeMap<>();
    differences.forEach((key, reason) -> deliberate.put(key, String.valueOf(reason)));
  }

  @Test
  void everyKindOfTheChartIsRenderedOrListed() {
    Set<String> kinds = ours.stream().map(o -> o.path("kind").asText()).collect(Collectors.toSet());
    Set<String> missing = chart.stream().map(o -> o.path("kind").asText()).filter(kind -> !kinds.contains(kind))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(missing).isEqualTo(listed("kind:"));
  }

  private static Set<String> listed(String prefix) {
    return deliberate.keySet().stream().filter(key -> key.startsWith(prefix)).map(key -> key.substring(prefix.length()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void everyServiceOfTheChartHasItsCounterpartWithTheSamePorts() {
    for (ObjectNode service : of(chart, "Service")) {
      String suffix = service.at("/metadata/name").asText().replace("flyte-flyte-binary", "");
      ObjectNode counterpart = of(ours, "Service").stream().filter(s -> s.at("/metadata/name").asText().equals("flyte2" + suffix))
          .findFirst().orElseThrow(() -> new AssertionError("no Service flyte2" + suffix));
      assertThat(ports(counterpart)).as(suffix).isEqualTo(ports(service));
      assertThat(counterpart.at("/spec/clusterIP").asText()).as(suffix).isEqualTo(service.at("/spec/clusterIP").asText());
    }
  }

  @Test
  void theBinaryOpensTheChartsPorts() {
    assertThat(containerPorts(deployment(ours, "flyte2"))).isEqualTo(containerPorts(deployment(chart, "flyte-flyte-binary")));
    assertThat(containerPorts(deployment(ours, "flyte2-console"))).isEqualTo(containerPorts(deployment(chart, "flyte-flyte-binary-console")));
  }

  @Test
  void theTaskActionCrdIsTheChartsButForItsStatusSchema() {
    JsonNode reference = Repo.documents(Repo.read(CHARTS.resolve("taskaction-crd.yaml"))).get(0).path("spec");
    JsonNode crd = of(ours, "CustomResourceDefinition").get(0).path("spec");
    for (String path : List.of("/group", "/scope", "/names", "/versions/0/name", "/versions/0/served", "/versions/0/storage",
        "/versions/0/subresources", "/versions/0/additionalPrinterColumns", "/versions/0/schema/openAPIV3Schema/required",
        "/versions/0/schema/openAPIV3Schema/properties/spec/required")) {
      assertThat(crd.at(path)).as(path).isEqualTo(reference.at(path));
    }
    JsonNode referenceSpec = reference.at("/versions/0/schema/openAPIV3Schema/properties/spec/properties");
    JsonNode spec = crd.at("/versions/0/schema/openAPIV3Schema/properties/spec/properties");
    assertThat(fieldNames(spec)).isEqualTo(fieldNames(referenceSpec));
    referenceSpec.fields().forEachRemaining(field -> {
      for (String constraint : List.of("type", "format", "enum", "minLength", "maxLength", "additionalProperties")) {
        assertThat(spec.path(field.getKey()).path(constraint)).as(field.getKey() + "." + constraint)
            .isEqualTo(field.getValue().path(constraint));
      }
    });
  }

  /** Every config key the chart sets is ours with the same value, or a deliberate difference with its reason. */
  @Test
  void theConfigDiffersOnlyWhereListed() {
    Map<String, String> theirs = FlyteConfigView.flatten(chart, name -> name.endsWith("-config") ? "config" : null);
    Map<String, String> mine = FlyteConfigView.flatten(ours, name -> name.equals("flyte2-config") ? "config" : null);
    Set<String> differing = new TreeSet<>();
    theirs.forEach((key, value) -> {
      if (!value.equals(mine.get(key))) {
        differing.add(key);
      }
    });
    mine.keySet().stream().filter(key -> !theirs.containsKey(key)).forEach(differing::add);
    // The view names each key after its ConfigMap's role, "config:", as the list does.
    assertThat(differing).as("config keys that differ from the chart's")
        .isEqualTo(listed("config:").stream().map(key -> "config:" + key).collect(Collectors.toCollection(TreeSet::new)));
  }

  /** Every permission of the chart's ClusterRole is granted (cluster-wide or where Flyte 2 uses it) or listed. */
  @Test
  void theRbacDiffersOnlyWhereListed() {
    Set<String> granted = grants(ours);
    Set<String> missing = grants(chart).stream().filter(grant -> !granted.contains(grant)).collect(Collectors.toCollection(TreeSet::new));
    assertThat(missing).as("permissions of the chart not granted").isEqualTo(listed("rbac:"));
  }

  @Test
  void everyDeliberateDifferenceHasAReason() {
    assertThat(deliberate).allSatisfy((key, reason) -> assertThat(reason).as(key).hasSizeGreaterThan(20));
  }

  /** {@code group/resource verb} of every rule of every ClusterRole and Role (name limits and namespaces left aside). */
  private static Set<String> grants(List<ObjectNode> objects) {
    Set<String> grants = new TreeSet<>();
    objects.stream().filter(o -> o.path("kind").asText().endsWith("Role") && !o.path("kind").asText().endsWith("Binding"))
        .filter(o -> o.at("/metadata/labels/app.kubernetes.io~1name").asText().equals("flyte-binary"))
        .forEach(role -> role.path("rules").forEach(rule -> rule.path("apiGroups").forEach(group -> rule.path("resources")
            .forEach(resource -> rule.path("verbs").forEach(verb ->
                grants.add(group.asText() + "/" + resource.asText() + " " + verb.asText()))))));
    return grants;
  }

  private static List<ObjectNode> of(List<ObjectNode> objects, String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  private static ObjectNode deployment(List<ObjectNode> objects, String name) {
    return of(objects, "Deployment").stream().filter(d -> d.at("/metadata/name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no Deployment " + name));
  }

  private static Set<String> ports(ObjectNode service) {
    Set<String> ports = new TreeSet<>();
    service.at("/spec/ports").forEach(p -> ports.add(p.path("port").asText() + "->" + p.path("targetPort").asText()));
    return ports;
  }

  private static Set<String> containerPorts(ObjectNode deployment) {
    Set<String> ports = new TreeSet<>();
    deployment.at("/spec/template/spec/containers").forEach(c -> c.path("ports").forEach(p ->
        ports.add(p.path("name").asText() + ":" + p.path("containerPort").asText())));
    return ports;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    return names;
  }
}
