package dev.flyteinfra.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Tiny helpers to write nested Flyte config as maps; the YAML writer sorts the keys. */
public final class ConfigTree {
  private ConfigTree() {}

  /** A mutable map from alternating keys and values. */
  public static Map<String, Object> map(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must alternate");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /**
   * {@code over} merged into a copy of {@code base}, as Flyte merges its config files: maps key by
   * key, anything else replaced.
   */
  public static Map<String, Object> merged(Map<String, ?> base, Map<String, ?> over) {
    Map<String, Object> result = new LinkedHashMap<>(base);
    over.forEach((key, value) -> {
      if (value instanceof Map<?, ?> child && result.get(key) instanceof Map<?, ?> existing) {
        result.put(key, merged(stringKeys(existing), stringKeys(child)));
      } else {
        result.put(key, value);
      }
    });
    return result;
  }

  /** Config files (file name → config, in merge order) merged as Flyte merges them, but the one named {@code except}. */
  public static Map<String, Object> mergedFiles(Map<String, Map<String, Object>> files, String except) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> file : files.entrySet()) {
      if (!file.getKey().equals(except)) {
        config = merged(config, file.getValue());
      }
    }
    return config;
  }

  /** A copy of the map at {@code path} inside {@code tree}; empty where there is none. */
  public static Map<String, Object> at(Map<String, ?> tree, String... path) {
    Object node = tree;
    for (String key : path) {
      node = node instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return node instanceof Map<?, ?> found ? new LinkedHashMap<>(stringKeys(found)) : new LinkedHashMap<>();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> stringKeys(Map<?, ?> map) {
    return (Map<String, ?>) map;
  }
}
