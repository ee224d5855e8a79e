package dev.flyteinfra.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strict validation against the Kubernetes 1.31 JSON schema of {@code ../shared/reference/k8s-schema}
 * (as kubeconform {@code -strict}): a definition is picked by its
 * {@code x-kubernetes-group-version-kind}, every object schema that lists properties rejects
 * others, and an apiVersion/kind without a schema is an error, not a skip.
 */
final class KubernetesSchema {
  private static final KubernetesSchema INSTANCE = new KubernetesSchema();

  private final ObjectNode definitions;
  private final Map<String, String> definitionByGvk = new HashMap<>();
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

  private KubernetesSchema() {
    try {
      JsonNode root = new ObjectMapper().readTree(Repo.REFERENCE.resolve("k8s-schema/v1.31.0-definitions.json").toFile());
      definitions = (ObjectNode) root.get("definitions");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    definitions.fields().forEachRemaining(entry -> {
      for (JsonNode gvk : entry.getValue().path("x-kubernetes-group-version-kind")) {
        String group = gvk.path("group").asText();
        String apiVersion = group.isEmpty() ? gvk.path("version").asText() : group + "/" + gvk.path("version").asText();
        definitionByGvk.put(apiVersion + "|" + gvk.path("kind").asText(), entry.getKey());
      }
      makeStrict(entry.getValue());
    });
  }

  static KubernetesSchema get() {
    return INSTANCE;
  }

  /** Every violation of the object, as text; empty when it is valid. */
  List<String> validate(JsonNode object) {
    String key = object.path("apiVersion").asText() + "|" + object.path("kind").asText();
    String definition = definitionByGvk.get(key);
    if (definition == null) {
      return List.of(Repo.describe(object) + ": no schema for apiVersion " + object.path("apiVersion").asText()
          + " kind " + object.path("kind").asText());
    }
    Schema schema = schemas.computeIfAbsent(definition, this::schemaFor);
    return schema.validate(object).stream().map(error -> Repo.describe(object) + ": " + error).toList();
  }

  private Schema schemaFor(String definition) {
    ObjectNode document = new ObjectMapper().createObjectNode();
    document.put("$ref", "#/definitions/" + definition);
    document.set("definitions", definitions);
    return registry.getSchema(document);
  }

  /**
   * Adds {@code additionalProperties: false} to every object schema that lists properties and sets
   * none. Walks schema positions only (property schemas, items, additionalProperties, *Of), so a
   * property that happens to be named {@code properties} is never mistaken for a schema keyword.
   */
  private static void makeStrict(JsonNode schema) {
    if (!(schema instanceof ObjectNode object)) {
      return;
    }
    if (object.has("properties")) {
      if (!object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
      object.get("properties").elements().forEachRemaining(KubernetesSchema::makeStrict);
    }
    makeStrict(object.get("items"));
    makeStrict(object.get("additionalProperties"));
    for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
      if (object.has(combinator)) {
        object.get(combinator).forEach(KubernetesSchema::makeStrict);
      }
    }
  }
}
