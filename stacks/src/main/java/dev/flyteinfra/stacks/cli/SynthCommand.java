package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.core.manifest.SynthOutput;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.stacks.DeploymentOutputs;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flyte-infra synth}: writes {@code <out>/<deployment>/} for each config file. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Synthesizes each deployment into <out>/<deployment name>/.",
      "One YAML file per component and a kustomization.yaml; with an aws: section also the CloudFormation template of its "
          + "EKS stack (cloud/aws/<name>.template.json), with gcp: or azure: the Pulumi program's resources (cloud/gcp/, cloud/azure/).",
      "With no --config, synthesizes every example in examples/ into synth-output/.",
      "Bad input: exit status 2, every problem listed, nothing written."
    })
final class SynthCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A deployment config file (YAML or JSON), - for standard input; repeatable.")
  List<Path> configs = List.of();

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder. Default: synth-output/ of the repository for its own examples, the working directory for other configs.")
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * Where a synth without --out writes: the repository's committed output for its own examples,
   * the working directory for any other config (so a user's deployment never lands among them).
   */
  private Path defaultOut(Path examples) {
    Path examplesFolder = examples.toAbsolutePath().normalize();
    boolean ownExamples = configs.isEmpty() || configs.stream()
        .allMatch(config -> config.toAbsolutePath().normalize().startsWith(examplesFolder));
    return ownExamples ? Home.resolve("synth-output") : Path.of(".").toAbsolutePath().normalize();
  }

  @Override
  public Integer call() {
    Path examples = Home.resolve("examples");
    if (configs.isEmpty() && !Files.isDirectory(examples)) {
      Inputs none = new Inputs();
      none.addProblem(new Problem("--config", "is required here: there is no examples/ folder at " + examples.getParent()
          + " to synthesize", "give --config FILE (and --out DIR), or run ./flyte-infra from the flyte-infra repository"));
      return none.report(spec.commandLine().getErr());
    }
    List<Path> files = configs.isEmpty() ? Inputs.configFilesIn(examples) : configs;
    Inputs inputs = Inputs.load(files);
    Path target = out != null ? out : defaultOut(examples);
    OutputPaths.folderProblem(target).ifPresent(inputs::addProblem);
    if (inputs.hasProblems()) {
      return inputs.report(spec.commandLine().getErr());
    }
    Map<String, SortedMap<String, String>> output = new LinkedHashMap<>();
    inputs.configs().forEach((file, config) -> {
      try {
        output.put(config.deployment().name(), DeploymentOutputs.files(config));
      } catch (InvalidDeploymentException e) {
        e.problems().forEach(problem -> inputs.addProblem(file, problem));
      }
    });
    if (inputs.hasProblems()) {
      return inputs.report(spec.commandLine().getErr());
    }
    try {
      SynthOutput.write(target, output);
    } catch (UncheckedIOException e) {
      inputs.addProblem(OutputPaths.writeFailure(e));
      return inputs.report(spec.commandLine().getErr());
    }
    output.forEach((name, written) ->
        spec.commandLine().getOut().println("wrote " + target.resolve(name) + "/ (" + written.size() + " files)"));
    return 0;
  }
}
