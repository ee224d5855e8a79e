package dev.flyteinfra.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableIngressSettings;
import dev.flyteinfra.core.model.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Flyte 2 pipeline's refusals, each with its field path, and the generation read from the deployment. */
class Flyte2PipelineTest {
  private static final FlyteEndpoint SELF_HOSTED = new FlyteEndpoint("flyte.example.com", false, true);
  private static final CiTarget TRAINING = CiTarget.of("env", "flytesnacks", "production", "src/ml/tasks.py");

  private static ImmutableCiOptions.Builder github() {
    return CiOptions.builder().provider(CiOptions.Provider.GITHUB).addTargets(TRAINING);
  }

  private static List<String> paths(CiOptions options) {
    return CiWorkflow.flyte2Problems(SELF_HOSTED, options).stream().map(Problem::path).toList();
  }

  @Test
  void theDefaultsNeedNothingMore() {
    assertThat(CiWorkflow.flyte2Problems(SELF_HOSTED, github().build())).isEmpty();
  }

  @Test
  void refusesAnApiKeyAgainstASelfHostedFlyteButNotAgainstAHostedTenant() {
    CiOptions apiKey = github().signIn(CiOptions.SignIn.API_KEY).build();

    assertThat(CiWorkflow.flyte2Problems(SELF_HOSTED, apiKey)).singleElement().satisfies(problem -> {
      assertThat(problem.path()).isEqualTo("sign-in");
      assertThat(problem.message()).contains("only on a hosted tenant");
      assertThat(problem.fix()).contains("client-secret");
    });
    assertThat(CiWorkflow.flyte2Problems(FlyteEndpoint.hosted("acme.hosted.example.com"), apiKey)).isEmpty();
  }

  @Test
  void refusesTargetPathsOutsideTheRepositoryOrOutsideTheRootDir() {
    CiOptions outside = github().targets(List.of(
        CiTarget.of("env", "flytesnacks", "production", "../other/tasks.py"),
        CiTarget.of("env", "flytesnacks", "production", "/abs/tasks.py"),
        CiTarget.of("env", "flytesnacks", "production", "src/../../tasks.py"),
        CiTarget.of("env", "flytesnacks", "production", "lib/tasks.py"))).rootDir("src").build();

    assertThat(paths(outside)).containsExactly("target[0].path", "target[1].path", "target[2].path",
        "target[0].path", "target[1].path", "target[3].path");
    assertThat(paths(github().rootDir("../src").targets(List.of(CiTarget.of("env", "p", "d", "../src/t.py"))).build()))
        .contains("root-dir");
  }

  @Test
  void refusesBuildAndDeployWithDifferentCopyStyles() {
    CiOptions differ = github().build(true).registry("ghcr.io/acme").copyStyle("none").buildCopyStyle("loaded_modules").build();

    assertThat(CiWorkflow.flyte2Problems(SELF_HOSTED, differ)).singleElement().satisfies(problem -> {
      assertThat(problem.path()).isEqualTo("build-copy-style");
      assertThat(problem.message()).contains("'loaded_modules' differs from the deploy's 'none'", "build again");
    });
    assertThat(paths(github().copyStyle("everything").build())).containsExactly("copy-style");
    assertThat(paths(github().build(true).registry("ghcr.io/acme").buildCopyStyle("none").build())).isEmpty();
  }

  @Test
  void refusesWhatFlyteDeployAndFlyteBuildCannotTake() {
    CiOptions bad = github().targets(List.of(
            CiTarget.of("my-env", "flytesnacks", "production", "src/ml/tasks.py"),
            CiTarget.of("env", "flytesnacks", "production", "src/ml"),
            CiTarget.recursive("flytesnacks", "production", "src"),
            CiTarget.recursive("flytesnacks", "production", "src")))
        .build(true).baseImage("ghcr.io/acme/base:latest").addUvGroups("ci", "-bad").clientId(" ").build();

    assertThat(paths(bad)).containsExactly("target[0].env", "target[1].path", "target[3]", "client-id", "build", "registry",
        "base-image", "uv-group[1]");
    assertThat(paths(github().baseImage("ghcr.io/acme/base").build())).containsExactly("base-image");
  }

  @Test
  void refusesAnEndpointOutsideTheCluster() {
    assertThat(CiWorkflow.flyte2Problems(new FlyteEndpoint("localhost:8090", true, true), github().build()))
        .extracting(Problem::path).containsExactly("ingress.host");
  }

  @Test
  void aFlyte2DeploymentGetsTheFlyte2PipelineAndItsConfig() {
    FlyteDeployment flyte2 = FlyteDeployment.builder().name("flyte").flyteVersion("2.0.42")
        .ingress(ImmutableIngressSettings.builder().host("flyte.example.com").build()).build();
    FlyteDeployment flyte1 = FlyteDeployment.builder().from(flyte2).flyteVersion("1.16.8").build();
    CiOptions options = github().targets(List.of(CiTarget.of("env", "flytesnacks", "development", "src/ml/tasks.py"))).build();

    assertThat(CiWorkflow.problems(flyte2, options)).isEmpty();
    assertThat(CiWorkflow.files(flyte2, options)).containsOnlyKeys(".github/workflows/flyte-deploy.yml", ".flyte/config.yaml");
    assertThat(CiWorkflow.files(flyte2, options).get(".github/workflows/flyte-deploy.yml")).contains("uv run flyte deploy");
    assertThat(CiWorkflow.problems(flyte1, options)).isEmpty();
    assertThat(CiWorkflow.files(flyte1, options)).containsOnlyKeys(".github/workflows/flyte-deploy.yml");
    assertThat(CiWorkflow.files(flyte1, options).get(".github/workflows/flyte-deploy.yml")).contains("pyflyte").doesNotContain("uv run");
  }

  @Test
  void theProjectsAndDomainsOfTheTargetsAreTheDeployments() {
    FlyteDeployment flyte2 = FlyteDeployment.builder().name("flyte").flyteVersion("2.0.42")
        .ingress(ImmutableIngressSettings.builder().host("flyte.example.com").build()).build();
    CiOptions options = github().targets(List.of(CiTarget.of("env", "nope", "qa", "src/ml/tasks.py"))).build();

    assertThat(CiWorkflow.problems(flyte2, options)).extracting(Problem::path).containsExactly("target[0].project", "target[0].domain");
  }

  @Test
  void refusesValuesThatWouldBreakOutOfTheirPlaceInAScriptOrTheFile() {
    CiOptions bad = github().targets(List.of(CiTarget.of("env", "flytesnacks; rm -rf /", "dev elopment", "src/ml/tasks.py")))
        .clientId("ci\n# injected: true").pythonVersion("3.12\"").flytekitVersion("1.16\" && curl x").branch("main\"")
        .environment("prod env").build();

    assertThat(paths(bad)).containsExactly("target[0].project", "target[0].domain", "client-id", "python-version", "flytekit-version",
        "branch", "environment");
  }
}
