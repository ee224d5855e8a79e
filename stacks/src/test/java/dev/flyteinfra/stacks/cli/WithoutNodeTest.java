package dev.flyteinfra.stacks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in a process of its own whose PATH has no {@code node}: only the AWS CDK needs Node.js,
 * so a sandbox (no {@code aws:}) is written as on any machine, and a config with {@code aws:}
 * stops with the one line that names what is missing.
 */
class WithoutNodeTest {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  /** Runs the CLI's main class with this test's class path, PATH an empty folder and no JSII_NODE; returns its exit status. */
  private int cli(Path output, String... args) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, "-Dflyteinfra.home=" + REPOSITORY, FlyteInfraCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    env.put("PATH", Files.createDirectories(dir.resolve("empty-bin")).toString());
    env.remove("JSII_NODE");
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the CLI finished").isTrue();
    return process.exitValue();
  }

  @Test
  void aSandboxIsWrittenWithNoNodeOnThePath() throws Exception {
    Path log = dir.resolve("sandbox.log");

    int status = cli(log, "synth", "--config", REPOSITORY.resolve("examples/sandbox.yaml").toString(), "--out", dir.resolve("out").toString());

    assertThat(status).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log, StandardCharsets.UTF_8)).isEqualTo("wrote " + dir.resolve("out/sandbox") + "/ (7 files)\n");
    assertThat(dir.resolve("out/sandbox/kustomization.yaml")).exists();
    assertThat(dir.resolve("out/sandbox/flytectl/config.yaml")).exists();
  }

  @Test
  void anAwsStackWithNoNodeOnThePathStopsWithOneLineSayingSo() throws Exception {
    Path log = dir.resolve("aws.log");

    int status = cli(log, "synth", "--config", REPOSITORY.resolve("examples/binary-aws.yaml").toString(), "--out", dir.resolve("out").toString());

    assertThat(status).isEqualTo(FlyteInfraCli.INTERNAL_FAILURE);
    assertThat(Files.readAllLines(log)).singleElement().asString()
        .startsWith("flyte-infra: the AWS CDK (an aws: section) runs on Node.js, and there is no node on the PATH");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
