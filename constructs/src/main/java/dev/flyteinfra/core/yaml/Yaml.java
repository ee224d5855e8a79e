package dev.flyteinfra.core.yaml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one YAML mapper of the library. Deterministic: map keys sorted, no document marker, minimal
 * quotes but numbers-as-strings and booleans-as-strings quoted, multi-line strings (embedded
 * config files) in literal block style, LF line ends (SnakeYAML's default on every platform).
 */
public final class Yaml {
  private static final ObjectMapper MAPPER = newMapper();

  private Yaml() {}

  /** A mapper configured like the writer's, for callers that read or convert trees. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** One YAML document, without a leading {@code ---}, ending in a newline. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(value, false, out);
    return out.toString();
  }

  /**
   * One YAML document of a Kubernetes object or other value, without its null members and empty
   * objects and arrays (what the API server would store), but for those {@link #keptEmpty} keeps.
   */
  public static String writeWithoutEmpty(Object value) {
    StringBuilder out = new StringBuilder();
    appendWithoutEmpty(value, out);
    return out.toString();
  }

  /** {@link #writeWithoutEmpty}, appended to {@code out}: a file of many documents is written in one buffer. */
  public static void appendWithoutEmpty(Object value, StringBuilder out) {
    append(value, true, out);
  }

  private static void append(Object value, boolean dropEmpty, StringBuilder out) {
    int start = out.length();
    try {
      TokenBuffer events = new TokenBuffer(MAPPER, false);
      MAPPER.writeValue(events, value);
      try (JsonParser parser = events.asParser()) {
        YamlEmitter.write(parser, dropEmpty, out);
      }
    } catch (YamlEmitter.Unsupported e) {
      out.setLength(start);
      JsonNode tree = MAPPER.valueToTree(value);
      out.append(writeWithJackson(dropEmpty ? withoutEmpty(tree) : tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tree without null members and empty objects and arrays, but for {@code emptyDir: {}}; changed in place. */
  public static JsonNode withoutEmpty(JsonNode node) {
    return withoutEmpty(node, null);
  }

  /**
   * Empty values that mean something: {@code emptyDir: {}} (a scratch volume) and a CRD's
   * {@code subresources: {status: {}}} (the status subresource).
   */
  static boolean keptEmpty(String key, String parentKey) {
    return key.equals("emptyDir") || key.equals("status") && "subresources".equals(parentKey);
  }

  private static JsonNode withoutEmpty(JsonNode node, String parentKey) {
    if (node instanceof ObjectNode object) {
      List<String> empty = new ArrayList<>();
      object.fields().forEachRemaining(entry -> {
        JsonNode value = withoutEmpty(entry.getValue(), entry.getKey());
        if (value.isNull() || (value.isContainerNode() && value.isEmpty() && !keptEmpty(entry.getKey(), parentKey))) {
          empty.add(entry.getKey());
        }
      });
      object.remove(empty);
    } else if (node.isArray()) {
      node.forEach(item -> withoutEmpty(item, null));
    }
    return node;
  }

  /** {@link #write} through Jackson's YAML generator (SnakeYAML's emitter) alone: the reference the fast path matches. */
  static String writeWithJackson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectMapper newMapper() {
    YAMLFactory factory = YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
        .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
        .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
        .disable(YAMLGenerator.Feature.SPLIT_LINES)
        .build();
    return new ObjectMapper(factory)
        .registerModule(new Jdk8Module())
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }
}
