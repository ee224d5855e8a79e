package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.stacks.pulumi.PulumiRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flyte-infra}: synthesize and validate Flyte deployments from config files. Exit status
 * 0 on success, 2 for bad input (every problem on stderr, nothing written), 1 for a failure of
 * flyte-infra itself (one line on stderr; the stack trace with {@code --debug}, else in a file
 * whose path the line gives).
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

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "On a failure of flyte-infra itself, print the stack trace too.")
  boolean debug;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "choose a command: " + String.join(", ", spec.subcommands().keySet()));
  }

  /** Runs the CLI and returns its exit status (for tests and embedding). */
  public static int execute(String... args) {
    FlyteInfraCli cli = new FlyteInfraCli();
    return new CommandLine(cli)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (missingNode(e)) {
            err.println("flyte-infra: the AWS CDK (an aws: section) runs on Node.js, and there is no node on the PATH — install "
                + "Node.js 20 or later (e.g. apt-get install nodejs), or set JSII_NODE to its binary; configs without aws: need no Node");
            err.flush();
            return INTERNAL_FAILURE;
          }
          err.println("flyte-infra: internal failure: " + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
              : ": " + e.getMessage().lines().findFirst().orElse("")) + " — " + traceNote(e, cli.debug, err));
          err.flush();
          return INTERNAL_FAILURE;
        })
        .execute(args);
  }

  /** True when jsii could not start Node.js: the one thing the AWS stacks need from the machine. */
  private static boolean missingNode(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (String.valueOf(cause.getMessage()).contains("Cannot run program \"node\"")) {
        return true;
      }
    }
    return false;
  }

  /** Prints the stack trace with {@code --debug}, else writes it to a file; says where it is. */
  private static String traceNote(Exception e, boolean debug, PrintWriter err) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    if (debug) {
      err.print(trace);
      return "the stack trace is above; please report it";
    }
    try {
      Path file = Files.createTempFile("flyte-infra-failure-", ".txt");
      Files.writeString(file, trace.toString(), StandardCharsets.UTF_8);
      return "the stack trace is in " + file + " (or run again with --debug); please report it";
    } catch (IOException | RuntimeException writeFailure) {
      return "run again with --debug for the stack trace; please report it";
    }
  }

  public static void main(String[] args) {
    PulumiRuntime.prepare();
    Warmup.start();
    System.exit(execute(args));
  }
}
