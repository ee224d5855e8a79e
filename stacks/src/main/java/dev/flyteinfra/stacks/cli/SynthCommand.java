package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.stacks.DeploymentOutputs;
import dev.flyteinfra.core.manifest.SynthOutput;
import dev.flyteinfra.core.model.InvalidDeploymentException;
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
      "Synthesizes each deployment into <out>/<deployment name>/: one YAML file per component and a kustomization.yaml;",
      "with an aws: section also the CloudFormation template of its EKS stack, in cloud/aws/<deployment name>.template.json.",
      "With no --config, synthesizes every example in examples/ into synth-output/.",
      "Bad input: exit status 2, every problem listed, nothing written."
    })
final class SynthCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A deployment config file (YAML or JSON); repeatable.")
  List<Path> configs = List.of();

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder. Default: synth-output/ of the repository.")
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<Path> files = configs.isEmpty() ? Inputs.configFilesIn(Home.resolve("examples")) : configs;
    Inputs inputs = Inputs.load(files);
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
    Path target = out != null ? out : Home.resolve("synth-output");
    SynthOutput.write(target, output);
    output.forEach((name, files1) ->
        spec.commandLine().getOut().println("wrote " + target.resolve(name) + "/ (" + files1.size() + " files)"));
    return 0;
  }
}
