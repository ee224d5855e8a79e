package dev.flyteinfra.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flyte's effective configuration as the binary sees it: the config files of the ConfigMap that
 * holds {@code 000-core.yaml}, deep-merged in file-name order as Flyte (viper) merges them.
 */
final class FlyteConfigView {
  private static final YAMLMapper YAML = new YAMLMapper();

  private FlyteConfigView() {}

  static ObjectNode merged(List<ObjectNode> objects) {
    ObjectNode merged = YAML.createObjectNode();
    for (ObjectNode object : objects) {
      JsonNode data = object.path("data");
      if (object.path("kind").asText().equals("ConfigMap") && data.has("000-core.yaml")) {
        Map<String, String> files = new TreeMap<>();
        data.fields().forEachRemaining(f -> files.put(f.getKey(), f.getValue().asText()));
        files.values().forEach(text -> merge(merged, parse(text)));
      }
    }
    return merged;
  }

  /** Leaf path → canonical value; a list is one leaf, its items sorted (order carries no meaning here). */
  static Map<String, String> flatten(JsonNode config) {
    Map<String, String> leaves = new TreeMap<>();
    flatten("", config, leaves);
    return leaves;
  }

  private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), leaves));
    } else if (node instanceof ArrayNode array) {
      List<String> items = new ArrayList<>();
      array.forEach(item -> items.add(ChartParity.canonical(item)));
      items.sort(null);
      leaves.put(path, items.toString());
    } else {
      leaves.put(path, node.asText());
    }
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode node = YAML.readTree(text);
      return node == null ? YAML.createObjectNode() : node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void merge(ObjectNode target, JsonNode source) {
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
