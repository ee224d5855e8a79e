package dev.flyteinfra.stacks.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flyteinfra.aws.EksOptions;
import dev.flyteinfra.aws.FlyteEksProps;
import dev.flyteinfra.azure.AksOptions;
import dev.flyteinfra.azure.FlyteAks;
import dev.flyteinfra.azure.FlyteAksArgs;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.gcp.FlyteGke;
import dev.flyteinfra.gcp.FlyteGkeArgs;
import dev.flyteinfra.gcp.GkeOptions;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a deployment description from YAML or JSON (the config file maps onto
 * {@link FlyteDeployment} key for key) and reports every problem at once: unknown keys, values
 * of the wrong type, and then everything {@link FlyteDeployment#validate()} finds. An optional
 * cloud section holds the options of the cloud stack: {@code aws:} ({@link EksOptions}) or
 * {@code gcp:} ({@link GkeOptions}) or {@code azure:} ({@link AksOptions}).
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Loads and validates a config file; throws with every problem, each with its field path. */
  public static FlyteDeployment load(Path file) {
    return loadConfig(file).deployment();
  }

  /** Loads and validates a config file with its cloud section; throws with every problem, each with its field path. */
  public static DeploymentConfig loadConfig(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    return parseConfig(text);
  }

  /** Parses and validates a config text; throws with every problem, each with its field path. */
  public static FlyteDeployment parse(String text) {
    return parseConfig(text).deployment();
  }

  /** Parses and validates a config text with its cloud section; throws with every problem, each with its field path. */
  public static DeploymentConfig parseConfig(String text) {
    ProblemCollector collector = new ProblemCollector();
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .registerModule(new Jdk8Module())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .addHandler(collector);
    FlyteDeployment deployment = null;
    EksOptions aws = null;
    GkeOptions gcp = null;
    AksOptions azure = null;
    try {
      // Syntax first, on its own: a broken file is one problem, not a cascade of mapping errors.
      JsonNode tree = mapper.readTree(text);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        collector.add("(root)", "is empty", "write a deployment description; see the README's config reference");
      } else {
        if (tree instanceof ObjectNode root) {
          aws = section(mapper, root, "aws", EksOptions.class);
          gcp = section(mapper, root, "gcp", GkeOptions.class);
          azure = section(mapper, root, "azure", AksOptions.class);
        }
        deployment = mapper.treeToValue(tree, FlyteDeployment.class);
      }
    } catch (JsonMappingException e) {
      collector.add(pathOf(e), "cannot be read: " + e.getOriginalMessage(), "fix the value's type or shape");
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      collector.add("(root)", "is not valid YAML or JSON" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""),
          "fix the syntax");
    }
    Set<Problem> problems = new LinkedHashSet<>(collector.problems);
    if (deployment != null) {
      for (Problem problem : deployment.validate()) {
        if (collector.problems.stream().noneMatch(seen -> covers(seen.path(), problem.path()))) {
          problems.add(problem);
        }
      }
    }
    Optional<EksOptions> awsOptions = Optional.ofNullable(aws);
    Optional<GkeOptions> gcpOptions = Optional.ofNullable(gcp);
    Optional<AksOptions> azureOptions = Optional.ofNullable(azure);
    List<String> clouds = new ArrayList<>();
    awsOptions.ifPresent(o -> clouds.add("aws"));
    gcpOptions.ifPresent(o -> clouds.add("gcp"));
    azureOptions.ifPresent(o -> clouds.add("azure"));
    if (clouds.size() > 1) {
      problems.add(new Problem(clouds.get(1), "a deployment runs on one cloud, and " + clouds.get(0) + " is given too",
          "keep one of " + String.join(", ", clouds)));
    }
    if (deployment != null && problems.isEmpty()) {
      // What only the cloud's stack cannot build (a sandbox, in-cluster servers, the wrong storage, bad sizes).
      FlyteDeployment valid = deployment;
      awsOptions.ifPresent(options ->
          problems.addAll(FlyteEksProps.builder().from(options).deployment(valid).build().stackProblems()));
      gcpOptions.ifPresent(options ->
          problems.addAll(FlyteGke.problemsOf(FlyteGkeArgs.builder().from(options).deployment(valid).build())));
      azureOptions.ifPresent(options ->
          problems.addAll(FlyteAks.problemsOf(FlyteAksArgs.builder().from(options).deployment(valid).build())));
    }
    InvalidDeploymentException.throwIfAny(new ArrayList<>(problems));
    return new DeploymentConfig(deployment, awsOptions, gcpOptions, azureOptions);
  }

  /**
   * A cloud section, removed from the root and mapped inside its own parent object, so that
   * problems carry the full path ({@code aws.nodeMinSize}); null when the file has none.
   */
  private static <T> T section(ObjectMapper mapper, ObjectNode root, String key, Class<T> type) throws JsonProcessingException {
    if (!root.has(key)) {
      return null;
    }
    JavaType sectionType = mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, type);
    Map<String, T> parent = mapper.treeToValue(mapper.createObjectNode().set(key, root.remove(key)), sectionType);
    return parent.get(key);
  }

  /** A value already reported as unreadable is not reported again as invalid. */
  private static boolean covers(String reported, String path) {
    return path.equals(reported) || path.startsWith(reported + ".") || path.startsWith(reported + "[");
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "(root)" : path.toString();
  }

  /** The field path of the parser's current value (a container's own path, not its first element's). */
  static String pathAt(JsonParser parser) {
    JsonStreamContext context = parser.getParsingContext();
    if (parser.currentToken() == JsonToken.START_ARRAY || parser.currentToken() == JsonToken.START_OBJECT) {
      context = context.getParent();
    }
    return pathOf(context);
  }

  static String pathOf(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "(root)" : path;
  }

  /** Records a problem for every value Jackson cannot map, and carries on with the rest. */
  private static final class ProblemCollector extends DeserializationProblemHandler {
    private final List<Problem> problems = new ArrayList<>();

    void add(String path, String message, String fix) {
      problems.add(new Problem(path, message, fix));
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
        Object beanOrClass, String propertyName) throws IOException {
      add(pathOf(p.getParsingContext()), "is not a known key", "remove it or check its spelling against the README's config reference");
      p.skipChildren();
      return true;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
      add(pathAt(ctxt.getParser()), "'" + value + "' is not " + describe(targetType), hint(targetType));
      return neutral(targetType);
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
      add(pathAt(ctxt.getParser()), value + " is not " + describe(targetType), hint(targetType));
      return neutral(targetType);
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
        String failureMsg) throws IOException {
      add(pathAt(p), "has the wrong shape (" + describe(t) + ")",
          "write " + describe(targetType.getRawClass()) + " here");
      p.skipChildren();
      return neutral(targetType.getRawClass());
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass, ValueInstantiator valueInsta,
        JsonParser p, String msg) throws IOException {
      add(pathAt(p), "has the wrong shape (" + describe(p.currentToken()) + ")",
          "write " + describe(instClass) + " here");
      p.skipChildren();
      return null;
    }

    private static Object neutral(Class<?> type) {
      if (type == int.class || type == Integer.class) {
        return 0;
      }
      if (type == boolean.class || type == Boolean.class) {
        return false;
      }
      return null;
    }

    private static String describe(JsonToken token) {
      if (token == null) {
        return "nothing";
      }
      return switch (token) {
        case START_OBJECT -> "a mapping";
        case START_ARRAY -> "a list";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        default -> token.asString() == null ? token.name() : token.asString();
      };
    }

    private static String describe(Class<?> type) {
      if (type == int.class || type == Integer.class) {
        return "a whole number";
      }
      if (type == boolean.class || type == Boolean.class) {
        return "true or false";
      }
      if (type == String.class) {
        return "a string";
      }
      if (type.isEnum()) {
        return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
            .map(s -> s.toLowerCase(Locale.ROOT)).toList();
      }
      if (Collection.class.isAssignableFrom(type)) {
        return "a list";
      }
      return "a mapping";
    }

    private static String hint(Class<?> type) {
      return "write " + describe(type);
    }
  }
}
