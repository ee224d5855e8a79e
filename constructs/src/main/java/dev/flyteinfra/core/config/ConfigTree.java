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
}
