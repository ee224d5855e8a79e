package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every synthesized object validates strictly against the Kubernetes 1.31 schema. */
class SchemaConformanceTest {
  static Stream<Path> examples() {
    return Repo.gateConfigs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyObjectValidatesStrictly(Path example) {
    List<ObjectNode> objects = Repo.objects(Repo.synthesize(example));
    List<String> violations = new ArrayList<>();
    objects.forEach(object -> violations.addAll(KubernetesSchema.get().validate(object)));

    assertThat(objects).isNotEmpty();
    assertThat(violations).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyKustomizationValidatesAgainstItsSchemaAndListsItsFolder(Path example) {
    var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(Repo.readYaml(Repo.REFERENCE.resolve("schemas/kustomization.json")));

    Map<String, Map<String, String>> folders = Repo.folders(Repo.synthesize(example));

    assertThat(folders).isNotEmpty();
    folders.forEach((folder, files) -> {
      var kustomization = Repo.documents(files.get("kustomization.yaml")).get(0);
      assertThat(schema.validate(kustomization)).as(folder).isEmpty();
      assertThat(kustomization.path("resources")).extracting(n -> n.asText()).as(folder)
          .containsExactlyInAnyOrderElementsOf(files.keySet().stream().filter(f -> !f.equals("kustomization.yaml")).toList());
    });
  }

  @Test
  void strictValidationRejectsUnknownFieldsWrongTypesAndMissingRequiredOnes() {
    ObjectNode deployment = Repo.objects(Repo.synthesize(Repo.EXAMPLES.resolve("binary-aws.yaml"))).stream()
        .filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
    ObjectNode unknownField = deployment.deepCopy();
    ((ObjectNode) unknownField.path("spec")).put("replicaz", 2);
    ObjectNode wrongType = deployment.deepCopy();
    ((ObjectNode) wrongType.path("spec")).put("replicas", "two");
    ObjectNode missingRequired = deployment.deepCopy();
    ((ObjectNode) missingRequired.path("spec")).remove("selector");
    ObjectNode unknownKind = deployment.deepCopy();
    unknownKind.put("apiVersion", "apps/v1beta1");

    assertThat(KubernetesSchema.get().validate(deployment)).isEmpty();
    assertThat(KubernetesSchema.get().validate(unknownField)).anyMatch(e -> e.contains("replicaz"));
    assertThat(KubernetesSchema.get().validate(wrongType)).anyMatch(e -> e.contains("replicas"));
    assertThat(KubernetesSchema.get().validate(missingRequired)).anyMatch(e -> e.contains("selector"));
    assertThat(KubernetesSchema.get().validate(unknownKind)).anyMatch(e -> e.contains("no schema"));
  }
}
