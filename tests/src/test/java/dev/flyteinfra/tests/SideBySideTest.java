package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.stacks.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Flyte 1 and Flyte 2 in one cluster, upstream's migration path: the two deployments' objects
 * never share a name, and each one's pod webhook (which the binary registers itself, with the
 * {@code namespaceSelector} of its config) claims only the namespaces its own tasks run in — Flyte
 * 1's project-domain namespaces as its templates label them, Flyte 2's task namespace.
 */
class SideBySideTest {
  private static final FlyteDeployment FLYTE_1 = ConfigLoader.parse("""
      name: flyte
      namespace: flyte
      database: {host: db.example.com, passwordSecret: {name: flyte-db, key: password}}
      storage: {metadataBucket: flyte-metadata, s3: {region: us-east-1}}
      projects: [{name: flytesnacks}, {name: ml}]
      """);
  private static final FlyteDeployment FLYTE_2 = Repo.load(Repo.EXAMPLES.resolve("binary-v2.yaml"));

  @Test
  void theirObjectsNeverShareAName() {
    Set<String> first = keys(Repo.objects(Repo.synthesize(FLYTE_1)));
    Set<String> second = keys(Repo.objects(Repo.synthesize(FLYTE_2)));
    assertThat(first).doesNotContainAnyElementsOf(second);
    // The webhook configurations the binaries register at run time are named after their Services.
    assertThat(webhook(FLYTE_1).path("serviceName").asText()).isNotEqualTo(webhook(FLYTE_2).path("serviceName").asText());
  }

  @Test
  void eachPodWebhookClaimsOnlyItsOwnTasksNamespaces() {
    Map<String, String> flyte1Selector = matchLabels(webhook(FLYTE_1));
    Map<String, String> flyte2Selector = matchLabels(webhook(FLYTE_2));
    List<Map<String, String>> flyte1Namespaces = FLYTE_1.projects().stream()
        .flatMap(project -> FLYTE_1.domains().stream().map(domain -> project.name() + "-" + domain.name()))
        .map(SideBySideTest::projectNamespaceLabels).toList();
    Map<String, String> flyte2Namespace = namespaceLabels(Repo.objects(Repo.synthesize(FLYTE_2)), "flyte2-tasks");

    assertThat(flyte1Selector).isNotEmpty();
    assertThat(flyte2Selector).isNotEmpty();
    assertThat(flyte1Namespaces).allSatisfy(labels -> {
      assertThat(matches(flyte1Selector, labels)).as("Flyte 1's webhook claims %s", labels).isTrue();
      assertThat(matches(flyte2Selector, labels)).as("Flyte 2's webhook leaves %s alone", labels).isFalse();
    });
    assertThat(matches(flyte2Selector, flyte2Namespace)).as("Flyte 2's webhook claims its task namespace").isTrue();
    assertThat(matches(flyte1Selector, flyte2Namespace)).as("Flyte 1's webhook leaves Flyte 2's tasks alone").isFalse();
    // Nor does either claim Flyte's own namespaces, where neither runs tasks.
    for (String own : List.of("flyte", "flyte2")) {
      Map<String, String> labels = Map.of("kubernetes.io/metadata.name", own);
      assertThat(matches(flyte1Selector, labels) || matches(flyte2Selector, labels)).as(own).isFalse();
    }
  }

  /** Kind, namespace and name of every object. */
  private static Set<String> keys(List<ObjectNode> objects) {
    return objects.stream().map(o -> o.path("kind").asText() + "/" + o.at("/metadata/namespace").asText() + "/"
        + o.at("/metadata/name").asText()).collect(Collectors.toSet());
  }

  /** The {@code webhook} section of a deployment's binary config. */
  private static JsonNode webhook(FlyteDeployment d) {
    ObjectNode config = Repo.objects(Repo.synthesize(d)).stream()
        .filter(o -> o.path("kind").asText().equals("ConfigMap") && o.at("/metadata/name").asText().equals(d.name() + "-config"))
        .findFirst().orElseThrow();
    return FlyteConfigView.parse(config.at("/data/000-core.yaml").asText()).orElseThrow().path("webhook");
  }

  private static Map<String, String> matchLabels(JsonNode webhook) {
    assertThat(webhook.at("/namespaceSelector/matchExpressions").isMissingNode()).isTrue();
    Map<String, String> labels = new TreeMap<>();
    webhook.at("/namespaceSelector/matchLabels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /** A Flyte 1 project-domain namespace's labels: its template's, and the name label Kubernetes adds. */
  private static Map<String, String> projectNamespaceLabels(String namespace) {
    ObjectNode templates = Repo.objects(Repo.synthesize(FLYTE_1)).stream()
        .filter(o -> o.at("/metadata/name").asText().equals("flyte-cluster-resource-templates")).findFirst().orElseThrow();
    JsonNode template = FlyteConfigView.parse(templates.at("/data/001_namespace.yaml").asText()).orElseThrow();
    Map<String, String> labels = new TreeMap<>();
    template.at("/metadata/labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    labels.put("kubernetes.io/metadata.name", namespace);
    return labels;
  }

  private static Map<String, String> namespaceLabels(List<ObjectNode> objects, String name) {
    ObjectNode namespace = objects.stream().filter(o -> o.path("kind").asText().equals("Namespace")
        && o.at("/metadata/name").asText().equals(name)).findFirst().orElseThrow();
    Map<String, String> labels = new TreeMap<>();
    namespace.at("/metadata/labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    labels.put("kubernetes.io/metadata.name", name);
    return labels;
  }

  private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
