package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.stacks.PulumiRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code flyte-infra}: synthesize and validate Flyte deployments from config files. Exit status
 * 0 on success, 2 for bad input (every problem on stderr, nothing written), 1 for an internal
 * failure.
 */
@Command(
    name = "flyte-infra",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Turns a Flyte deployment description into Kubernetes manifests, and the files around them.",
    subcommands = {SynthCommand.class, ValidateCommand.class, ClientConfigCommand.class, CiWorkflowCommand.class,
        HelmValuesCommand.class})
public final class FlyteInfraCli implements Runnable {
  /** Exit status for input that has problems. */
  static final int BAD_INPUT = 2;
  /** Exit status for a failure of flyte-infra itself. */
  static final int INTERNAL_FAILURE = 1;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: synth, validate, client-config or ci-workflow");
  }

  /** Runs the CLI and returns its exit status (for tests and embedding). */
  public static int execute(String... args) {
    return new CommandLine(new FlyteInfraCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
          commandLine.getErr().println("flyte-infra: internal failure: " + e);
          e.printStackTrace(commandLine.getErr());
          return INTERNAL_FAILURE;
        })
        .execute(args);
  }

  public static void main(String[] args) {
    PulumiRuntime.prepare();
    System.exit(execute(args));
  }
}
