package dev.flyteinfra.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.stacks.DeploymentOutputs;
import dev.flyteinfra.stacks.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/** Paths of the repository and of {@code ../shared/reference}, and readers for what lies there. */
final class Repo {
  static final Path ROOT = Path.of(System.getProperty("flyteinfra.root", "..")).toAbsolutePath().normalize();
  static final Path EXAMPLES = ROOT.resolve("examples");
  static final Path SYNTH_OUTPUT = ROOT.resolve("synth-output");
  static final Path REFERENCE = ROOT.resolve("../shared/reference").normalize();
  static final Path CHARTS = REFERENCE.resolve("flyte-charts");
  private static final YAMLMapper YAML = new YAMLMapper();

  private Repo() {}

  /** Every example config file, by file name. */
  static Map<String, Path> exampleFiles() {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      Map<String, Path> examples = new LinkedHashMap<>();
      files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> examples.put(f.getFileName().toString(), f));
      return examples;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the gate runs over: every example, plus fixtures for the branches the examples leave out. */
  static Stream<Path> gateConfigs() {
    Path fixtures = ROOT.resolve("tests/src/test/resources/gate");
    try (Stream<Path> files = Files.list(fixtures)) {
      List<Path> all = new ArrayList<>(exampleFiles().values());
      all.addAll(files.sorted().toList());
      return all.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FlyteDeployment load(Path config) {
    return ConfigLoader.load(config);
  }

  /** The synthesized Kubernetes files (name → YAML) of a config file. */
  static SortedMap<String, String> synthesize(Path config) {
    return synthesize(load(config));
  }

  /** The synthesized Kubernetes files (name → YAML) of a deployment. */
  static SortedMap<String, String> synthesize(FlyteDeployment deployment) {
    return FlyteManifests.files(deployment);
  }

  /** Everything {@code flyte-infra synth} writes for a config file: the manifests and, with an aws: section, the stack's template. */
  static SortedMap<String, String> outputs(Path config) {
    return DeploymentOutputs.files(ConfigLoader.loadConfig(config));
  }

  /** Every Kubernetes object of synthesized files: those that a kustomization.yaml of their folder lists. */
  static List<ObjectNode> objects(Map<String, String> files) {
    List<ObjectNode> objects = new ArrayList<>();
    folders(files).values().forEach(folder -> folder.forEach((name, text) -> {
      if (!isKustomization(name)) {
        objects.addAll(documents(text));
      }
    }));
    return objects;
  }

  static boolean isKustomization(String file) {
    return file.equals("kustomization.yaml") || file.endsWith("/kustomization.yaml");
  }

  /** Output folder (relative, "" for the top) → its files by name, for each folder that has a kustomization.yaml. */
  static Map<String, Map<String, String>> folders(Map<String, String> files) {
    Map<String, Map<String, String>> folders = new java.util.TreeMap<>();
    files.forEach((path, text) -> {
      int slash = path.lastIndexOf('/');
      String folder = slash < 0 ? "" : path.substring(0, slash);
      folders.computeIfAbsent(folder, f -> new java.util.TreeMap<>()).put(path.substring(slash + 1), text);
    });
    folders.values().removeIf(folder -> !folder.containsKey("kustomization.yaml"));
    // The plugins' operators come from their own releases (a remote kustomize base): not ours to gate.
    folders.keySet().removeIf(folder -> folder.equals("operators") || folder.startsWith("operators/"));
    return folders;
  }

  /** Every non-empty document of a multi-document YAML text. */
  static List<ObjectNode> documents(String text) {
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
      List<ObjectNode> objects = new ArrayList<>();
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc instanceof ObjectNode object && !object.isEmpty()) {
          objects.add(object);
        }
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The objects of an official chart rendering in {@code ../shared/reference/flyte-charts}. */
  static List<ObjectNode> chart(String file) {
    return documents(read(CHARTS.resolve(file)));
  }

  static String describe(JsonNode object) {
    return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
  }
}
