package dev.flyteinfra.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The policy every synthesized workload must pass. Most checks are Polaris' own, evaluated from
 * its JSON-Schema data in {@code ../shared/reference/policies/polaris-checks}; three the issue
 * asks for that Polaris has no plain-schema check for are written here: RuntimeDefault seccomp,
 * capabilities dropping {@code ALL} (Polaris' insecureCapabilities also accepts a list), and no
 * credential inside the config files a ConfigMap embeds (Polaris looks at ConfigMap keys only).
 */
final class PolicyGate {
  /** Polaris checks of the gate: image pinned, non-root, no escalation, resources, probes, host namespaces, secrets. */
  static final List<String> POLARIS_CHECKS = List.of(
      "tagNotSpecified", "runAsRootAllowed", "privilegeEscalationAllowed", "insecureCapabilities",
      "cpuRequestsMissing", "memoryRequestsMissing", "memoryLimitsMissing", "readinessProbeMissing",
      "hostIPCSet", "hostPIDSet", "hostNetworkSet", "sensitiveConfigmapContent", "sensitiveContainerEnvVar");
  /** Resource checks apply to every container, init containers too: stricter than Polaris' default. */
  private static final Set<String> ALL_CONTAINERS = Set.of("cpuRequestsMissing", "memoryRequestsMissing", "memoryLimitsMissing");
  private static final Set<String> WORKLOADS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "PodTemplate");
  private static final Pattern CREDENTIAL_KEY = Pattern.compile("(?i).*(password|secret|token|secret_?key|access_?key).*");
  /** Keys that name where a secret is or what kind of store holds it, not the secret (webhook.secretManagerType). */
  private static final Pattern REFERENCE_KEY = Pattern.compile("(?i).*(path|location|file|name|dir|ref|type)$");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
  private static final YAMLMapper YAML = new YAMLMapper();

  /** One failed check on one target. */
  record Finding(String check, String target) {
    @Override
    public String toString() {
      return check + " @ " + target;
    }
  }

  private record Check(String id, String target, boolean podSpecTarget, JsonNode controllers, boolean skipInit, Schema schema) {}

  private final List<Check> checks;

  PolicyGate() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09);
    checks = POLARIS_CHECKS.stream().map(id -> load(registry, id)).toList();
  }

  private static Check load(SchemaRegistry registry, String id) {
    try {
      JsonNode check = YAML.readTree(Repo.REFERENCE.resolve("policies/polaris-checks/" + id + ".yaml").toFile());
      JsonNode schema = check.has("schemaString") ? YAML.readTree(check.get("schemaString").asText()) : check.get("schema");
      boolean excludesInit = false;
      for (JsonNode excluded : check.path("containers").path("exclude")) {
        excludesInit |= excluded.asText().equals("initContainer");
      }
      return new Check(id, check.path("target").asText(), check.path("schemaTarget").asText().equals("PodSpec"),
          check.path("controllers"), excludesInit && !ALL_CONTAINERS.contains(id), registry.getSchema(schema));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every finding over the objects; empty when all pass. */
  List<Finding> evaluate(List<ObjectNode> objects) {
    List<Finding> findings = new ArrayList<>();
    Set<String> literalTemplateValues = literalTemplateValues(objects);
    for (ObjectNode object : objects) {
      for (Check check : checks) {
        evaluate(check, object, findings);
      }
      podSpec(object).ifPresent(spec -> ownChecks(object, spec, findings));
      if (object.path("kind").asText().equals("ConfigMap")) {
        object.path("data").fields().forEachRemaining(file ->
            plaintextCredentials(Repo.describe(object) + " " + file.getKey(), file.getValue().asText(), literalTemplateValues, findings));
      }
    }
    return findings;
  }

  private void evaluate(Check check, ObjectNode object, List<Finding> findings) {
    String kind = object.path("kind").asText();
    if (check.target().startsWith("/") || check.target().contains("/")) {
      String group = object.path("apiVersion").asText().contains("/") ? object.path("apiVersion").asText().split("/")[0] : "";
      if (check.target().equals(group + "/" + kind) && !check.schema().validate(object).isEmpty()) {
        findings.add(new Finding(check.id(), Repo.describe(object)));
      }
      return;
    }
    if (!WORKLOADS.contains(kind) || !controllerIncluded(check, kind)) {
      return;
    }
    ObjectNode spec = podSpec(object).orElseThrow();
    switch (check.target()) {
      case "PodSpec" -> fail(check, spec, Repo.describe(object), findings);
      case "Controller" -> fail(check, object, Repo.describe(object), findings);
      case "Container" -> {
        for (String field : check.skipInit() ? List.of("containers") : List.of("containers", "initContainers")) {
          for (JsonNode container : spec.path(field)) {
            JsonNode target = container;
            if (check.podSpecTarget()) {
              ObjectNode copy = spec.deepCopy();
              copy.set("containers", YAML.createArrayNode().add(container));
              copy.remove("initContainers");
              target = copy;
            }
            fail(check, target, Repo.describe(object) + " container " + container.path("name").asText(), findings);
          }
        }
      }
      default -> throw new IllegalStateException("unknown Polaris target " + check.target());
    }
  }

  private static boolean controllerIncluded(Check check, String kind) {
    JsonNode include = check.controllers().path("include");
    JsonNode exclude = check.controllers().path("exclude");
    boolean included = include.isEmpty() || contains(include, kind);
    return included && !contains(exclude, kind);
  }

  private static boolean contains(JsonNode list, String value) {
    for (JsonNode item : list) {
      if (item.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static void fail(Check check, JsonNode target, String where, List<Finding> findings) {
    if (!check.schema().validate(target).isEmpty()) {
      findings.add(new Finding(check.id(), where));
    }
  }

  /** RuntimeDefault seccomp and capabilities dropping ALL, for every container. */
  private static void ownChecks(ObjectNode object, ObjectNode spec, List<Finding> findings) {
    String podSeccomp = spec.path("securityContext").path("seccompProfile").path("type").asText();
    for (String field : List.of("containers", "initContainers")) {
      for (JsonNode container : spec.path(field)) {
        String where = Repo.describe(object) + " container " + container.path("name").asText();
        JsonNode context = container.path("securityContext");
        String seccomp = context.path("seccompProfile").path("type").asText(podSeccomp);
        if (!"RuntimeDefault".equals(seccomp.isEmpty() ? podSeccomp : seccomp)) {
          findings.add(new Finding("seccompRuntimeDefault", where));
        }
        boolean dropsAll = false;
        for (JsonNode dropped : context.path("capabilities").path("drop")) {
          dropsAll |= dropped.asText().toUpperCase(Locale.ROOT).equals("ALL");
        }
        if (!dropsAll) {
          findings.add(new Finding("capabilitiesDropAll", where));
        }
      }
    }
  }

  /**
   * A config file in a ConfigMap must not hold a credential: any key naming one with a literal
   * value. A cluster-resource template placeholder ({@code {{ key }}}) is no credential when
   * FlyteAdmin fills it from its environment or a file ({@code customData ... valueFrom}); it is
   * one when any ConfigMap gives that key a literal {@code value}.
   */
  private static void plaintextCredentials(String where, String text, Set<String> literalTemplateValues, List<Finding> findings) {
    // Not YAML: Polaris' key and value patterns cover it.
    FlyteConfigView.parse(text).ifPresent(config -> scan(config, "", where, literalTemplateValues, findings));
  }

  private static void scan(JsonNode node, String path, String where, Set<String> literalTemplateValues, List<Finding> findings) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) object::fields) {
        String child = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
        JsonNode value = entry.getValue();
        if (value.isValueNode() && !value.asText().isEmpty() && CREDENTIAL_KEY.matcher(entry.getKey()).matches()
            && !REFERENCE_KEY.matcher(entry.getKey()).matches() && !filledFromOutside(value.asText(), literalTemplateValues)) {
          findings.add(new Finding("configMapPlaintextCredential", where + " " + child));
        }
        scan(value, child, where, literalTemplateValues, findings);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        scan(array.get(i), path + "[" + i + "]", where, literalTemplateValues, findings);
      }
    }
  }

  private static boolean filledFromOutside(String value, Set<String> literalTemplateValues) {
    var placeholder = PLACEHOLDER.matcher(value);
    return placeholder.matches() && !literalTemplateValues.contains(placeholder.group(1));
  }

  /** The customData keys that some ConfigMap's Flyte config gives a literal {@code value}. */
  private static Set<String> literalTemplateValues(List<ObjectNode> objects) {
    Set<String> keys = new java.util.TreeSet<>();
    for (ObjectNode object : objects) {
      if (object.path("kind").asText().equals("ConfigMap")) {
        object.path("data").fields().forEachRemaining(file -> FlyteConfigView.parse(file.getValue().asText()).ifPresent(config -> {
          for (JsonNode domain : config.path("cluster_resources").path("customData")) {
            domain.fields().forEachRemaining(values -> values.getValue().forEach(entry -> entry.fields().forEachRemaining(key -> {
              if (key.getValue().has("value")) {
                keys.add(key.getKey());
              }
            })));
          }
        }));
      }
    }
    return keys;
  }

  static java.util.Optional<ObjectNode> podSpec(ObjectNode object) {
    String kind = object.path("kind").asText();
    JsonNode spec = switch (kind) {
      case "Pod" -> object.path("spec");
      case "CronJob" -> object.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
      case "PodTemplate" -> object.path("template").path("spec");
      default -> WORKLOADS.contains(kind) ? object.path("spec").path("template").path("spec") : null;
    };
    return spec instanceof ObjectNode o ? java.util.Optional.of(o) : java.util.Optional.empty();
  }
}
