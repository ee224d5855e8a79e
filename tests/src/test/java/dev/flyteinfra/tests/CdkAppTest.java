package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flyteinfra.stacks.aws.AwsStacks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code npx cdk synth} in {@code stacks/} — the pinned AWS CDK CLI running the app of
 * {@code cdk.json} on the built jar, as a user would — gives the stack whose template
 * {@code flyte-infra synth} commits, and a config with problems stops it with them.
 */
class CdkAppTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path STACKS = Repo.ROOT.resolve("stacks");

  @Test
  void cdkSynthThroughCdkJsonBuildsTheCommittedStack(@TempDir Path out) throws Exception {
    Result result = cdk(out, "synth", "-c", "config=../examples/binary-aws.yaml", "--output", out.toString(), "--quiet");
    assertThat(result.exitCode).as(result.log).isZero();
    // No "N feature flags are not configured", no deprecation warning from our constructs.
    assertThat(result.log).doesNotContain("feature flags").doesNotContain("deprecated");

    JsonNode fromCli = JSON.readTree(out.resolve("flyte-aws.template.json").toFile());
    JsonNode committed = JSON.readTree(Repo.SYNTH_OUTPUT.resolve("flyte-aws/cloud/aws/flyte-aws.template.json").toFile());
    // The CLI adds construct paths, asset paths and its version-reporting resource as metadata; the rest is equal.
    assertThat(withoutCliMetadata(fromCli)).isEqualTo(withoutCliMetadata(committed));
    assertThat(fromCli.path("Resources").size()).isGreaterThan(50);
  }

  /** cdk.json gives the CDK CLI the feature flags that flyte-infra synth's app has: aws-cdk-lib's recommended ones. */
  @Test
  void cdkJsonSetsTheFeatureFlagsOfTheCommittedTemplates() throws Exception {
    ObjectNode context = (ObjectNode) JSON.readTree(STACKS.resolve("cdk.json").toFile()).path("context").deepCopy();
    context.remove("config");

    assertThat(JSON.convertValue(context, Map.class)).isEqualTo(AwsStacks.featureFlags());
    assertThat(AwsStacks.featureFlags()).containsEntry("@aws-cdk/aws-eks:useNativeOidcProvider", true).hasSizeGreaterThan(80);
  }

  @Test
  void aConfigWithProblemsStopsCdkWithEveryProblem(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, """
        name: bad
        topology: sandbox
        aws: {nodeMinSize: 0, nodeSize: 3}
        """);
    Result result = cdk(dir.resolve("out"), "synth", "-c", "config=" + config, "--output", dir.resolve("out").toString(), "--quiet");
    assertThat(result.exitCode).isNotZero();
    assertThat(result.log).contains("aws.nodeSize: is not a known key");
  }

  private static JsonNode withoutCliMetadata(JsonNode template) {
    ObjectNode copy = template.deepCopy();
    ObjectNode resources = (ObjectNode) copy.path("Resources");
    resources.remove("CDKMetadata");
    resources.forEach(resource -> ((ObjectNode) resource).remove("Metadata"));
    if (copy.path("Conditions") instanceof ObjectNode conditions) {
      conditions.remove("CDKMetadataAvailable");
      if (conditions.isEmpty()) {
        copy.remove("Conditions");
      }
    }
    return copy;
  }

  private static Result cdk(Path out, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(STACKS.resolve("node_modules/.bin/cdk").toString()));
    command.addAll(List.of(args));
    command.add("--no-notices");
    ProcessBuilder builder = new ProcessBuilder(command).directory(STACKS.toFile()).redirectErrorStream(true);
    builder.environment().put("CDK_DISABLE_VERSION_CHECK", "1");
    builder.environment().put("CDK_DISABLE_CLI_TELEMETRY", "true");
    Process process = builder.start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), log);
  }

  private record Result(int exitCode, String log) {}
}
