package dev.flyteinfra.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Strict validation against the Kubernetes 1.31 JSON schema of {@code ../shared/reference/k8s-schema}
 * (as kubeconform {@code -strict}): a definition is picked by its
 * {@code x-kubernetes-group-version-kind}, every object schema that lists properties rejects
 * others, and an apiVersion/kind without a schema is an error, not a skip. Custom resources
 * (ServiceMonitors, the plugins' jobs) validate against their CRDs in {@code ../shared/reference/crds}.
 */
final class KubernetesSchema {
  private static final KubernetesSchema INSTANCE = new KubernetesSchema();

  private final ObjectNode definitions;
  private final Map<String, String> definitionByGvk = new HashMap<>();
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> customResources = new HashMap<>();
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
    loadCustomResourceDefinitions();
  }

  static KubernetesSchema get() {
    return INSTANCE;
  }

  /**
   * The CRD-backed kinds of {@code ../shared/reference/crds}: each served version's
   * {@code openAPIV3Schema}, strict like the built-in kinds but where the CRD preserves unknown
   * fields, with what has a default no longer required (the API server fills it in).
   */
  private void loadCustomResourceDefinitions() {
    YAMLMapper yaml = new YAMLMapper();
    try (Stream<Path> files = Files.list(Repo.REFERENCE.resolve("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        JsonNode crd = yaml.readTree(file.toFile());
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
          JsonNode schema = version.path("schema").path("openAPIV3Schema");
          if (schema instanceof ObjectNode object && version.path("served").asBoolean()) {
            makeStrict(object);
            dropDefaultedFromRequired(object);
            customResources.put(group + "/" + version.path("name").asText() + "|" + kind, object);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void dropDefaultedFromRequired(JsonNode schema) {
    if (!(schema instanceof ObjectNode object)) {
      return;
    }
    if (object.get("required") instanceof ArrayNode required && object.get("properties") != null) {
      for (int i = required.size() - 1; i >= 0; i--) {
        if (object.get("properties").path(required.get(i).asText()).has("default")) {
          required.remove(i);
        }
      }
    }
    object.path("properties").elements().forEachRemaining(KubernetesSchema::dropDefaultedFromRequired);
    dropDefaultedFromRequired(object.get("items"));
    dropDefaultedFromRequired(object.get("additionalProperties"));
  }

  /** Every violation of the object, as text; empty when it is valid. */
  List<String> validate(JsonNode object) {
    String key = object.path("apiVersion").asText() + "|" + object.path("kind").asText();
    JsonNode customResource = customResources.get(key);
    if (customResource != null) {
      Schema schema = schemas.computeIfAbsent(key, k -> registry.getSchema(customResource));
      return schema.validate(object).stream().map(error -> Repo.describe(object) + ": " + error).toList();
    }
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
      if (!object.has("additionalProperties") && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
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
