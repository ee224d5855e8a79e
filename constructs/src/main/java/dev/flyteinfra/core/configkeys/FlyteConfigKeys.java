package dev.flyteinfra.core.configkeys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.flyteinfra.core.text.Suggestions;

/**
 * The config keys a Flyte release reads, and a checker of a config tree against them: Flyte
 * ignores keys it does not know without a word, so a misspelt or misplaced key is a setting that
 * never applies. A key list has one {@code <key path> <kind>} a line ({@code x.*} below an open
 * map, {@code x[]} a list element, keys case-insensitive) and a header whose {@code # Sections}
 * lines name the binaries (by the Go package of their main) that read each section.
 * {@link #flyte1()} is the list this library carries for Flyte 1.16.8, {@link #flyte2()} the one for
 * Flyte 2.0.42; {@link #forVersion(String)} picks one by a release's major version.
 */
public final class FlyteConfigKeys {
  private static final String FLYTE_1_RESOURCE = "flyte-1.16.8-config-keys.txt";
  private static final String FLYTE_2_RESOURCE = "flyte-2.0.42-config-keys.txt";
  /** A release as written in a config or an image tag: 1.16.8, v2.0.42, 2. */
  private static final Pattern VERSION = Pattern.compile("v?(\\d+)(\\..*)?");
  private static final Pattern SECTION_LINE = Pattern.compile("^#\\s{3}([A-Za-z0-9_.-]+): (.+)$");
  /** A Go duration as time.ParseDuration reads it ("0", or number-unit pairs, e.g. 1h30m, 500ms). */
  private static final Pattern GO_DURATION = Pattern.compile("-?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h))+)");
  /** A Kubernetes quantity (resource.ParseQuantity). */
  private static final Pattern QUANTITY = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\\d+)?");
  private static final Pattern ENUM = Pattern.compile("enum\\((.*)\\)");
  private static final Pattern LIST_OF = Pattern.compile("list<(.+)>");
  private static final Set<String> CONTAINER_KINDS = Set.of("section", "struct", "map", "list", "open");
  private static final Set<String> LEAF_KINDS = Set.of("string", "int", "uint", "port", "float", "bool", "duration", "quantity", "url",
      "regexp", "custom", "bytes");
  private static FlyteConfigKeys flyte1;
  private static FlyteConfigKeys flyte2;

  /** Lower-cased key path → kind. */
  private final Map<String, String> kinds;
  /** Lower-cased key path → the path as Flyte spells it. */
  private final Map<String, String> spellings;
  /** Lower-cased section path → the binaries that read it. */
  private final Map<String, Set<String>> sections;
  /** Every binary that reads some section. */
  private final Set<String> binaries = new TreeSet<>();

  private FlyteConfigKeys(Map<String, String> kinds, Map<String, String> spellings, Map<String, Set<String>> sections) {
    this.kinds = kinds;
    this.spellings = spellings;
    this.sections = sections;
    sections.values().forEach(binaries::addAll);
  }

  /** The keys Flyte 1.16.8's binaries read (flyteadmin, flytescheduler, flytepropeller and its manager, datacatalog, flyte-binary). */
  public static synchronized FlyteConfigKeys flyte1() {
    if (flyte1 == null) {
      flyte1 = resource(FLYTE_1_RESOURCE);
    }
    return flyte1;
  }

  /**
   * The keys Flyte 2.0.42's binaries read: the v2 binary (manager/cmd, which runs every service) and the services'
   * own mains (runs, actions, executor, events, secret, cache_service, dataproxy).
   */
  public static synchronized FlyteConfigKeys flyte2() {
    if (flyte2 == null) {
      flyte2 = resource(FLYTE_2_RESOURCE);
    }
    return flyte2;
  }

  /** The list for a Flyte release's major version: 1.x → {@link #flyte1()}, 2.x → {@link #flyte2()}. */
  public static FlyteConfigKeys forVersion(String flyteVersion) {
    Matcher m = VERSION.matcher(flyteVersion == null ? "" : flyteVersion.trim());
    return switch (m.matches() ? m.group(1) : "") {
      case "1" -> flyte1();
      case "2" -> flyte2();
      default -> throw new IllegalArgumentException("no config key list for Flyte version '" + flyteVersion
          + "': this library carries lists for Flyte 1.x (1.16.8) and 2.x (2.0.42)");
    };
  }

  private static FlyteConfigKeys resource(String name) {
    try (InputStream in = FlyteConfigKeys.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the class path");
      }
      return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A key list's text; every kind in it must be one this checker knows. */
  public static FlyteConfigKeys read(String text) {
    Map<String, String> kinds = new TreeMap<>();
    Map<String, String> spellings = new TreeMap<>();
    Map<String, Set<String>> sections = new TreeMap<>();
    boolean inSections = false;
    for (String line : text.split("\n")) {
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
      if (fields.length != 2 || !knownKind(fields[1])) {
        throw new IllegalStateException("not <key path> <kind> with a kind this checker knows: " + line);
      }
      kinds.put(fields[0].toLowerCase(Locale.ROOT), fields[1]);
      spellings.put(fields[0].toLowerCase(Locale.ROOT), fields[0]);
    }
    if (kinds.isEmpty() || sections.isEmpty()) {
      throw new IllegalStateException("a key list needs keys and a # Sections header");
    }
    return new FlyteConfigKeys(kinds, spellings, sections);
  }

  /** Every key path, as Flyte spells it ({@code []} for list elements, {@code .*} below open maps). */
  public Collection<String> paths() {
    return spellings.values();
  }

  /** Section path (lower case) → the binaries (main packages) that read it. */
  public Map<String, Set<String>> sections() {
    return sections;
  }

  /** Every binary (main package) the list knows: what a config read by all of them may hold. */
  public Set<String> binaries() {
    return Collections.unmodifiableSet(binaries);
  }

  /** The kind of a key path; empty when Flyte reads no such key. */
  public Optional<String> kind(String path) {
    return Optional.ofNullable(kinds.get(path.toLowerCase(Locale.ROOT)));
  }

  /** The most specific section a key path lies in, and so the binaries that read it; empty outside every section. */
  public Optional<Map.Entry<String, Set<String>>> section(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return sections.entrySet().stream()
        .filter(s -> lower.equals(s.getKey()) || lower.startsWith(s.getKey() + ".") || lower.startsWith(s.getKey() + "[]"))
        .max(Comparator.comparingInt(s -> s.getKey().length()));
  }

  /** One thing wrong with a config tree: where (the path as written, list items as {@code [i]}), what, and the key probably meant. */
  public record KeyProblem(String path, String message, Optional<String> meant) {
    @Override
    public String toString() {
      return path + ": " + message + meant.map(m -> " (did you mean " + m + "?)").orElse("");
    }
  }

  /**
   * What is wrong with a Flyte config file (a tree of maps, lists and scalars, as Jackson or
   * SnakeYAML read it) read by any of {@code readers} (main packages, as the header names them):
   * keys Flyte does not read, values not of the key's kind, sections none of the readers reads.
   */
  public List<KeyProblem> problems(Map<?, ?> config, Set<String> readers) {
    List<KeyProblem> problems = new ArrayList<>();
    config.forEach((key, value) -> check(String.valueOf(key), String.valueOf(key), value, readers, problems));
    return problems;
  }

  /** The problems of a subtree that sits at {@code path} of a config file (e.g. a chart value that holds one section). */
  public List<KeyProblem> problemsAt(String path, Object value, Set<String> readers) {
    List<KeyProblem> problems = new ArrayList<>();
    check(path, path, value, readers, problems);
    return problems;
  }

  /** @param written the path as written, with list indexes; {@code key} the path as the list names it, with {@code []} */
  private void check(String written, String key, Object value, Set<String> readers, List<KeyProblem> problems) {
    String lower = key.toLowerCase(Locale.ROOT);
    String kind = kinds.get(lower);
    if (kind == null) {
      problems.add(new KeyProblem(written, "is not a key Flyte reads", meant(key)));
      return;
    }
    if (sections.containsKey(lower) && sections.get(lower).stream().noneMatch(readers::contains)) {
      problems.add(new KeyProblem(written, "is a section read by " + new TreeSet<>(sections.get(lower)) + ", not by "
          + new TreeSet<>(readers), Optional.empty()));
      return;
    }
    switch (kind) {
      case "section", "struct" -> {
        if (!(value instanceof Map<?, ?> map)) {
          problems.add(new KeyProblem(written, "is a " + kind + " of keys, not " + describe(value), Optional.empty()));
          return;
        }
        map.forEach((k, v) -> check(written + "." + k, key + "." + k, v, readers, problems));
      }
      case "map" -> {
        // flytestdlib decodes a list of maps into one map (viper's sliceToMapHook), as the charts write default-env-vars.
        List<?> maps = value instanceof List<?> list ? list : List.of(value == null ? "" : value);
        for (int i = 0; i < maps.size(); i++) {
          String at = value instanceof List<?> ? written + "[" + i + "]" : written;
          if (!(maps.get(i) instanceof Map<?, ?> map)) {
            problems.add(new KeyProblem(at, "is a map, not " + describe(maps.get(i)), Optional.empty()));
            continue;
          }
          map.forEach((k, v) -> check(at + "." + k, key + ".*", v, readers, problems));
        }
      }
      case "list" -> {
        if (!(value instanceof List<?> list)) {
          problems.add(new KeyProblem(written, "is a list, not " + describe(value), Optional.empty()));
          return;
        }
        for (int i = 0; i < list.size(); i++) {
          check(written + "[" + i + "]", key + "[]", list.get(i), readers, problems);
        }
      }
      case "open" -> {
        // Free-form: anything below.
      }
      default -> {
        if (kind.startsWith("k8s:")) {
          // A Kubernetes type outside Flyte's source, taken as open: a map or a list of them.
          if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            problems.add(new KeyProblem(written, "is a " + kind.substring(4) + " (a map), not " + describe(value), Optional.empty()));
          }
        } else {
          leafProblem(kind, value).ifPresent(problem -> problems.add(new KeyProblem(written, problem, Optional.empty())));
        }
      }
    }
  }

  /** The key most likely meant by an unknown one: a sibling spelt alike, else the same last word elsewhere. */
  private Optional<String> meant(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    String parent = dot < 0 ? "" : lower.substring(0, dot + 1);
    String leaf = lower.substring(dot + 1);
    Optional<String> sibling = kinds.keySet().stream()
        .filter(k -> k.startsWith(parent) && k.indexOf('.', parent.length()) < 0 && !k.endsWith("[]") && !k.endsWith(".*"))
        .filter(k -> alike(leaf, k.substring(parent.length())))
        .min(Comparator.comparingInt((String k) -> Suggestions.distance(leaf, k.substring(parent.length()))).thenComparing(Comparator.naturalOrder()));
    return sibling.or(() -> kinds.keySet().stream().filter(k -> k.endsWith("." + leaf) || k.equals(leaf)).sorted().findFirst())
        .map(spellings::get);
  }

  private static boolean alike(String written, String known) {
    return !written.isEmpty() && (known.contains(written) || written.contains(known)
        || Suggestions.distance(written, known) <= Math.max(2, written.length() / 3));
  }

  /** Why a value is not of a leaf kind; empty when it is. */
  public static Optional<String> leafProblem(String kind, Object value) {
    Matcher list = LIST_OF.matcher(kind);
    if (list.matches()) {
      if (!(value instanceof List<?> items)) {
        return Optional.of("is a list of " + list.group(1) + ", not " + describe(value));
      }
      for (Object item : items) {
        Optional<String> problem = leafProblem(list.group(1), item);
        if (problem.isPresent()) {
          return Optional.of("has an item that " + problem.get());
        }
      }
      return Optional.empty();
    }
    Matcher enumeration = ENUM.matcher(kind);
    if (enumeration.matches()) {
      List<String> names = Arrays.asList(enumeration.group(1).split("\\|"));
      return isScalar(value) && names.contains(String.valueOf(value)) ? Optional.empty()
          : Optional.of("is one of " + names + ", not " + describe(value));
    }
    // Flyte decodes weakly (mapstructure's WeaklyTypedInput): a number where a string belongs, "5" where a number does.
    String text = String.valueOf(value);
    boolean ok = switch (kind) {
      case "string", "regexp", "custom", "bytes" -> isScalar(value);
      case "int" -> isWhole(value) || value instanceof String && text.matches("[-+]?\\d+");
      case "uint" -> (isWhole(value) || value instanceof String && text.matches("\\+?\\d+")) && !text.startsWith("-");
      case "port" -> (isWhole(value) || value instanceof String && text.matches("\\d+")) && Long.parseLong(text) <= 65535;
      case "float" -> value instanceof Number || value instanceof String && text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
      case "bool" -> value instanceof Boolean || value instanceof String && text.matches("(?i)true|false|t|f|1|0")
          || isWhole(value);
      case "duration" -> value instanceof String && GO_DURATION.matcher(text).matches();
      case "quantity" -> (value instanceof String || value instanceof Number) && QUANTITY.matcher(text).matches();
      case "url" -> value instanceof String && isUrl(text);
      default -> throw new IllegalStateException("kind " + kind + " is not checked");
    };
    if (ok) {
      return Optional.empty();
    }
    String example = switch (kind) {
      case "duration" -> " such as 30s or 1h30m" + (value instanceof Number ? " (a bare number is read as nanoseconds)" : "");
      case "quantity" -> " such as 500m or 1Gi";
      default -> "";
    };
    return Optional.of("is " + (kind.matches("[aeiou].*") ? "an " : "a ") + kind + example + ", not " + describe(value));
  }

  private static boolean knownKind(String kind) {
    if (CONTAINER_KINDS.contains(kind) || LEAF_KINDS.contains(kind) || kind.startsWith("k8s:") || ENUM.matcher(kind).matches()) {
      return true;
    }
    Matcher list = LIST_OF.matcher(kind);
    return list.matches() && knownKind(list.group(1));
  }

  private static boolean isWhole(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof java.math.BigInteger;
  }

  private static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  private static String describe(Object value) {
    if (value instanceof Map<?, ?>) {
      return "a map";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }

  private static boolean isUrl(String text) {
    try {
      URI.create(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
