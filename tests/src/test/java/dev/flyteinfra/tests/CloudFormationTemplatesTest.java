package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CloudFormation templates of the AWS examples (fresh: {@link CommittedOutputTest}):
 * cfn-lint finds no error, no secret is written into them, and each example with an {@code aws:}
 * section has its stack.
 */
class CloudFormationTemplatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<Path> templates() {
    try (Stream<Path> files = Files.walk(Repo.SYNTH_OUTPUT)) {
      return files.filter(f -> f.toString().endsWith(".template.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyAwsExampleHasItsStackTemplate() {
    List<String> withAwsSection = Repo.exampleFiles().values().stream()
        .filter(f -> Repo.readYaml(f).has("aws")).map(f -> Repo.load(f).name()).toList();
    assertThat(withAwsSection).contains("flyte-aws", "core-aws");
    assertThat(templates()).extracting(t -> Repo.SYNTH_OUTPUT.relativize(t).toString())
        .containsExactlyInAnyOrderElementsOf(withAwsSection.stream().map(n -> n + "/cloud/aws/" + n + ".template.json").toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void cfnLintFindsNoError(Path template) throws Exception {
    Process lint = new ProcessBuilder("cfn-lint", "--format", "parseable", template.toString()).redirectErrorStream(true).start();
    String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lint.waitFor(300, TimeUnit.SECONDS)).isTrue();
    // cfn-lint's exit code is a bit mask: 1 = failure to run, 2 = errors, 4 = warnings, 8 = informational.
    assertThat(lint.exitValue() & 3).as(output).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void noSecretIsWrittenIntoTheTemplate(Path template) throws Exception {
    String text = Files.readString(template);
    assertThat(text).doesNotContainPattern("(?i)\"(password|secret_key|client_secret|secretAccessKey)\"\\s*:\\s*\"[^{\"]")
        .doesNotContainPattern("(?i)(password|secret)[\\\\\"]*\\s*[:=]\\s*[\\\\\"]*[A-Za-z0-9+/]{16,}")
        .doesNotContain("BEGIN RSA PRIVATE KEY").doesNotContain("BEGIN PRIVATE KEY")
        .doesNotContainPattern("AKIA[0-9A-Z]{16}");
    JsonNode resources = JSON.readTree(text).path("Resources");
    resources.forEach(resource -> {
      if (resource.path("Type").asText().equals("AWS::RDS::DBInstance")) {
        assertThat(resource.at("/Properties/MasterUserPassword").toString()).contains("{{resolve:secretsmanager:");
      }
      if (resource.path("Type").asText().equals("AWS::SecretsManager::Secret")) {
        assertThat(resource.at("/Properties/SecretString").isMissingNode()).as("a secret's value in the template").isTrue();
      }
    });
  }
}
