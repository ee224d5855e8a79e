package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flyteinfra.core.client.CiOptions;
import dev.flyteinfra.core.client.CiTarget;
import dev.flyteinfra.core.client.CiWorkflow;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated GitHub Actions workflow of a Flyte 1 deployment against what nobody here wrote:
 * SchemaStore's workflow schema and actionlint; and the properties it promises: the secret only in
 * the register steps' environment and never printed, a step per task environment, the commit SHA
 * as version. {@code Flyte2CiWorkflowTest} does the same for Flyte 2, {@code GitlabCiTest} for GitLab.
 */
class CiWorkflowTest {
  private static final FlyteDeployment CORE_AWS = Repo.load(Repo.EXAMPLES.resolve("core-aws.yaml"));
  private static final List<CiTarget> TARGETS = List.of(
      CiTarget.of("training", "flytesnacks", "production", "workflows/training"),
      CiTarget.of("etl", "flytesnacks", "development", "etl"));

  @TempDir
  Path dir;

  private static CiOptions options(Optional<String> image) {
    return CiOptions.builder().provider(CiOptions.Provider.GITHUB).targets(TARGETS).image(image).build();
  }

  private static CiOptions options(List<CiTarget> targets, Optional<String> image, String clientId) {
    return CiOptions.builder().provider(CiOptions.Provider.GITHUB).targets(targets).image(image).clientId(clientId).build();
  }

  /** The workflow file, the only file of a Flyte 1 pipeline. */
  static String workflow(FlyteDeployment deployment, CiOptions options) {
    var files = CiWorkflow.files(deployment, options);
    assertThat(files).containsOnlyKeys(".github/workflows/flyte-deploy.yml");
    return files.get(".github/workflows/flyte-deploy.yml");
  }

  private static JsonNode parsed(String workflow) {
    return CiChecks.parsed(workflow);
  }

  private List<String> actionlint(String workflow) throws IOException, InterruptedException {
    return CiChecks.actionlint(dir, workflow);
  }

  @Test
  void validatesAgainstTheGithubWorkflowSchemaWithAndWithoutAnImageBuild() {
    var schema = CiChecks.GITHUB_WORKFLOW;
    for (Optional<String> image : List.of(Optional.<String>empty(), Optional.of("ghcr.io/acme/flyte-workflows"))) {
      JsonNode workflow = parsed(workflow(CORE_AWS, options(image)));
      assertThat(schema.validate(workflow)).as("image %s", image).isEmpty();
    }
    JsonNode broken = parsed(workflow(CORE_AWS, options(Optional.empty())));
    ((ObjectNode) broken.path("jobs").path("deploy")).remove("runs-on");
    assertThat(schema.validate(broken)).as("the schema sees a job without runs-on").isNotEmpty();
  }

  @Test
  void actionlintFindsNothing() throws Exception {
    List<String> findings = new ArrayList<>();
    for (Optional<String> image : List.of(Optional.<String>empty(), Optional.of("registry.example.com:5000/acme/flyte"))) {
      findings.addAll(actionlint(workflow(CORE_AWS, options(image))));
      findings.addAll(actionlint(workflow(CORE_AWS, CiOptions.builder().from(options(image)).pinActions(true).build())));
    }
    assertThat(findings).isEmpty();
    assertThat(actionlint("on: push\njobs:\n  x:\n    needs: nope\n    runs-on: ubuntu-latest\n    steps:\n      - run: 'true'\n"))
        .as("actionlint runs and reports").isNotEmpty();
  }

  @Test
  void theClientSecretReachesOnlyTheRegisterStepsAndIsNeverPrinted() {
    String text = workflow(CORE_AWS, options(Optional.of("ghcr.io/acme/flyte-workflows")));
    JsonNode steps = parsed(text).path("jobs").path("deploy").path("steps");
    List<String> withKey = new ArrayList<>();
    steps.forEach(step -> {
      if (step.toString().contains("secrets.FLYTE_CLIENT_SECRET")) {
        withKey.add(step.path("name").asText());
        assertThat(step.path("env").path("FLYTE_CLIENT_SECRET").asText()).isEqualTo("${{ secrets.FLYTE_CLIENT_SECRET }}");
        assertThat(step.path("run").asText()).doesNotContain("FLYTE_CLIENT_SECRET").doesNotContain("echo");
      }
    });

    assertThat(withKey).containsExactly("Register training (flytesnacks/production)", "Register etl (flytesnacks/development)");
    assertThat(text.split("secrets\\.FLYTE_CLIENT_SECRET", -1)).hasSize(3);
    assertThat(text).contains("clientSecretEnvVar: FLYTE_CLIENT_SECRET", "authType: ClientSecret", "endpoint: dns:///flyte.example.com")
        .as("the Flyte 2 CLI decodes FLYTE_API_KEY as an API key: a Flyte 1 client secret must not be stored under that name")
        .doesNotContain("FLYTE_API_KEY");
    JsonNode deploy = parsed(text).path("jobs").path("deploy");
    assertThat(deploy.path("environment").asText()).as("the environment that scopes the secret").isEqualTo("flyte-core-aws");
    assertThat(parsed(text).path("permissions").toString()).isEqualTo("{\"contents\":\"read\"}");
  }

  @Test
  void eachTaskEnvironmentIsRegisteredAtTheCommitWithTheImageBuiltFirst() {
    JsonNode workflow = parsed(workflow(CORE_AWS, options(Optional.of("ghcr.io/acme/flyte-workflows"))));
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
    assertThat(parsed(workflow(CORE_AWS, options(Optional.empty()))).path("jobs").has("build")).isFalse();
  }

  @Test
  void badOptionsAreListedWithTheirPaths() {
    FlyteDeployment noIngress = ImmutableFlyteDeployment.copyOf(Repo.load(Repo.EXAMPLES.resolve("onprem.yaml")))
        .withIngress(Optional.empty());
    CiOptions bad = options(List.of(
        CiTarget.of("Training", "ml", "prod", "../elsewhere"), CiTarget.of("etl", "flytesnacks", "development", "etl"),
        CiTarget.of("etl", "flytesnacks", "development", "etl"), CiTarget.recursive("flytesnacks", "development", "src")),
        Optional.of("ghcr.io/Acme/flyte:latest"), "");

    assertThat(CiWorkflow.problems(noIngress, bad)).extracting(Problem::path).containsExactly(
        "target[0].path", "target[0].project", "target[0].domain", "target[0].name", "target[2].name", "target[3]", "image",
        "client-id", "ingress.host");
  }

  @Test
  void theClientMustBeOneTheInternalAuthorizationServerKnows() {
    FlyteDeployment withSignIn = Repo.load(Repo.ROOT.resolve("tests/src/test/resources/gate/binary-auth.yaml"));
    List<CiTarget> targets = List.of(CiTarget.of("training", "flytesnacks", "production", "workflows/training"));
    CiOptions stranger = options(targets, Optional.empty(), "github-actions");
    CiOptions ci = options(targets, Optional.empty(), "flyte-ci");

    assertThat(CiWorkflow.problems(withSignIn, ci)).isEmpty();
    assertThat(CiWorkflow.problems(withSignIn, stranger)).singleElement().satisfies(problem -> {
      assertThat(problem.path()).isEqualTo("client-id");
      assertThat(problem.message()).contains("'github-actions' is not a confidential client of flyte-auth");
      assertThat(problem.fix()).contains("[flytepropeller, flyte-ci]");
    });
  }

  @Test
  void pinnedActionsNameTheCommitsOfTheirReleases() {
    String text = workflow(CORE_AWS, CiOptions.builder().from(options(Optional.of("ghcr.io/acme/flyte-workflows"))).pinActions(true).build());

    assertThat(parsed(text).findValuesAsText("uses")).isNotEmpty()
        .allSatisfy(uses -> assertThat(uses).matches("(actions|docker)/[a-z-]+@[0-9a-f]{40}"));
    assertThat(text).contains("#   actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 is v7.0.1",
        "#   docker/build-push-action@53b7df96c91f9c12dcc8a07bcb9ccacbed38856a is v7.3.0");
  }

  @Test
  void theGitlabPipelineValidatesAgainstTheSchemaAndRegistersAtTheCommitInTheEnvironment() {
    CiOptions gitlab = CiOptions.builder().from(options(Optional.of("registry.example.com/acme/flyte"))).provider(CiOptions.Provider.GITLAB)
        .build();
    var files = CiWorkflow.files(CORE_AWS, gitlab);
    assertThat(files).containsOnlyKeys(".gitlab-ci.yml");
    String text = files.get(".gitlab-ci.yml");
    JsonNode pipeline = parsed(text);

    assertThat(CiChecks.GITLAB_CI.validate(pipeline)).isEmpty();
    assertThat(pipeline.path("workflow").path("rules").get(0).path("if").asText()).isEqualTo("$CI_COMMIT_BRANCH == \"main\"");
    JsonNode deploy = pipeline.path("deploy");
    assertThat(deploy.path("image").asText()).isEqualTo("python:3.12-slim");
    assertThat(deploy.path("needs").toString()).isEqualTo("[\"build\"]");
    assertThat(deploy.path("environment").path("name").asText()).isEqualTo("flyte-core-aws");
    assertThat(deploy.path("resource_group").asText()).isEqualTo("flyte-deploy-core-aws");
    List<String> script = new ArrayList<>();
    deploy.path("script").forEach(line -> script.add(line.asText()));
    assertThat(script).filteredOn(line -> line.startsWith("pyflyte")).containsExactly(
        "pyflyte --config \"/tmp/flyte.yaml\" register --project flytesnacks --domain production"
            + " --version \"$CI_COMMIT_SHA\" --image \"registry.example.com/acme/flyte:$CI_COMMIT_SHA\" workflows/training",
        "pyflyte --config \"/tmp/flyte.yaml\" register --project flytesnacks --domain development"
            + " --version \"$CI_COMMIT_SHA\" --image \"registry.example.com/acme/flyte:$CI_COMMIT_SHA\" etl");
    assertThat(script).anySatisfy(line -> assertThat(line).contains("clientSecretEnvVar: FLYTE_CLIENT_SECRET"));
    JsonNode build = pipeline.path("build");
    assertThat(build.has("environment")).as("the build job is outside the environment that scopes the secret").isFalse();
    assertThat(build.path("services").toString()).isEqualTo("[\"docker:27-dind\"]");
    assertThat(build.path("script").toString()).contains("docker login registry.example.com", "docker push");
    assertThat(pipeline.toString()).as("GitLab hands the variable to the jobs of its environment; the file names it nowhere")
        .doesNotContain("$FLYTE_CLIENT_SECRET");
    assertThat(text).contains("# Add the OAuth2 client secret of 'flyte-ci'\n#   as the CI/CD variable FLYTE_CLIENT_SECRET",
        "masked, protected, environment scope 'flyte-core-aws'");

    JsonNode broken = parsed(text);
    ((ObjectNode) broken.path("deploy")).put("stagee", "deploy");
    assertThat(CiChecks.GITLAB_CI.validate(broken)).as("the schema sees a misspelt job key").isNotEmpty();
  }
}
