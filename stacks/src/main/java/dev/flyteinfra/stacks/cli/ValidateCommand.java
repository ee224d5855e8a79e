package dev.flyteinfra.stacks.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flyte-infra validate}: checks config files and writes nothing. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {"Checks deployment config files and writes nothing.", "Exit status 0 when valid, 2 with every problem listed."})
final class ValidateCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "A deployment config file; repeatable.")
  List<Path> configs;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Inputs inputs = Inputs.load(configs);
    if (inputs.hasProblems()) {
      return inputs.report(spec.commandLine().getErr());
    }
    inputs.configs().forEach((file, c) -> spec.commandLine().getOut().println(file + ": valid (" + c.deployment().name() + ")"));
    return 0;
  }
}
