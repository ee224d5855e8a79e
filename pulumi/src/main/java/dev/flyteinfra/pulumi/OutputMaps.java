package dev.flyteinfra.pulumi;

import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Maps whose values are Pulumi outputs. */
public final class OutputMaps {
  private OutputMaps() {}

  /** One output of the whole map, once every value is known; keys in the map's order. */
  public static <K, V, R> Output<Map<K, R>> resolved(Map<K, V> map, Function<V, Output<R>> output) {
    List<K> keys = new ArrayList<>(map.keySet());
    return Output.all(keys.stream().map(key -> output.apply(map.get(key))).toList()).applyValue(values -> {
      Map<K, R> result = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        result.put(keys.get(i), values.get(i));
      }
      return result;
    });
  }
}
