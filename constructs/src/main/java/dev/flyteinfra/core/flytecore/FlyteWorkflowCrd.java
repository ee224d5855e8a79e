package dev.flyteinfra.core.flytecore;

import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;

/** The FlyteWorkflow CRD ({@code flyteworkflows.flyte.lyft.com}) that FlytePropeller executes, on every cluster that runs it. */
final class FlyteWorkflowCrd {
  static final String NAME = "flyteworkflows.flyte.lyft.com";

  private FlyteWorkflowCrd() {}

  static HasMetadata crd(Plan plan) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(NAME).withLabels(plan.labels().standard("flyte", "crd")).endMetadata()
        .withNewSpec()
          .withGroup("flyte.lyft.com")
          .withScope("Namespaced")
          .withNewNames().withKind("FlyteWorkflow").withPlural("flyteworkflows").withSingular("flyteworkflow").withShortNames("fly").endNames()
          .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
            .withNewSchema().withOpenAPIV3Schema(new JSONSchemaPropsBuilder().withType("object").withXKubernetesPreserveUnknownFields(true).build())
            .endSchema()
          .endVersion()
        .endSpec()
        .build();
  }
}
