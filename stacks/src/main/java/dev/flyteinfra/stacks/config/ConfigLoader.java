package dev.flyteinfra.stacks.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.flyteinfra.aws.EksOptions;
import dev.flyteinfra.aws.FlyteEksProps;
import dev.flyteinfra.azure.AksOptions;
import dev.flyteinfra.azure.FlyteAks;
import dev.flyteinfra.azure.FlyteAksArgs;
import dev.flyteinfra.core.configfile.ConfigText;
import dev.flyteinfra.core.configfile.ShapeReader;
import dev.flyteinfra.core.configfile.YamlTree;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.gcp.FlyteGke;
import dev.flyteinfra.gcp.FlyteGkeArgs;
import dev.flyteinfra.gcp.GkeOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a deployment description from YAML or JSON (the config file maps onto
 * {@link FlyteDeployment} key for key) and reports every problem at once: a file that is not
 * text, broken syntax, unknown keys, keys without a value, values of the wrong shape, and then
 * everything {@link FlyteDeployment#validate()} and the cloud's checks find. Anchors, aliases and
 * merge keys are YAML's. An optional cloud section holds the options of the cloud stack:
 * {@code aws:} ({@link EksOptions}) or {@code gcp:} ({@link GkeOptions}) or {@code azure:}
 * ({@link AksOptions}).
 */
public final class ConfigLoader {
  /** The cloud sections a config file may have beside the deployment's keys, and their types. */
  private static final Map<String, Class<?>> CLOUD_SECTIONS = cloudSections();
  private static final Pattern MISSING_ATTRIBUTES = Pattern.compile("some of required attributes are not set \\[([^\\]]+)\\]");
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new Jdk8Module())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigLoader() {}

  /** Builds the model's deserializer now (Jackson's introspection of every model type), e.g. beside other start-up work. */
  public static void prepare() {
    MAPPER.readerFor(FlyteDeployment.class);
  }

  /** Loads and validates a config file; throws with every problem, each with its field path. */
  public static FlyteDeployment load(Path file) {
    return loadConfig(file).deployment();
  }

  /**
   * Loads and validates a config file with its cloud section; throws with every problem, each
   * with its field path ({@code (file)} when the file cannot be read at all).
   */
  public static DeploymentConfig loadConfig(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidDeploymentException(List.of(new Problem("(file)", "cannot be read: " + e.getClass().getSimpleName()
          .replace("Exception", "") + (e.getMessage() == null ? "" : " " + e.getMessage()), "give the path of a readable config file")));
    }
    return parseConfig(bytes);
  }

  /** Parses and validates a config text; throws with every problem, each with its field path. */
  public static FlyteDeployment parse(String text) {
    return parseConfig(text).deployment();
  }

  /** Parses and validates a config text with its cloud section; throws with every problem, each with its field path. */
  public static DeploymentConfig parseConfig(String text) {
    return parseConfig(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses and validates a config file's bytes with its cloud section; throws with every problem, each with its field path. */
  public static DeploymentConfig parseConfig(byte[] bytes) {
    ConfigText.Decoded text = ConfigText.decode(bytes);
    if (text.problem().isPresent()) {
      throw new InvalidDeploymentException(List.of(text.problem().get()));
    }
    YamlTree.Result tree = YamlTree.read(text.text().orElseThrow());
    InvalidDeploymentException.throwIfAny(tree.problems());
    if (tree.root() == null || tree.root() instanceof YamlTree.Scalar scalar && scalar.kind() == YamlTree.Scalar.Kind.NULL) {
      throw new InvalidDeploymentException(List.of(new Problem("(root)", "is empty",
          "write a deployment description; see the README's config reference")));
    }
    ShapeReader.Result shape = ShapeReader.read(tree.root(), FlyteDeployment.class, CLOUD_SECTIONS);
    if (shape.json() == null) {
      throw new InvalidDeploymentException(shape.problems());
    }
    Set<Problem> problems = new LinkedHashSet<>(shape.problems());
    Map<String, Object> clouds = new LinkedHashMap<>();
    CLOUD_SECTIONS.forEach((key, type) -> {
      JsonNode section = shape.json().remove(key);
      if (section != null) {
        bind(section, type, key, problems).ifPresent(options -> clouds.put(key, options));
      }
    });
    FlyteDeployment deployment = bind(shape.json(), FlyteDeployment.class, "(root)", problems).orElse(null);
    if (deployment != null) {
      for (Problem problem : deployment.validate()) {
        if (problems.stream().noneMatch(seen -> covers(seen.path(), problem.path()))) {
          problems.add(problem);
        }
      }
    }
    if (clouds.size() > 1) {
      List<String> names = List.copyOf(clouds.keySet());
      problems.add(new Problem(names.get(1), "a deployment runs on one cloud, and " + names.get(0) + " is given too",
          "keep one of " + String.join(", ", names)));
    }
    Optional<EksOptions> aws = Optional.ofNullable((EksOptions) clouds.get("aws"));
    Optional<GkeOptions> gcp = Optional.ofNullable((GkeOptions) clouds.get("gcp"));
    Optional<AksOptions> azure = Optional.ofNullable((AksOptions) clouds.get("azure"));
    // The cloud options' own problems (sizes, ranges, notations) whatever else is wrong, so all come out in one run.
    aws.ifPresent(options -> options.problems().forEach(p -> problems.add(p.under("aws"))));
    gcp.ifPresent(options -> options.problems().forEach(p -> problems.add(p.under("gcp"))));
    azure.ifPresent(options -> options.problems().forEach(p -> problems.add(p.under("azure"))));
    if (deployment != null && problems.isEmpty()) {
      // What only the cloud's stack cannot build (a sandbox, in-cluster servers, the wrong storage, bad sizes).
      FlyteDeployment valid = deployment;
      aws.ifPresent(options -> problems.addAll(FlyteEksProps.builder().from(options).deployment(valid).build().stackProblems()));
      gcp.ifPresent(options -> problems.addAll(FlyteGke.problemsOf(FlyteGkeArgs.builder().from(options).deployment(valid).build())));
      azure.ifPresent(options -> problems.addAll(FlyteAks.problemsOf(FlyteAksArgs.builder().from(options).deployment(valid).build())));
    }
    InvalidDeploymentException.throwIfAny(new ArrayList<>(problems));
    return new DeploymentConfig(deployment, aws, gcp, azure);
  }

  /**
   * Binds JSON that {@link ShapeReader} has checked; a value it could still not bind (a gap
   * between the reader and the model) is a problem at its path rather than a crash.
   */
  private static <T> Optional<T> bind(JsonNode json, Class<T> type, String section, Set<Problem> problems) {
    try {
      return Optional.of(MAPPER.treeToValue(json, type));
    } catch (JsonMappingException e) {
      String path = pathOf(e);
      String full = section.equals("(root)") ? path : path.equals("(root)") ? section : section + "." + path;
      List<String> missing = missingAttributes(e);
      if (missing.isEmpty()) {
        problems.add(new Problem(full, "cannot be read", "check it against the README's config reference"));
      }
      missing.forEach(attribute -> problems.add(new Problem(full.equals("(root)") ? attribute : full + "." + attribute,
          "is required", "give it: the README's config reference describes it")));
    } catch (JsonProcessingException e) {
      problems.add(new Problem(section, "cannot be read", "check it against the README's config reference"));
    }
    return Optional.empty();
  }

  /**
   * The required attributes an options type was built without (its builder refuses to build
   * then, as a CDK props type does): Immutables names them in its message.
   */
  private static List<String> missingAttributes(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      Matcher m = MISSING_ATTRIBUTES.matcher(String.valueOf(cause.getMessage()));
      if (cause instanceof IllegalStateException && m.find()) {
        return List.of(m.group(1).split(",\\s*"));
      }
    }
    return List.of();
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

  private static Map<String, Class<?>> cloudSections() {
    Map<String, Class<?>> sections = new LinkedHashMap<>();
    sections.put("aws", EksOptions.class);
    sections.put("gcp", GkeOptions.class);
    sections.put("azure", AksOptions.class);
    return sections;
  }
}
