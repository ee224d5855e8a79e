package dev.flyteinfra.core.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.UncheckedIOException;

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
