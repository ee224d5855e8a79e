package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.flytecore.CoreFixtures.core;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import org.junit.jupiter.api.Test;

class FlyteWorkflowCrdTest {
  @Test
  void theCrdDefinesNamespacedFlyteWorkflowsThatKeepEveryField() {
    // GIVEN a core deployment
    // WHEN the CRD is rendered
    CustomResourceDefinition crd = (CustomResourceDefinition) FlyteWorkflowCrd.crd(Plan.of(core().build()));

    // THEN it is flyte.lyft.com's FlyteWorkflow v1alpha1, cluster-scoped itself, with an open schema
    assertThat(crd.getMetadata().getName()).isEqualTo("flyteworkflows.flyte.lyft.com");
    assertThat(crd.getMetadata().getNamespace()).isNull();
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo("FlyteWorkflow");
    assertThat(crd.getSpec().getVersions()).singleElement().satisfies(version -> {
      assertThat(version.getName()).isEqualTo("v1alpha1");
      assertThat(version.getStorage()).isTrue();
      assertThat(version.getSchema().getOpenAPIV3Schema().getXKubernetesPreserveUnknownFields()).isTrue();
    });
  }
}
