package dev.flyteinfra.core.flyte2;

import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrBool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flyte 2's TaskAction CRD ({@code taskactions.flyte.org}): one object per action of a run, in the
 * task namespace, that the binary's executor reconciles. Its spec is the schema of Flyte 2.0.42's
 * Go type field for field (a field the schema left out would be pruned by the API server); its
 * status is kept as the binary writes it. The CRD sits in a file of its own and is marked to
 * survive pruning and uninstalling: deleting it would delete every TaskAction with it.
 */
final class TaskActionCrd {
  static final String NAME = "taskactions.flyte.org";
  /** Its own component, so it lands in a file of its own. */
  static final String COMPONENT = "crd";

  private TaskActionCrd() {}

  static HasMetadata crd(Plan plan) {
    Map<String, String> annotations = new TreeMap<>(Map.of(
        // Helm, Argo CD, Flux and kapp each leave the CRD (and every TaskAction) in place on prune or uninstall.
        "helm.sh/resource-policy", "keep",
        "argocd.argoproj.io/sync-options", "Prune=false,Delete=false",
        "kustomize.toolkit.fluxcd.io/prune", "disabled",
        "kapp.k14s.io/delete-strategy", "orphan"));
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(NAME).withLabels(plan.labels().standard(Flyte2Topology.APP, COMPONENT))
          .withAnnotations(annotations).endMetadata()
        .withNewSpec()
          .withGroup("flyte.org")
          .withScope("Namespaced")
          .withNewNames().withKind("TaskAction").withListKind("TaskActionList").withPlural("taskactions")
            .withSingular("taskaction").endNames()
          .addNewVersion().withName("v1").withServed(true).withStorage(true)
            .withNewSubresources().withNewStatus().endStatus().endSubresources()
            .withAdditionalPrinterColumns(columns())
            .withNewSchema().withOpenAPIV3Schema(schema()).endSchema()
          .endVersion()
        .endSpec()
        .build();
  }

  private static List<CustomResourceColumnDefinition> columns() {
    return List.of(
        column("Run", ".spec.runName", "string", null),
        column("Action", ".spec.actionName", "string", null),
        column("TaskType", ".spec.taskType", "string", null),
        column("Status", ".status.conditions[?(@.type=='Progressing')].reason", "string", null),
        column("Age", ".metadata.creationTimestamp", "date", null),
        column("Progressing", ".status.conditions[?(@.type=='Progressing')].status", "string", 1),
        column("Succeeded", ".status.conditions[?(@.type=='Succeeded')].status", "string", 1),
        column("Failed", ".status.conditions[?(@.type=='Failed')].status", "string", 1));
  }

  private static CustomResourceColumnDefinition column(String name, String path, String type, Integer priority) {
    CustomResourceColumnDefinition column = new CustomResourceColumnDefinition();
    column.setName(name);
    column.setJsonPath(path);
    column.setType(type);
    column.setPriority(priority);
    return column;
  }

  private static JSONSchemaProps schema() {
    Map<String, JSONSchemaProps> spec = new LinkedHashMap<>();
    spec.put("actionName", string(1, 30));
    spec.put("actionType", new JSONSchemaPropsBuilder().withType("string").withEnum(
        List.of(new com.fasterxml.jackson.databind.node.TextNode("task"), new com.fasterxml.jackson.databind.node.TextNode("condition")))
        .build());
    spec.put("cacheKey", string(null, 256));
    spec.put("conditionSpec", bytes());
    spec.put("domain", string(1, 63));
    spec.put("envVars", new JSONSchemaPropsBuilder().withType("object")
        .withAdditionalProperties(new JSONSchemaPropsOrBool(null, new JSONSchemaPropsBuilder().withType("string").build())).build());
    spec.put("group", string(null, 256));
    spec.put("inputUri", string(null, null));
    spec.put("interruptible", new JSONSchemaPropsBuilder().withType("boolean").build());
    spec.put("parentActionName", string(1, 30));
    spec.put("project", string(1, 63));
    spec.put("runName", string(1, 30));
    spec.put("runOutputBase", string(null, null));
    spec.put("shortName", string(null, 63));
    spec.put("taskTemplate", bytes());
    spec.put("taskType", string(null, 63));
    return new JSONSchemaPropsBuilder()
        .withType("object")
        .addToRequired("spec")
        .addToProperties("apiVersion", string(null, null))
        .addToProperties("kind", string(null, null))
        .addToProperties("metadata", new JSONSchemaPropsBuilder().withType("object").build())
        .addToProperties("spec", new JSONSchemaPropsBuilder().withType("object")
            .withRequired("actionName", "domain", "project", "runName").withProperties(spec).build())
        .addToProperties("status", new JSONSchemaPropsBuilder().withType("object").withXKubernetesPreserveUnknownFields(true).build())
        .build();
  }

  private static JSONSchemaProps string(Integer minLength, Integer maxLength) {
    return new JSONSchemaPropsBuilder().withType("string")
        .withMinLength(minLength == null ? null : minLength.longValue())
        .withMaxLength(maxLength == null ? null : maxLength.longValue()).build();
  }

  private static JSONSchemaProps bytes() {
    return new JSONSchemaPropsBuilder().withType("string").withFormat("byte").build();
  }
}
