package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.flyte2.Flyte2HelmValues;
import dev.flyteinfra.core.generation.HelmChart;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.plan.Plan;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The values for the official flyte-binary v2.0.42 chart: key by key against the reference's own
 * hardened values file ({@code ../shared/reference/flyte2-charts/values/flyte-binary-hardening-knobs.yaml},
 * whose rendering is in the reference), with every knob it sets that ours leave out listed and
 * explained here; the chart version pinned; the chart chosen by the deployment's generation.
 */
class Flyte2HelmValuesTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Path FIXTURE = Repo.ROOT.resolve("tests/src/test/resources/gate/flyte2-aws.yaml");
  /** Knobs of the reference's hardened values that the export leaves at the chart's default, and why. */
  private static final Map<String, String> LEFT_OUT = Map.of(
      "/configuration/inline/plugins/k8s/default-pod-security-context",
      "task pods keep their images' users: the task namespace enforces the baseline Pod Security level and warns at restricted",
      "/configuration/inline/plugins/k8s/default-security-context",
      "as above: a restricted default would break task images that run as root",
      "/deployment/securityContext/readOnlyRootFilesystem",
      "the binary writes its webhook certificates and temporary files; synth leaves its root writable too",
      "/deployment/waitForDB/securityContext/runAsUser",
      "the pod's security context already runs every container as 65534",
      "/deployment/waitForDB/securityContext/readOnlyRootFilesystem",
      "wait-for-db runs with synth's restricted container context, which leaves the root file system as the image has it");

  static Stream<Path> flyte2Configs() {
    return Repo.gateConfigs().filter(path -> Repo.load(path).generation() == Generation.FLYTE_2)
        .filter(path -> Flyte2HelmValues.problems(Repo.load(path)).isEmpty());
  }

  @Test
  void everyKnobOfTheReferencesHardenedValuesIsSetOrListed() throws Exception {
    JsonNode reference = YAML.readTree(Repo.REFERENCE.resolve("flyte2-charts/values/flyte-binary-hardening-knobs.yaml").toFile());
    JsonNode ours = YAML.readTree(Flyte2HelmValues.yaml(Plan.of(Repo.load(FIXTURE))));
    Set<String> missing = new TreeSet<>();
    leaves("", reference).forEach(path -> {
      if (ours.at(path).isMissingNode()) {
        missing.add(path);
      }
    });
    Set<String> explained = new TreeSet<>();
    missing.forEach(path -> LEFT_OUT.keySet().stream().filter(path::startsWith).findFirst().ifPresent(explained::add));
    assertThat(missing).allSatisfy(path -> assertThat(LEFT_OUT.keySet()).anyMatch(path::startsWith));
    assertThat(explained).as("every listed knob is still left out").isEqualTo(LEFT_OUT.keySet());
  }

  @ParameterizedTest
  @MethodSource("flyte2Configs")
  void theValuesPinTheV2ChartAndEscapeFlytesTemplates(Path config) throws Exception {
    String values = Flyte2HelmValues.yaml(Plan.of(Repo.load(config)));
    assertThat(values).contains("helm install flyte flyteorg/flyte-binary --version v2.0.42");
    JsonNode tree = YAML.readTree(values);
    // What the chart passes through tpl; its logging knobs it does not.
    leaves("", tree).stream().filter(path -> path.startsWith("/configuration/inline/") || path.startsWith("/flyte-core-components/"))
        .forEach(path -> assertThat(tree.at(path).asText().replace("{{`{{`}}", "")).as(path).doesNotContain("{{"));
    assertThat(tree.at("/flyte-core-components/runs/database").isMissingNode()).as("the chart writes runs.database").isTrue();
  }

  @Test
  void flyte2sChartIsFlyteBinaryV2AndFlyte1KeepsItsOwn() {
    FlyteDeployment flyte2 = Repo.load(FIXTURE);
    assertThat(FlyteManifests.generation(flyte2).charts()).extracting(HelmChart::name, HelmChart::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("flyte-binary", "v2.0.42"));
    FlyteDeployment flyte1 = Repo.load(Repo.EXAMPLES.resolve("binary-aws.yaml"));
    assertThat(FlyteManifests.generation(flyte1).chart("flyte-binary").orElseThrow().version()).isEqualTo("v1.16.8");
    assertThat(FlyteManifests.generation(flyte1).chart("flyte-binary").orElseThrow().problems().apply(flyte2))
        .anySatisfy(problem -> assertThat(problem.message()).contains("installs Flyte 1, not Flyte 2"));
  }

  @Test
  void anS3CompatibleStoreIsRefusedForItsKeyWouldBeAValue() {
    assertThat(Flyte2HelmValues.problems(Repo.load(Repo.EXAMPLES.resolve("binary-v2.yaml"))))
        .anySatisfy(problem -> assertThat(problem.path()).isEqualTo("storage.minio"));
  }

  /** JSON pointers of every leaf (lists are leaves). */
  private static Set<String> leaves(String prefix, JsonNode node) {
    Set<String> paths = new TreeSet<>();
    if (node instanceof ObjectNode object && !object.isEmpty()) {
      object.fields().forEachRemaining(e ->
          paths.addAll(leaves(prefix + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), e.getValue())));
    } else if (!prefix.isEmpty()) {
      paths.add(prefix);
    }
    return paths;
  }
}
