package dev.flyteinfra.tests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flyteinfra.core.config.FlyteSections.Binary;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config keys a Flyte release reads, parsed from {@code ../shared/reference/flyte-config-keys/
 * flyte-config-keys-<version>.txt} (format in its header: {@code <key path> <kind>}, {@code x.*} an
 * open map, {@code x[]} a list element, keys case-insensitive; the header's {@code Sections} lines
 * name the binaries that read each section), and a checker of a config tree against them.
 */
final class FlyteConfigKeys {
  private static final Pattern SECTION_LINE = Pattern.compile("^#\\s{3}([A-Za-z0-9_.-]+): (.+)$");
  /** A Go duration as time.ParseDuration reads it ("0", or number-unit pairs, e.g. 1h30m, 500ms). */
  private static final Pattern GO_DURATION = Pattern.compile("-?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h))+)");
  /** A Kubernetes quantity (resource.ParseQuantity). */
  private static final Pattern QUANTITY = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\\d+)?");
  private static final Pattern ENUM = Pattern.compile("enum\\((.*)\\)");
  private static final Pattern LIST_OF = Pattern.compile("list<(.+)>");

  /** Lower-cased key path → kind. */
  private final Map<String, String> kinds;
  /** Lower-cased section path → the binaries that read it. */
  private final Map<String, Set<String>> sections;

  private FlyteConfigKeys(Map<String, String> kinds, Map<String, Set<String>> sections) {
    this.kinds = kinds;
    this.sections = sections;
  }

  static FlyteConfigKeys v1_16_8() {
    return read(Repo.REFERENCE.resolve("flyte-config-keys/flyte-config-keys-v1.16.8.txt"));
  }

  static FlyteConfigKeys read(Path file) {
    Map<String, String> kinds = new TreeMap<>();
    Map<String, Set<String>> sections = new TreeMap<>();
    boolean inSections = false;
    for (String line : Repo.read(file).split("\n")) {
      if (line.startsWith("#")) {
        if (line.startsWith("# Sections")) {
          inSections = true;
        } else if (inSections) {
          Matcher m = SECTION_LINE.matcher(line);
          if (m.matches()) {
            sections.put(m.group(1).toLowerCase(Locale.ROOT), new LinkedHashSet<>(Arrays.asList(m.group(2).split(",\\s*"))));
          } else {
            inSections = false;
          }
        }
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.trim().split(" ", 2);
      if (fields.length != 2) {
        throw new IllegalStateException("not <key path> <kind>: " + line);
      }
      kinds.put(fields[0].toLowerCase(Locale.ROOT), fields[1]);
    }
    if (kinds.isEmpty() || sections.isEmpty()) {
      throw new IllegalStateException("no keys or no sections in " + file);
    }
    return new FlyteConfigKeys(kinds, sections);
  }

  /** Section path (lower case) → the binaries the header says read it. */
  Map<String, Set<String>> sections() {
    return sections;
  }

  /** The kind of a key path (lower case, {@code []} for list elements, {@code .*} below open maps); empty when Flyte reads no such key. */
  Optional<String> kind(String path) {
    return Optional.ofNullable(kinds.get(path.toLowerCase(Locale.ROOT)));
  }

  /** The most specific section a key path lies in, and so the binaries that read it; empty outside every section. */
  Optional<Map.Entry<String, Set<String>>> section(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return sections.entrySet().stream()
        .filter(s -> lower.equals(s.getKey()) || lower.startsWith(s.getKey() + ".") || lower.startsWith(s.getKey() + "[]"))
        .max(Comparator.comparingInt(s -> s.getKey().length()));
  }

  /**
   * What is wrong with a Flyte config file read by any of {@code readers} (named in the key list by their main package): keys Flyte does not read,
   * values not of the key's kind, sections none of the readers reads. Each problem as
   * {@code <key path>: <what>}.
   */
  List<String> problems(JsonNode config, Set<Binary> readers) {
    List<String> problems = new ArrayList<>();
    if (!config.isObject()) {
      problems.add("(file): not a map of sections");
      return problems;
    }
    config.fields().forEachRemaining(e -> check(e.getKey(), e.getValue(), readers, problems));
    return problems;
  }

  /** The problems of a subtree that sits at {@code path} of the config (e.g. a chart value that holds one section). */
  List<String> problemsAt(String path, JsonNode value, Set<Binary> readers) {
    List<String> problems = new ArrayList<>();
    check(path, value, readers, problems);
    return problems;
  }

  private void check(String path, JsonNode value, Set<Binary> readers, List<String> problems) {
    String key = path.toLowerCase(Locale.ROOT);
    String kind = kinds.get(key);
    if (kind == null) {
      problems.add(path + ": Flyte reads no such key");
      return;
    }
    List<String> readerPackages = readers.stream().map(Binary::mainPackage).sorted().toList();
    if (sections.containsKey(key) && sections.get(key).stream().noneMatch(readerPackages::contains)) {
      problems.add(path + ": section read by " + sections.get(key) + ", not by " + readerPackages);
      return;
    }
    if (kind.equals("section") || kind.equals("struct")) {
      if (!value.isObject()) {
        problems.add(path + ": " + kind + " expected, got " + value.getNodeType());
        return;
      }
      value.fields().forEachRemaining(e -> check(path + "." + e.getKey(), e.getValue(), readers, problems));
    } else if (kind.equals("map")) {
      // flytestdlib decodes a list of maps into one map (viper.sliceToMapHook), as the charts write default-env-vars.
      List<JsonNode> maps = value.isArray() ? iterable(value) : List.of(value);
      for (JsonNode map : maps) {
        if (!map.isObject()) {
          problems.add(path + ": map expected, got " + map.getNodeType());
          continue;
        }
        map.fields().forEachRemaining(e -> check(path + ".*", e.getValue(), readers, problems));
      }
    } else if (kind.equals("list")) {
      if (!value.isArray()) {
        problems.add(path + ": list expected, got " + value.getNodeType());
        return;
      }
      value.forEach(element -> check(path + "[]", element, readers, problems));
    } else if (kind.equals("open")) {
      // Free-form: anything below.
    } else if (kind.startsWith("k8s:")) {
      // A Kubernetes type outside Flyte's source, which the list takes as open: a map or a list of them.
      if (!value.isObject() && !value.isArray()) {
        problems.add(path + ": " + kind + " (a map) expected, got " + value.getNodeType());
      }
    } else {
      leafProblem(kind, value).ifPresent(problem -> problems.add(path + ": " + problem));
    }
  }

  /** Why a value is not of a leaf kind; empty when it is. Throws on a kind this checker does not know. */
  static Optional<String> leafProblem(String kind, JsonNode value) {
    Matcher list = LIST_OF.matcher(kind);
    if (list.matches()) {
      if (!value.isArray()) {
        return Optional.of(kind + " expected, got " + value.getNodeType());
      }
      for (JsonNode element : iterable(value)) {
        Optional<String> problem = leafProblem(list.group(1), element);
        if (problem.isPresent()) {
          return Optional.of("element: " + problem.get());
        }
      }
      return Optional.empty();
    }
    Matcher enumeration = ENUM.matcher(kind);
    if (enumeration.matches()) {
      List<String> names = Arrays.asList(enumeration.group(1).split("\\|"));
      return value.isValueNode() && names.contains(value.asText()) ? Optional.empty()
          : Optional.of("one of " + names + " expected, got " + value);
    }
    boolean ok = switch (kind) {
      case "string" -> value.isTextual();
      case "int" -> value.isIntegralNumber();
      case "uint" -> value.isIntegralNumber() && value.asLong() >= 0;
      case "port" -> value.isIntegralNumber() && value.asLong() >= 0 && value.asLong() <= 65535;
      case "float" -> value.isNumber();
      case "bool" -> value.isBoolean();
      case "duration" -> value.isTextual() && GO_DURATION.matcher(value.asText()).matches();
      case "quantity" -> (value.isTextual() || value.isNumber()) && QUANTITY.matcher(value.asText()).matches();
      case "url" -> value.isTextual() && isUrl(value.asText());
      default -> throw new IllegalStateException("kind " + kind + " is not checked by FlyteConfigKeys: teach it before accepting values of it");
    };
    return ok ? Optional.empty() : Optional.of(kind + " expected, got " + value);
  }

  private static boolean isUrl(String text) {
    try {
      URI.create(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<JsonNode> iterable(JsonNode array) {
    List<JsonNode> elements = new ArrayList<>();
    array.forEach(elements::add);
    return elements;
  }
}
