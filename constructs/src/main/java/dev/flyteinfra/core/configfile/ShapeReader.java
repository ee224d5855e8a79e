package dev.flyteinfra.core.configfile;

import dev.flyteinfra.core.text.Suggestions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.flyteinfra.core.configfile.YamlTree.Mapping;
import dev.flyteinfra.core.configfile.YamlTree.Scalar;
import dev.flyteinfra.core.configfile.YamlTree.Sequence;
import dev.flyteinfra.core.model.Problem;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reads a {@link YamlTree} against the Java type it describes and writes the JSON that Jackson
 * binds to that type, reporting on the way every value that does not fit, each with its field
 * path and a fix: unknown keys (with the nearest known one), keys without a value, values of the
 * wrong shape, fractions where whole numbers belong, words that are not among an enum's. A value
 * with a problem is left out (a list item is replaced by an empty one, so later items keep their
 * index), so that the rest can still be bound and checked: every problem comes out in one run.
 *
 * <p>The keys of a model type are the ones Jackson binds: the {@code @JsonProperty} accessors of
 * the implementation its {@code @JsonDeserialize(as = ...)} names. Strings take a scalar's text
 * as written; whole numbers take decimal digits only.
 */
public final class ShapeReader {
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final ObjectMapper NAMES = new ObjectMapper();
  private static final Map<Class<?>, Map<String, Type>> PROPERTIES = new ConcurrentHashMap<>();
  private static final Map<Class<?>, List<String>> ENUM_NAMES = new ConcurrentHashMap<>();

  private final List<Problem> problems = new ArrayList<>();

  private ShapeReader() {}

  /** The JSON of a mapping read as {@code type}, with {@code sections} as further keys of their own types, and the problems found. */
  public static Result read(YamlTree.Value root, Class<?> type, Map<String, Class<?>> sections) {
    ShapeReader reader = new ShapeReader();
    JsonNode json = null;
    if (root instanceof Mapping mapping) {
      Map<String, Type> keys = new TreeMap<>(properties(type));
      keys.putAll(sections);
      json = reader.object(mapping, keys, Paths.ROOT);
    } else {
      reader.wrongShape(Paths.ROOT, root, "a mapping of keys such as name, topology, database and storage");
    }
    return new Result(json instanceof ObjectNode object ? object : null, List.copyOf(reader.problems));
  }

  /** The JSON to bind (null when the root is not a mapping) and the problems found. */
  public record Result(ObjectNode json, List<Problem> problems) {}

  /** The keys Jackson binds for a model type, with their declared types. */
  public static Map<String, Type> properties(Class<?> type) {
    return PROPERTIES.computeIfAbsent(type, t -> {
      JsonDeserialize deserialize = t.getAnnotation(JsonDeserialize.class);
      Class<?> implementation = deserialize != null && deserialize.as() != Void.class ? deserialize.as() : t;
      Map<String, Type> keys = new TreeMap<>();
      for (Method method : implementation.getDeclaredMethods()) {
        JsonProperty property = method.getAnnotation(JsonProperty.class);
        if (property != null && method.getParameterCount() == 0) {
          keys.put(property.value().isEmpty() ? method.getName() : property.value(), method.getGenericReturnType());
        }
      }
      return Map.copyOf(keys);
    });
  }

  /** True for a type read as a mapping of known keys. */
  static boolean isModelType(Class<?> type) {
    JsonDeserialize deserialize = type.getAnnotation(JsonDeserialize.class);
    return deserialize != null && deserialize.as() != Void.class;
  }

  private JsonNode value(YamlTree.Value value, Type type, String path) {
    Class<?> raw = raw(type);
    if (raw == Optional.class) {
      return value(value, argument(type, 0), path);
    }
    if (value instanceof Scalar scalar && scalar.kind() == Scalar.Kind.NULL) {
      add(path, "has no value", emptyFix(raw));
      return null;
    }
    if (raw == Object.class) {
      return free(value, path);
    }
    if (Collection.class.isAssignableFrom(raw)) {
      if (!(value instanceof Sequence sequence)) {
        return wrongShape(path, value, "a list");
      }
      Type itemType = argument(type, 0);
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < sequence.items().size(); i++) {
        JsonNode item = value(sequence.items().get(i), itemType, Paths.item(path, i));
        array.add(item != null ? item : placeholder(raw(itemType)));
      }
      return array;
    }
    if (Map.class.isAssignableFrom(raw)) {
      if (!(value instanceof Mapping mapping)) {
        return wrongShape(path, value, "a mapping");
      }
      Type valueType = argument(type, 1);
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      mapping.entries().forEach((key, child) -> {
        JsonNode json = value(child, valueType, Paths.key(path, key));
        if (json != null) {
          object.set(key, json);
        }
      });
      return object;
    }
    if (isModelType(raw)) {
      if (!(value instanceof Mapping mapping)) {
        return wrongShape(path, value, "a mapping");
      }
      return object(mapping, properties(raw), path);
    }
    if (!(value instanceof Scalar scalar)) {
      return wrongShape(path, value, describe(raw));
    }
    return scalar(scalar, raw, path);
  }

  private ObjectNode object(Mapping mapping, Map<String, Type> keys, String path) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    mapping.entries().forEach((key, child) -> {
      String childPath = Paths.key(path, key);
      Type type = keys.get(key);
      if (type == null) {
        add(childPath, "is not a known key", Suggestions.nearest(key, keys.keySet())
            .map(known -> "did you mean " + known + "? Otherwise remove it (the README's config reference lists every key)")
            .orElse("remove it or check its spelling against the README's config reference"));
        return;
      }
      JsonNode json = value(child, type, childPath);
      if (json != null) {
        object.set(key, json);
      }
    });
    return object;
  }

  private JsonNode scalar(Scalar scalar, Class<?> raw, String path) {
    String text = scalar.text();
    if (raw == String.class) {
      return TextNode.valueOf(text);
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      if (scalar.kind() == Scalar.Kind.FLOAT || text.matches("[-+]?[0-9]*\\.[0-9]+")) {
        add(path, text + " is not a whole number", "write a whole number without a fraction (a percentage as 80, not 0.8)");
        return null;
      }
      if (scalar.kind() == Scalar.Kind.BOOL || !WHOLE_NUMBER.matcher(text).matches()) {
        add(path, "'" + text + "' is not a whole number", "write a whole number in decimal digits, e.g. 3");
        return null;
      }
      BigInteger number = new BigInteger(text);
      boolean isInt = raw == int.class || raw == Integer.class;
      if (number.bitLength() >= (isInt ? 32 : 64)) {
        add(path, text + " is too large", "write a number below " + (isInt ? Integer.MAX_VALUE : Long.MAX_VALUE));
        return null;
      }
      return isInt ? IntNode.valueOf(number.intValue()) : LongNode.valueOf(number.longValue());
    }
    if (raw == double.class || raw == Double.class) {
      if (scalar.kind() == Scalar.Kind.BOOL || !DECIMAL.matcher(text).matches()) {
        add(path, "'" + text + "' is not a number", "write a decimal number, e.g. 0.01");
        return null;
      }
      return DoubleNode.valueOf(new BigDecimal(text).doubleValue());
    }
    if (raw == boolean.class || raw == Boolean.class) {
      Optional<Boolean> bool = bool(scalar);
      if (bool.isEmpty()) {
        add(path, "'" + text + "' is not true or false", "write true or false");
        return null;
      }
      return BooleanNode.valueOf(bool.get());
    }
    if (raw.isEnum()) {
      List<String> names = enumNames(raw);
      if (names.contains(text)) {
        return TextNode.valueOf(text);
      }
      add(path, "'" + text + "' is not one of " + names, Suggestions.nearest(text, names)
          .map(name -> "write " + name).orElse("write one of " + String.join(", ", names)));
      return null;
    }
    throw new IllegalStateException("no reading of " + raw.getName() + " at " + path);
  }

  /** Any YAML as plain JSON (extraConfig, free-form maps): scalars by what YAML resolves them to. */
  private JsonNode free(YamlTree.Value value, String path) {
    if (value instanceof Mapping mapping) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      mapping.entries().forEach((key, child) -> {
        JsonNode json = value(child, Object.class, Paths.key(path, key));
        if (json != null) {
          object.set(key, json);
        }
      });
      return object;
    }
    if (value instanceof Sequence sequence) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < sequence.items().size(); i++) {
        JsonNode item = value(sequence.items().get(i), Object.class, Paths.item(path, i));
        array.add(item != null ? item : TextNode.valueOf(""));
      }
      return array;
    }
    Scalar scalar = (Scalar) value;
    String text = scalar.text();
    return switch (scalar.kind()) {
      case INT -> wholeNumber(text);
      case FLOAT -> isDecimal(text) ? DoubleNode.valueOf(Double.parseDouble(text)) : TextNode.valueOf(text);
      case BOOL -> BooleanNode.valueOf(bool(scalar).orElseThrow());
      default -> TextNode.valueOf(text);
    };
  }

  /** A whole number as Jackson reads it from YAML (int, else long); other notations (0x1F) stay text. */
  private static JsonNode wholeNumber(String text) {
    if (!WHOLE_NUMBER.matcher(text).matches()) {
      return TextNode.valueOf(text);
    }
    BigInteger number = new BigInteger(text);
    if (number.bitLength() < 32) {
      return IntNode.valueOf(number.intValue());
    }
    return number.bitLength() < 64 ? LongNode.valueOf(number.longValue()) : TextNode.valueOf(text);
  }

  private static boolean isDecimal(String text) {
    return text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  }

  private static Optional<Boolean> bool(Scalar scalar) {
    String text = scalar.text().toLowerCase(Locale.ROOT);
    if (text.equals("true") || scalar.kind() == Scalar.Kind.BOOL && (text.equals("yes") || text.equals("on") || text.equals("y"))) {
      return Optional.of(true);
    }
    if (text.equals("false") || scalar.kind() == Scalar.Kind.BOOL && (text.equals("no") || text.equals("off") || text.equals("n"))) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  /** What stands in for a list item with a problem, so that later items keep their index. */
  private static JsonNode placeholder(Class<?> type) {
    if (type == String.class || type == Object.class || type.isEnum()) {
      return TextNode.valueOf("");
    }
    if (Collection.class.isAssignableFrom(type)) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return IntNode.valueOf(0);
    }
    if (type == boolean.class || type == Boolean.class) {
      return BooleanNode.FALSE;
    }
    return JsonNodeFactory.instance.objectNode();
  }

  private JsonNode wrongShape(String path, YamlTree.Value value, String expected) {
    add(path, "has the wrong shape (" + describe(value) + ")", "write " + expected + " here");
    return null;
  }

  private static String emptyFix(Class<?> type) {
    if (Collection.class.isAssignableFrom(type)) {
      return "list its items, write [] for none, or remove the key";
    }
    if (Map.class.isAssignableFrom(type) || isModelType(type)) {
      return "write its settings, {} for the defaults, or remove the key";
    }
    return "give it a value, or remove the key";
  }

  private static String describe(YamlTree.Value value) {
    if (value instanceof Mapping) {
      return "a mapping";
    }
    if (value instanceof Sequence) {
      return "a list";
    }
    return switch (((Scalar) value).kind()) {
      case INT, FLOAT -> "a number";
      case BOOL -> "a boolean";
      default -> "a string";
    };
  }

  private static String describe(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      return "one of " + enumNames(type);
    }
    return "a string";
  }

  /** The words an enum is written as: what Jackson writes for each constant. */
  static List<String> enumNames(Class<?> type) {
    return ENUM_NAMES.computeIfAbsent(type, t -> Arrays.stream(t.getEnumConstants()).map(constant -> {
      try {
        return NAMES.writeValueAsString(constant).replace("\"", "");
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }).toList());
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    return Object.class; // wildcards and type variables: free-form
  }

  private static Type argument(Type type, int index) {
    return type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[index] : Object.class;
  }

  private void add(String path, String message, String fix) {
    problems.add(new Problem(path, message, fix));
  }
}
