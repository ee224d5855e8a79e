package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.stacks.config.ConfigLoader;
import dev.flyteinfra.stacks.config.DeploymentConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Loads every config file given, collecting the problems of all of them before anything is written. */
final class Inputs {
  private final Map<Path, DeploymentConfig> configs = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();

  static Inputs load(List<Path> files) {
    Inputs inputs = new Inputs();
    Map<String, Path> names = new LinkedHashMap<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        inputs.problems.add(file + ": (file): does not exist — give the path of a YAML or JSON config file");
        continue;
      }
      try {
        DeploymentConfig config = ConfigLoader.loadConfig(file);
        FlyteDeployment deployment = config.deployment();
        Path other = names.putIfAbsent(deployment.name(), file);
        if (other != null) {
          inputs.problems.add(file + ": " + new Problem("name", "'" + deployment.name() + "' is also the name in " + other,
              "give every deployment its own name: each is written to <out>/<name>/"));
        } else {
          inputs.configs.put(file, config);
        }
      } catch (InvalidDeploymentException e) {
        e.problems().forEach(problem -> inputs.problems.add(file + ": " + problem));
      }
    }
    return inputs;
  }

  /** The YAML and JSON files of a folder, sorted by name. */
  static List<Path> configFilesIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + folder, e);
    }
  }

  Map<Path, DeploymentConfig> configs() {
    return configs;
  }

  /** Records a problem found after loading (e.g. while synthesizing a cloud stack). */
  void addProblem(Path file, Problem problem) {
    problems.add(file + ": " + problem);
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

  /**
   * The flow of the commands that write one file from one config: when it loaded without problems
   * and {@code check} finds none in its deployment, writes what {@code render} makes of it to
   * {@code out} (standard output without one) and returns 0; else reports every problem, the ones
   * already added included, and writes nothing.
   */
  int writeFromOne(Path config, Function<FlyteDeployment, List<Problem>> check, Function<FlyteDeployment, String> render,
      Path out, CommandLine.Model.CommandSpec spec) {
    if (!hasProblems()) {
      check.apply(configs.get(config).deployment()).forEach(problem -> addProblem(config, problem));
    }
    if (hasProblems()) {
      return report(spec.commandLine().getErr());
    }
    OutputFile.write(out, render.apply(configs.get(config).deployment()), spec.commandLine().getOut());
    return 0;
  }

  /** Prints every problem, a line each, and returns the bad-input exit status. */
  int report(PrintWriter err) {
    problems.forEach(err::println);
    err.println(problems.size() + " problem(s); nothing was written.");
    err.flush();
    return FlyteInfraCli.BAD_INPUT;
  }
}
