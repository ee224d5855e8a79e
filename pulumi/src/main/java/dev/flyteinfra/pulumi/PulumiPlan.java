package dev.flyteinfra.pulumi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.internal.Internal;
import com.pulumi.resources.ResourceArgs;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A Pulumi program run offline under Pulumi's mock engine ({@code com.pulumi.test}): every
 * resource it would create, with its inputs, secrets shown as {@value #SECRET}. A reviewable plan
 * of what {@code pulumi up} does, made without a cloud account or the Pulumi CLI.
 */
public final class PulumiPlan {
  /** What a secret input is shown as. */
  public static final String SECRET = "[secret]";

  /** One resource: its Pulumi type token, its name, and its inputs (secrets masked, keys sorted). */
  public record PlannedResource(String type, String name, Map<String, Object> inputs) {}

  /** What the cloud would compute for a resource (ids, addresses, emails), as the mock engine answers. */
  @FunctionalInterface
  public interface CloudOutputs {
    /** Outputs beside the inputs, for a resource of this type and name. */
    Map<String, Object> of(String type, String name, Map<String, Object> inputs);

    /** The result of a provider function the program calls (e.g. to read credentials). Default: none. */
    default Map<String, Object> call(String token, Map<String, Object> args) {
      return Map.of();
    }
  }

  private PulumiPlan() {}

  /**
   * Runs the program under mocks and returns its resources ordered by type and name.
   *
   * @throws IllegalStateException with the program's errors when it fails
   */
  public static List<PlannedResource> of(String project, String stack, Consumer<Context> program, CloudOutputs outputs) {
    Map<String, PlannedResource> planned = new ConcurrentHashMap<>();
    Map<String, CompletableFuture<Set<String>>> secretInputs = new ConcurrentHashMap<>();
    Mocks mocks = new Mocks() {
      @Override
      public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        Map<String, Object> state = new TreeMap<>(args.inputs);
        state.putAll(outputs.of(args.type, args.name, args.inputs));
        planned.put(key(args.type, args.name), new PlannedResource(args.type, args.name, args.inputs));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
      }

      @Override
      public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return CompletableFuture.completedFuture(outputs.call(args.token, args.args));
      }
    };
    ResourceTransformation recordSecrets = args -> {
      secretInputs.put(key(args.resource().pulumiResourceType(), args.resource().pulumiResourceName()), secretFields(args.args()));
      return Optional.empty();
    };
    TestOptions options = TestOptions.builder().projectName(project).stackName(stack).preview(false)
        .resourceTransformations(List.of(recordSecrets)).build();
    TestResult result;
    try {
      result = PulumiTest.withOptions(options).withMocks(mocks).runTest(program);
    } finally {
      PulumiTest.cleanup();
    }
    if (!result.errors().isEmpty() || !result.exceptions().isEmpty()) {
      List<String> messages = new ArrayList<>(result.errors());
      result.exceptions().forEach(e -> messages.add(String.valueOf(e)));
      throw new IllegalStateException("the Pulumi program failed: " + String.join("; ", messages),
          result.exceptions().isEmpty() ? null : result.exceptions().get(0));
    }
    List<PlannedResource> resources = new ArrayList<>();
    for (Map.Entry<String, PlannedResource> entry : planned.entrySet()) {
      Set<String> secrets = Optional.ofNullable(secretInputs.get(entry.getKey())).map(CompletableFuture::join).orElse(Set.of());
      PlannedResource resource = entry.getValue();
      resources.add(new PlannedResource(resource.type(), resource.name(), masked(resource.inputs(), secrets)));
    }
    resources.sort(Comparator.comparing(PlannedResource::type).thenComparing(PlannedResource::name));
    return Collections.unmodifiableList(resources);
  }

  /** The plan as JSON: a list of {@code {"type", "name", "inputs"}}, keys sorted, whole numbers as integers. */
  public static String toJson(List<PlannedResource> resources) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .writeValueAsString(resources) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing the plan as JSON", e);
    }
  }

  private static String key(String type, String name) {
    return type + "::" + name;
  }

  /** The names of the inputs whose values are secret outputs, once they are known. */
  private static CompletableFuture<Set<String>> secretFields(ResourceArgs args) {
    List<CompletableFuture<Optional<String>>> checks = new ArrayList<>();
    for (Class<?> type = args.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        Import input = field.getAnnotation(Import.class);
        if (input == null || !Output.class.isAssignableFrom(field.getType())) {
          continue;
        }
        field.setAccessible(true);
        Output<?> value;
        try {
          value = (Output<?>) field.get(args);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("reading input " + input.name() + " of " + type.getName(), e);
        }
        if (value != null) {
          checks.add(Internal.of(value).isSecret().thenApply(secret -> secret ? Optional.of(input.name()) : Optional.empty()));
        }
      }
    }
    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenApply(done -> {
      Set<String> names = new TreeSet<>();
      checks.forEach(check -> check.join().ifPresent(names::add));
      return names;
    });
  }

  private static Map<String, Object> masked(Map<String, Object> inputs, Set<String> secrets) {
    Map<String, Object> result = new TreeMap<>();
    inputs.forEach((name, value) -> result.put(name, secrets.contains(name) ? SECRET : plain(value)));
    return result;
  }

  /** Numbers come back from the engine as doubles; whole ones are written as integers. */
  private static Object plain(Object value) {
    if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
      return number.longValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new TreeMap<>();
      map.forEach((k, v) -> result.put(String.valueOf(k), plain(v)));
      return result;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(PulumiPlan::plain).toList();
    }
    return value;
  }
}
