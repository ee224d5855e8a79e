package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.core.configfile.ConfigText;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.stacks.config.ConfigLoader;
import dev.flyteinfra.stacks.config.DeploymentConfig;
import java.io.IOException;
import java.io.InputStream;
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

  /** The {@code --config} value that stands for standard input, as kubectl's and helm's {@code -f -}. */
  static final Path STANDARD_INPUT = Path.of("-");

  static Inputs load(List<Path> files) {
    Inputs inputs = new Inputs();
    Map<String, Path> names = new LinkedHashMap<>();
    boolean stdinRead = false;
    for (Path file : files) {
      byte[] bytes;
      if (file.equals(STANDARD_INPUT)) {
        if (stdinRead) {
          inputs.problems.add("-: (file): standard input is given twice — give --config - once");
          continue;
        }
        stdinRead = true;
        bytes = readStandardInput(inputs);
      } else {
        bytes = readFile(file, inputs);
      }
      if (bytes == null) {
        continue;
      }
      try {
        DeploymentConfig config = ConfigLoader.parseConfig(bytes);
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

  /** A config file's bytes, or null with its problem recorded: missing, a folder, unreadable or too large. */
  private static byte[] readFile(Path file, Inputs inputs) {
    String problem = null;
    if (file.toString().isBlank()) {
      problem = "(file): is empty — give the path of a YAML or JSON config file, or - for standard input";
    } else if (Files.isDirectory(file)) {
      problem = "(file): is a folder, not a config file — give the path of a YAML or JSON file in it";
    } else if (!Files.exists(file)) {
      problem = "(file): does not exist — give the path of a YAML or JSON config file";
    } else if (!Files.isReadable(file)) {
      problem = "(file): is not readable (permission denied) — give a file you may read";
    } else {
      try (InputStream in = Files.newInputStream(file)) {
        return in.readNBytes(ConfigText.MAX_BYTES + 1);
      } catch (IOException e) {
        problem = "(file): cannot be read: " + e.getMessage() + " — give the path of a readable config file";
      }
    }
    inputs.problems.add(file + ": " + problem);
    return null;
  }

  private static byte[] readStandardInput(Inputs inputs) {
    try {
      return System.in.readNBytes(ConfigText.MAX_BYTES + 1);
    } catch (IOException e) {
      inputs.problems.add("-: (file): standard input cannot be read: " + e.getMessage() + " — pipe a config file into it");
      return null;
    }
  }

  /** The YAML and JSON files of a folder, sorted by name. */
  static List<Path> configFilesIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).filter(f -> {
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

  /** Records a problem of the command line rather than of a file (an option such as {@code --out}). */
  void addProblem(Problem problem) {
    problems.add(problem.toString());
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
    if (out != null) {
      OutputPaths.fileProblem(out).ifPresent(this::addProblem);
    }
    if (hasProblems()) {
      return report(spec.commandLine().getErr());
    }
    try {
      OutputFile.write(out, render.apply(configs.get(config).deployment()), spec.commandLine().getOut());
    } catch (UncheckedIOException e) {
      addProblem(OutputPaths.writeFailure(e));
      return report(spec.commandLine().getErr());
    }
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
