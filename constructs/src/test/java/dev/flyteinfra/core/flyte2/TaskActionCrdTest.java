package dev.flyteinfra.core.flyte2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.core.yaml.Yaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

class TaskActionCrdTest {
  private final HasMetadata crd = TaskActionCrd.crd(Plan.of(Flyte2Fixtures.binary()));

  @Test
  void itIsInAFileOfItsOwnAndSurvivesPruningAndUninstalling() {
    assertThat(crd.getMetadata().getName()).isEqualTo("taskactions.flyte.org");
    assertThat(crd.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "crd");
    assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep")
        .containsEntry("argocd.argoproj.io/sync-options", "Prune=false,Delete=false")
        .containsEntry("kustomize.toolkit.fluxcd.io/prune", "disabled");
  }

  @Test
  void theStatusSubresourceSurvivesTheWriterThatDropsEmptyValues() {
    String yaml = Yaml.writeWithoutEmpty(crd);
    assertThat(yaml).contains("subresources:\n        status: {}\n");
    assertThat(Yaml.withoutEmpty(Yaml.mapper().valueToTree(crd)).at("/spec/versions/0/subresources/status").isObject()).isTrue();
  }
}
