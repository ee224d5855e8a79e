package dev.flyteinfra.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares our synthesis with an official chart rendering: objects by kind, container and
 * Service ports, RBAC rules, and Flyte's config values for the keys both set. Names are
 * compared after replacing the chart's {@code <release>-flyte-binary} prefix by our deployment
 * name, and a chart placeholder such as {@code <BUCKET_NAME>} matches any value.
 */
final class ChartParity {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z0-9_-]+>");

  /** One difference: what aspect ({@code kind}, {@code port}, {@code service-port}, {@code rbac}, {@code config}) and which key. */
  record Difference(String aspect, String key, String detail) {
    String id() {
      return aspect + " " + key;
    }
  }

  private ChartParity() {}

  /**
   * @param chartPrefix the prefix of the chart's ConfigMap names ({@code flyte-backend-flyte-binary-}, {@code flyte-})
   * @param ourName our deployment name, the prefix of ours
   * @param valueRename a name the chart's config values use for objects, replaced by {@code ourName} before comparing; or null
   */
  static List<Difference> differences(List<ObjectNode> reference, List<ObjectNode> ours, String chartPrefix, String ourName,
      String valueRename) {
    List<Difference> differences = new ArrayList<>();
    Map<String, Integer> ourKinds = countKinds(ours);
    countKinds(reference).forEach((kind, count) -> {
      if (ourKinds.getOrDefault(kind, 0) < count) {
        differences.add(new Difference("kind", kind, "chart has " + count + ", we have " + ourKinds.getOrDefault(kind, 0)));
      }
    });
    missing(containerPorts(reference), containerPorts(ours), "port", differences);
    missing(servicePorts(reference), servicePorts(ours), "service-port", differences);
    missing(rbacRules(reference), rbacRules(ours), "rbac", differences);
    Map<String, String> referenceConfig = FlyteConfigView.flatten(reference,
        name -> name.startsWith(chartPrefix) ? name.substring(chartPrefix.length()) : name);
    Map<String, String> ourConfig = FlyteConfigView.flatten(ours,
        name -> name.startsWith(ourName + "-") ? name.substring(ourName.length() + 1) : null);
    referenceConfig.forEach((key, value) -> {
      String expected = valueRename == null ? value : value.replace(valueRename, ourName);
      String actual = ourConfig.get(key);
      if (actual != null && !matches(expected, actual)) {
        differences.add(new Difference("config", key, "chart " + expected + ", ours " + actual));
      }
    });
    return differences;
  }

  /** Equal, or equal with each chart placeholder standing for any text. */
  static boolean matches(String expected, String actual) {
    if (expected.equals(actual)) {
      return true;
    }
    if (!PLACEHOLDER.matcher(expected).find()) {
      return false;
    }
    StringBuilder regex = new StringBuilder();
    var m = PLACEHOLDER.matcher(expected);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(expected.substring(last, m.start()))).append(".+");
      last = m.end();
    }
    regex.append(Pattern.quote(expected.substring(last)));
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
  }

  private static void missing(Set<String> reference, Set<String> ours, String aspect, List<Difference> differences) {
    for (String item : reference) {
      if (!ours.contains(item)) {
        differences.add(new Difference(aspect, item, "in the chart, not in ours"));
      }
    }
  }

  private static Map<String, Integer> countKinds(List<ObjectNode> objects) {
    Map<String, Integer> counts = new TreeMap<>();
    objects.forEach(o -> counts.merge(o.path("kind").asText(), 1, Integer::sum));
    return counts;
  }

  private static Set<String> containerPorts(List<ObjectNode> objects) {
    Set<String> ports = new TreeSet<>();
    for (ObjectNode object : objects) {
      PolicyGate.podSpec(object).ifPresent(spec -> {
        for (String field : List.of("containers", "initContainers")) {
          for (JsonNode container : spec.path(field)) {
            for (JsonNode port : container.path("ports")) {
              ports.add(Integer.toString(port.path("containerPort").asInt()));
            }
          }
        }
      });
    }
    return ports;
  }

  private static Set<String> servicePorts(List<ObjectNode> objects) {
    Set<String> ports = new TreeSet<>();
    for (ObjectNode object : objects) {
      if (object.path("kind").asText().equals("Service")) {
        for (JsonNode port : object.path("spec").path("ports")) {
          ports.add(port.path("name").asText() + "/" + port.path("port").asInt());
        }
      }
    }
    return ports;
  }

  /** Every (apiGroup, resource, verb) a ClusterRole or Role grants. */
  private static Set<String> rbacRules(List<ObjectNode> objects) {
    Set<String> grants = new TreeSet<>();
    for (ObjectNode object : objects) {
      String kind = object.path("kind").asText();
      if (kind.equals("ClusterRole") || kind.equals("Role")) {
        for (JsonNode rule : object.path("rules")) {
          for (JsonNode group : rule.path("apiGroups")) {
            for (JsonNode resource : rule.path("resources")) {
              for (JsonNode verb : rule.path("verbs")) {
                grants.add(group.asText() + "/" + resource.asText() + "/" + verb.asText());
              }
            }
          }
        }
      }
    }
    return grants;
  }

  static String canonical(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
