package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.stacks.cli.FlyteInfraCli;
import dev.flyteinfra.stacks.config.ConfigLoader;
import dev.flyteinfra.stacks.config.DeploymentConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A property of the config loader, over every example mutated many ways (a seeded generator, the
 * same mutants every run): a mutant is either valid and synthesizes, or it is refused with
 * problems whose paths are in the file — never an exception, never a file written. The mutations
 * are the mistakes users make: a key deleted, a value or list item left empty, a value of another
 * type, a key duplicated, an unknown key, an enum misspelt, a value moved to another cloud's key,
 * the file saved in another encoding.
 */
class ConfigMutationTest {
  private static final long SEED = 20261202L;
  private static final int MUTANTS_PER_EXAMPLE = 40;
  private static final Pattern PATH_PART = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)\\]");
  /** Keys whose values name another cloud's counterpart: a value moved across clouds. */
  private static final Map<String, String> OTHER_CLOUD = Map.of(
      "awsRoleArn", "gcpServiceAccount", "gcpServiceAccount", "azureClientId", "azureClientId", "awsRoleArn",
      "s3", "gcs", "gcs", "azure", "aws", "gcp", "gcp", "azure", "azure", "aws");

  @TempDir
  Path dir;

  @TestFactory
  Stream<DynamicTest> everyMutantOfEveryExampleIsValidOrRefusedWithPathsInTheFile() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    Random random = new Random(SEED);
    for (Path example : Repo.gateConfigs().toList()) {
      String text = Files.readString(example);
      for (int i = 0; i < MUTANTS_PER_EXAMPLE; i++) {
        Mutant mutant = mutate(text, new Random(random.nextLong()));
        String name = example.getFileName() + " #" + i + ": " + mutant.description();
        tests.add(DynamicTest.dynamicTest(name, () -> check(mutant)));
      }
    }
    return tests.stream();
  }

  private void check(Mutant mutant) throws Exception {
    Path work = Files.createTempDirectory(dir, "mutant");
    Path config = Files.write(work.resolve("mutant.yaml"), mutant.bytes());
    Path out = work.resolve("out");
    DeploymentConfig loaded;
    try {
      loaded = ConfigLoader.loadConfig(config);
    } catch (InvalidDeploymentException refused) {
      assertThat(refused.problems()).isNotEmpty();
      Object tree = treeOf(mutant.bytes());
      for (Problem problem : refused.problems()) {
        assertThat(problem.fix()).as("fix of %s", problem).isNotBlank();
        assertThat(problem.message()).as("message of %s", problem)
            .doesNotContain("dev.flyteinfra", "Immutable", "DeserializationFeature", "StreamReadConstraints", "jackson");
        if (tree != null) {
          assertThat(pathInFile(tree, problem.path())).as("%s names a place in the file", problem).isTrue();
        }
      }
      Cli cli = run("synth", "--config", config.toString(), "--out", out.toString());
      assertThat(cli.status()).as("exit status; stderr:\n%s", cli.err()).isEqualTo(2);
      assertThat(cli.err()).contains("nothing was written").doesNotContain("\tat ", "Exception");
      assertThat(out).doesNotExist();
      return;
    } catch (RuntimeException crash) {
      fail("the loader crashed on the mutant:\n" + new String(mutant.bytes(), StandardCharsets.UTF_8), crash);
      return;
    }
    // Valid: it synthesizes. Without a cloud section through the CLI; with one, the Kubernetes files
    // (the cloud stacks take seconds each and are exercised by their own tests).
    if (loaded.aws().isEmpty() && loaded.gcp().isEmpty() && loaded.azure().isEmpty()) {
      Cli cli = run("synth", "--config", config.toString(), "--out", out.toString());
      assertThat(cli.status()).as("exit status; stderr:\n%s", cli.err()).isZero();
      try (Stream<Path> written = Files.walk(out.resolve(loaded.deployment().name()))) {
        assertThat(written.map(Path::getFileName).map(Path::toString)).contains("kustomization.yaml");
      }
    } else {
      assertThat(FlyteManifests.files(loaded.deployment())).isNotEmpty();
    }
  }

  /** A problem's path is in the file: it, or the mapping it is missing from, is there. */
  private static boolean pathInFile(Object tree, String path) {
    if (path.startsWith("(") || path.startsWith("--")) {
      return true;
    }
    List<Object> parts = new ArrayList<>();
    Matcher m = PATH_PART.matcher(path);
    while (m.find()) {
      parts.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
    }
    return resolves(tree, parts, 0) || resolves(tree, parts.subList(0, parts.size() - 1), 0);
  }

  /** Resolves path parts, where a mapping key may itself hold dots (annotation keys, Spark properties). */
  private static boolean resolves(Object node, List<Object> parts, int from) {
    if (from == parts.size()) {
      return true;
    }
    if (parts.get(from) instanceof Integer index) {
      return node instanceof List<?> list && index < list.size() && resolves(list.get(index), parts, from + 1);
    }
    if (!(node instanceof Map<?, ?> map)) {
      return false;
    }
    StringBuilder key = new StringBuilder();
    for (int to = from; to < parts.size() && parts.get(to) instanceof String part; to++) {
      key.append(key.length() == 0 ? "" : ".").append(part);
      if (map.containsKey(key.toString()) && resolves(map.get(key.toString()), parts, to + 1)) {
        return true;
      }
    }
    return false;
  }

  private static Object treeOf(byte[] bytes) {
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(true);
      return new Yaml(options).load(new String(bytes, StandardCharsets.UTF_8));
    } catch (RuntimeException unreadable) {
      return null; // not YAML: only (root) and (file) problems can name it
    }
  }

  // ---- the mutations ----

  private record Mutant(String description, byte[] bytes) {}

  private static Mutant mutate(String text, Random random) {
    int kind = random.nextInt(12);
    if (kind == 0) {
      return duplicateKey(text, random);
    }
    if (kind == 1) {
      return encoded(text, random);
    }
    Map<String, Object> tree = new Yaml().load(text);
    List<Place> places = new ArrayList<>();
    collect(tree, "", places);
    Place place = places.get(random.nextInt(places.size()));
    String what = switch (kind) {
      case 2 -> place.delete();
      case 3 -> place.set(null, "emptied");
      case 4 -> place.set(otherType(place.value(), random), "changed type");
      case 5 -> place.addUnknownKey(random);
      case 6 -> place.set(misspelt(place.value(), random), "misspelt");
      case 7 -> place.moveToOtherCloud();
      case 8 -> place.set(List.of(), "emptied list");
      case 9 -> place.set(Map.of(), "emptied mapping");
      case 10 -> place.set(place.value() instanceof Number n ? n.doubleValue() + 0.5 : "v" + place.value(), "neighbouring notation");
      default -> place.emptyListItem();
    };
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Mutant(what, new Yaml(options).dump(tree).getBytes(StandardCharsets.UTF_8));
  }

  private static Mutant duplicateKey(String text, Random random) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    List<Integer> keyLines = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("\\s*\"?[A-Za-z][\\w.-]*\"?\\s*:.*")) {
        keyLines.add(i);
      }
    }
    int line = keyLines.get(random.nextInt(keyLines.size()));
    lines.add(line + 1, lines.get(line).replaceFirst(":.*", ": duplicate"));
    return new Mutant("duplicated key at line " + (line + 1), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static Mutant encoded(String text, Random random) {
    String accented = text.replaceFirst("(?m)^name: (.*)$", "name: $1\n# Ré-écrit par l'équipe");
    return switch (random.nextInt(3)) {
      case 0 -> new Mutant("Latin-1", accented.getBytes(StandardCharsets.ISO_8859_1));
      case 1 -> new Mutant("UTF-16 with a byte-order mark", accented.getBytes(StandardCharsets.UTF_16));
      default -> new Mutant("UTF-16LE without a byte-order mark", accented.getBytes(StandardCharsets.UTF_16LE));
    };
  }

  private static Object otherType(Object value, Random random) {
    if (value instanceof Map || value instanceof List) {
      return random.nextBoolean() ? "text" : 12.5;
    }
    return switch (random.nextInt(3)) {
      case 0 -> Map.of("value", String.valueOf(value));
      case 1 -> List.of(String.valueOf(value));
      default -> value instanceof String ? 7 : "seven";
    };
  }

  private static Object misspelt(Object value, Random random) {
    if (!(value instanceof String s) || s.length() < 2) {
      return "typo";
    }
    int i = random.nextInt(s.length() - 1);
    return s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
  }

  /** A place in the tree: a key of a mapping, or an item of a list. */
  private record Place(Object container, Object key, String path) {
    Object value() {
      return container instanceof Map<?, ?> map ? map.get(key) : ((List<?>) container).get((Integer) key);
    }

    @SuppressWarnings("unchecked")
    String set(Object value, String what) {
      if (container instanceof Map<?, ?> map) {
        ((Map<Object, Object>) map).put(key, value);
      } else {
        ((List<Object>) container).set((Integer) key, value);
      }
      return what + " " + path;
    }

    String delete() {
      if (container instanceof Map<?, ?> map) {
        map.remove(key);
      } else {
        ((List<?>) container).remove((int) (Integer) key);
      }
      return "deleted " + path;
    }

    @SuppressWarnings("unchecked")
    String addUnknownKey(Random random) {
      Object value = value();
      Map<Object, Object> target = value instanceof Map<?, ?> m ? (Map<Object, Object>) m
          : container instanceof Map<?, ?> m ? (Map<Object, Object>) m : null;
      if (target == null) {
        return set(Map.of("unknownKey", 1), "unknown key under");
      }
      target.put(random.nextBoolean() ? "unknownKey" : "list-of-unknowns", List.of("a", "b"));
      return "unknown key at " + path;
    }

    @SuppressWarnings("unchecked")
    String moveToOtherCloud() {
      if (container instanceof Map<?, ?> map && key instanceof String name && OTHER_CLOUD.containsKey(name)) {
        Object value = map.remove(name);
        ((Map<Object, Object>) map).put(OTHER_CLOUD.get(name), value);
        return "moved " + path + " to " + OTHER_CLOUD.get(name);
      }
      return set("arn:aws:iam::123456789012:role/elsewhere", "another cloud's value at");
    }

    @SuppressWarnings("unchecked")
    String emptyListItem() {
      Object value = value();
      if (value instanceof List<?> list) {
        ((List<Object>) list).add(null);
        return "empty item in " + path;
      }
      return set(new ArrayList<>(java.util.Arrays.asList("x", null)), "list with an empty item at");
    }
  }

  @SuppressWarnings("unchecked")
  private static void collect(Object node, String path, List<Place> places) {
    if (node instanceof Map<?, ?> map) {
      for (Object key : new ArrayList<>(map.keySet())) {
        String child = path.isEmpty() ? String.valueOf(key) : path + "." + key;
        places.add(new Place(map, key, child));
        collect(map.get(key), child, places);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String child = path + "[" + i + "]";
        places.add(new Place(list, i, child));
        collect(list.get(i), child, places);
      }
    }
  }

  // ---- the CLI ----

  private record Cli(int status, String err) {}

  private static Cli run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Cli(FlyteInfraCli.execute(args), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }
}
