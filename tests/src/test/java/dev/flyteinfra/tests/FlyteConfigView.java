package dev.flyteinfra.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Flyte's effective configuration per ConfigMap, as each component sees it: a ConfigMap's config
 * files deep-merged in file-name order (as Flyte merges {@code *.yaml}), flattened to
 * {@code <role>:<path>} leaves. The role names a ConfigMap the same way on both sides (e.g.
 * {@code propeller-config}); ConfigMaps without a role are left out.
 */
final class FlyteConfigView {
  private static final YAMLMapper YAML = new YAMLMapper();

  private FlyteConfigView() {}

  static Map<String, String> flatten(List<ObjectNode> objects, Function<String, String> roleOfConfigMap) {
    Map<String, String> leaves = new TreeMap<>();
    for (ObjectNode object : objects) {
      if (!object.path("kind").asText().equals("ConfigMap")) {
        continue;
      }
      String role = roleOfConfigMap.apply(object.path("metadata").path("name").asText());
      if (role == null) {
        continue;
      }
      Map<String, String> files = new TreeMap<>();
      object.path("data").fields().forEachRemaining(f -> files.put(f.getKey(), f.getValue().asText()));
      ObjectNode merged = YAML.createObjectNode();
      files.forEach((file, text) -> {
        JsonNode parsed = parse(text).orElse(null);
        if (parsed instanceof ObjectNode config) {
          merge(merged, config);
        } else {
          leaves.put(role + ":" + file, text);
        }
      });
      flatten(role + ":", merged, leaves);
    }
    return leaves;
  }

  /** A list is one leaf, its items sorted (order carries no meaning in the keys compared). */
  private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(e ->
          flatten(path.endsWith(":") ? path + e.getKey() : path + "." + e.getKey(), e.getValue(), leaves));
    } else if (node instanceof ArrayNode array) {
      List<String> items = new ArrayList<>();
      array.forEach(item -> items.add(ChartParity.canonical(item)));
      items.sort(null);
      leaves.put(path, items.toString());
    } else {
      leaves.put(path, node.asText());
    }
  }

  /** The parsed file, or empty when it is not YAML (a template with bare {{ }}, a plain value). */
  static Optional<JsonNode> parse(String text) {
    try {
      return Optional.ofNullable(YAML.readTree(text));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** Merges one Flyte config file into another, as Flyte does with the files of its config folder. */
  static void merge(ObjectNode target, JsonNode source) {
    source.fields().forEachRemaining(entry -> {
      JsonNode existing = target.get(entry.getKey());
      if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode) {
        merge(existingObject, entry.getValue());
      } else {
        target.set(entry.getKey(), entry.getValue().deepCopy());
      }
    });
  }
}
