package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flyteinfra.core.client.CiOptions;
import dev.flyteinfra.core.client.CiTarget;
import dev.flyteinfra.core.client.CiWorkflow;
import dev.flyteinfra.core.client.FlyteEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flyte 2 pipeline, on GitHub Actions and GitLab CI, for every combination of its options
 * (sign-in, targets per environment or recursive, the build split, base-image layering, the
 * registry and its login, pinned actions, dependency groups, the root dir): against SchemaStore's
 * workflow schema, actionlint and GitLab's CI schema, and for what the pattern requires — the same
 * {@code --copy-style none} in build and deploy, the commit SHA as {@code --version}, the secret
 * only in the build and deploy steps, the deploy job alone in the environment that scopes it, no
 * secret in the committed {@code .flyte/config.yaml}. The inputs are an endpoint and options, built
 * directly: what a Flyte 2 deployment gives them.
 */
class Flyte2CiWorkflowTest {
  private static final FlyteEndpoint SELF_HOSTED = new FlyteEndpoint("flyte.example.com", false, true);
  private static final FlyteEndpoint HOSTED = FlyteEndpoint.hosted("acme.hosted.example.com");
  private static final List<CiTarget> ENVIRONMENTS = List.of(
      CiTarget.of("env", "flytesnacks", "production", "src/ml/tasks.py"),
      CiTarget.of("etl_env", "flytesnacks", "development", "src/etl/tasks.py"));
  private static final List<CiTarget> RECURSIVE = List.of(CiTarget.recursive("flytesnacks", "development", "src/workflows"));
  private static final Set<String> CONFIG_KEYS = Set.of("admin.endpoint", "admin.insecure", "admin.authType", "admin.clientId",
      "admin.clientSecretEnvVar", "admin.scopes", "admin.caCertFilePath", "image.builder", "image.registry", "task.org", "task.project",
      "task.domain");
  private static final Pattern PINNED = Pattern.compile("[^@]+@[0-9a-f]{40}");

  @TempDir
  Path dir;

  /** One valid combination of options, with the endpoint its sign-in goes with. */
  record Case(String name, FlyteEndpoint endpoint, CiOptions options) {
    SortedMap<String, String> files() {
      return CiWorkflow.flyte2Files("flyte", endpoint, options);
    }

    String secret() {
      return options.signIn() == CiOptions.SignIn.API_KEY ? "FLYTE_API_KEY" : "FLYTE_CLIENT_SECRET";
    }

    String otherSecret() {
      return options.signIn() == CiOptions.SignIn.API_KEY ? "FLYTE_CLIENT_SECRET" : "FLYTE_API_KEY";
    }
  }

  private enum Layering { NONE, BUILD, BUILD_ON_BASE }

  static List<Case> cases(CiOptions.Provider provider) {
    List<Case> cases = new ArrayList<>();
    for (CiOptions.SignIn signIn : CiOptions.SignIn.values()) {
      for (List<CiTarget> targets : List.of(ENVIRONMENTS, RECURSIVE)) {
        for (Layering layering : Layering.values()) {
          if (targets == RECURSIVE && layering != Layering.NONE) {
            continue;
          }
          List<Optional<String>> registries = new ArrayList<>(List.of(Optional.of("ghcr.io/acme"), Optional.of("registry.example.com:5000/acme")));
          if (layering == Layering.NONE) {
            registries.add(Optional.empty());
          }
          for (Optional<String> registry : registries) {
            for (boolean pin : provider == CiOptions.Provider.GITHUB ? List.of(false, true) : List.of(false)) {
              CiOptions options = CiOptions.builder().provider(provider).signIn(signIn).targets(targets)
                  .build(layering != Layering.NONE)
                  .baseImage(layering == Layering.BUILD_ON_BASE ? registry.map(r -> r + "/base") : Optional.empty())
                  .registry(registry).pinActions(pin)
                  .uvGroups(pin ? List.of("ci", "deploy") : List.of())
                  .rootDir(targets == RECURSIVE ? Optional.of("src") : Optional.empty())
                  .scopes(signIn == CiOptions.SignIn.CLIENT_SECRET && pin ? List.of("api://flyte/.default") : List.of())
                  .build();
              String name = signIn + " " + (targets == RECURSIVE ? "recursive" : "per environment") + " " + layering + " "
                  + registry.orElse("no registry") + (pin ? " pinned" : "");
              cases.add(new Case(name, signIn == CiOptions.SignIn.API_KEY ? HOSTED : SELF_HOSTED, options));
            }
          }
        }
      }
    }
    return cases;
  }

  @Test
  void everyCombinationIsValidAndWritesTheWorkflowAndTheConfig() {
    for (CiOptions.Provider provider : CiOptions.Provider.values()) {
      List<Case> cases = cases(provider);
      assertThat(cases).hasSize(provider == CiOptions.Provider.GITHUB ? 40 : 20);
      for (Case c : cases) {
        assertThat(CiWorkflow.flyte2Problems(c.endpoint(), c.options())).as(c.name()).isEmpty();
        assertThat(c.files()).as(c.name()).containsOnlyKeys(provider.path(), ".flyte/config.yaml");
      }
    }
  }

  @Test
  void githubWorkflowsValidateAgainstTheSchemaAndActionlintFindsNothing() throws Exception {
    List<String> workflows = new ArrayList<>();
    for (Case c : cases(CiOptions.Provider.GITHUB)) {
      String workflow = c.files().get(CiOptions.Provider.GITHUB.path());
      assertThat(CiChecks.GITHUB_WORKFLOW.validate(CiChecks.parsed(workflow))).as(c.name()).isEmpty();
      workflows.add(workflow);
    }
    assertThat(CiChecks.actionlint(dir, workflows)).isEmpty();
  }

  @Test
  void gitlabPipelinesValidateAgainstTheSchema() {
    for (Case c : cases(CiOptions.Provider.GITLAB)) {
      assertThat(CiChecks.GITLAB_CI.validate(CiChecks.parsed(c.files().get(CiOptions.Provider.GITLAB.path())))).as(c.name()).isEmpty();
    }
    JsonNode broken = CiChecks.parsed(cases(CiOptions.Provider.GITLAB).get(0).files().get(".gitlab-ci.yml"));
    ((ObjectNode) broken.path("deploy")).put("stagee", "deploy");
    assertThat(CiChecks.GITLAB_CI.validate(broken)).as("the schema sees a misspelt job key").isNotEmpty();
  }

  @Test
  void githubStepsCarryExactlyWhatThePatternRequires() {
    for (Case c : cases(CiOptions.Provider.GITHUB)) {
      String text = c.files().get(CiOptions.Provider.GITHUB.path());
      JsonNode workflow = CiChecks.parsed(text);
      JsonNode jobs = workflow.path("jobs");
      boolean base = c.options().baseImage().isPresent();

      assertThat(workflow.path("on").toString()).as(c.name()).isEqualTo("{\"push\":{\"branches\":[\"main\"]}}");
      assertThat(workflow.path("permissions").toString()).as(c.name()).isEqualTo("{\"contents\":\"read\"}");
      assertThat(workflow.path("concurrency").path("cancel-in-progress").asBoolean(true)).as(c.name()).isFalse();
      List<String> flyteRuns = new ArrayList<>();
      jobs.fields().forEachRemaining(job -> {
        boolean deployJob = job.getKey().equals("deploy");
        assertThat(job.getValue().has("environment")).as(c.name() + ": only the deploy job is in the environment").isEqualTo(deployJob);
        boolean pushesToGhcr = job.getValue().path("steps").findValuesAsText("registry").contains("ghcr.io");
        assertThat(job.getValue().path("permissions").path("packages").asText()).as(c.name()).isEqualTo(pushesToGhcr ? "write" : "");
        for (JsonNode step : job.getValue().path("steps")) {
          String run = step.path("run").asText();
          boolean flyte = run.startsWith("uv run flyte build") || run.startsWith("uv run flyte deploy");
          assertThat(step.path("env").path(c.secret()).asText()).as(c.name() + ": " + step)
              .isEqualTo(flyte ? "${{ secrets." + c.secret() + " }}" : "");
          assertThat(step.path("env").path("BASE_IMAGE").asText()).as(c.name() + ": " + step)
              .isEqualTo(flyte && base ? "${{ needs.base-image.outputs.BASE_IMAGE }}" : "");
          assertThat(run).as(c.name()).doesNotContain(c.secret(), "echo");
          if (flyte) {
            flyteRuns.add(run);
          }
          if (step.has("uses")) {
            assertThat(PINNED.matcher(step.path("uses").asText()).matches()).as(c.name() + ": " + step).isEqualTo(c.options().pinActions());
          }
        }
      });
      assertThat(text.split("secrets\\." + c.secret(), -1)).as(c.name()).hasSize(flyteRuns.size() + 1);
      assertThat(text).as(c.name()).doesNotContain(c.otherSecret());
      assertThat(jobs.path("deploy").path("environment").asText()).isEqualTo("flyte-flyte");
      assertThat(jobs.path("deploy").path("needs").asText()).as(c.name()).isEqualTo(base ? "base-image" : "");
      assertThat(jobs.path("base-image").path("outputs").path("BASE_IMAGE").asText()).as(c.name())
          .isEqualTo(base ? c.options().baseImage().get() + "@${{ steps.push.outputs.digest }}" : "");
      assertThat(jobs.path("deploy").path("steps").findValuesAsText("run")).as(c.name())
          .contains("uv sync --locked" + (c.options().pinActions() ? " --group ci --group deploy" : ""));
      checkFlyteCommands(c, flyteRuns, "${{ github.sha }}");
      checkConfig(c);
    }
  }

  @Test
  void gitlabJobsCarryExactlyWhatThePatternRequires() {
    for (Case c : cases(CiOptions.Provider.GITLAB)) {
      JsonNode pipeline = CiChecks.parsed(c.files().get(CiOptions.Provider.GITLAB.path()));
      JsonNode deploy = pipeline.path("deploy");
      boolean base = c.options().baseImage().isPresent();

      assertThat(pipeline.path("workflow").path("rules").toString()).as(c.name())
          .isEqualTo("[{\"if\":\"$CI_COMMIT_BRANCH == \\\"main\\\"\"}]");
      assertThat(deploy.path("environment").path("name").asText()).as(c.name()).isEqualTo("flyte-flyte");
      assertThat(deploy.path("resource_group").asText()).as(c.name()).isEqualTo("flyte-deploy-flyte");
      assertThat(deploy.path("image").asText()).as(c.name()).isEqualTo("ghcr.io/astral-sh/uv:python3.12-alpine");
      List<String> lines = new ArrayList<>();
      deploy.path("script").forEach(line -> lines.add(line.asText()));
      List<String> flyteRuns = lines.stream().filter(line -> line.startsWith("uv run flyte ")).toList();
      assertThat(lines).as(c.name()).contains(c.options().uvGroups().isEmpty() ? "uv sync --locked" : "uv sync --locked --group ci --group deploy");
      boolean docker = c.options().registry().isPresent();
      assertThat(deploy.path("services").toString()).as(c.name()).isEqualTo(docker ? "[\"docker:27-dind\"]" : "");
      if (docker) {
        int login = indexOf(lines, "docker login");
        assertThat(login).as(c.name()).isPositive().isLessThan(lines.indexOf(flyteRuns.get(0)));
      }
      pipeline.fields().forEachRemaining(entry -> {
        if (entry.getValue().has("script")) {
          assertThat(entry.getValue().has("environment")).as(c.name() + ": only the deploy job is in the environment")
              .isEqualTo(entry.getKey().equals("deploy"));
          assertThat(entry.getValue().path("script").toString()).as(c.name()).doesNotContain(c.secret(), c.otherSecret());
        }
      });
      assertThat(deploy.path("needs").toString()).as(c.name()).isEqualTo(base ? "[\"base-image\"]" : "");
      JsonNode baseJob = pipeline.path("base-image");
      assertThat(baseJob.path("artifacts").path("reports").path("dotenv").asText()).as(c.name()).isEqualTo(base ? "base-image.env" : "");
      if (base) {
        assertThat(baseJob.path("script").get(3).asText()).startsWith("echo \"BASE_IMAGE=$(docker inspect").endsWith("> base-image.env");
        assertThat(baseJob.path("services").toString()).isEqualTo("[\"docker:27-dind\"]");
      }
      checkFlyteCommands(c, flyteRuns, "$CI_COMMIT_SHA");
      checkConfig(c);
    }
  }

  private static int indexOf(List<String> lines, String part) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  /** Builds (when asked) before deploys, one per target, all with --copy-style none; deploys at the commit SHA. */
  private static void checkFlyteCommands(Case c, List<String> runs, String commitSha) {
    List<String> builds = runs.stream().filter(run -> run.startsWith("uv run flyte build ")).toList();
    List<String> deploys = runs.stream().filter(run -> run.startsWith("uv run flyte deploy ")).toList();
    assertThat(runs).as(c.name()).hasSize(builds.size() + deploys.size());
    assertThat(runs.subList(0, builds.size())).as(c.name() + ": builds first").isEqualTo(builds);
    assertThat(builds).as(c.name()).hasSize(c.options().build() ? c.options().targets().size() : 0)
        .allSatisfy(build -> assertThat(build).contains(" --copy-style none "));
    assertThat(deploys).as(c.name()).hasSize(c.options().targets().size())
        .allSatisfy(deploy -> assertThat(deploy).contains(" --copy-style none ", " --version \"" + commitSha + "\" "));
    if (c.options().targets().equals(RECURSIVE)) {
      assertThat(deploys).containsExactly("uv run flyte deploy --copy-style none --version \"" + commitSha + "\""
          + " --project flytesnacks --domain development --root-dir src --recursive src/workflows");
    } else {
      assertThat(deploys).containsExactly(
          "uv run flyte deploy --copy-style none --version \"" + commitSha + "\" --project flytesnacks --domain production src/ml/tasks.py env",
          "uv run flyte deploy --copy-style none --version \"" + commitSha + "\" --project flytesnacks --domain development"
              + " src/etl/tasks.py etl_env");
    }
  }

  /** The committed config: only keys the Flyte 2 CLI reads, the endpoint, the local builder, a variable's name but never a secret. */
  private static void checkConfig(Case c) {
    String text = c.files().get(".flyte/config.yaml");
    JsonNode config = CiChecks.parsed(text);
    List<String> keys = new ArrayList<>();
    config.fields().forEachRemaining(section -> section.getValue().fieldNames().forEachRemaining(key -> keys.add(section.getKey() + "." + key)));
    assertThat(keys).as(c.name()).isSubsetOf(CONFIG_KEYS);
    assertThat(config.path("admin").path("endpoint").asText()).isEqualTo("dns:///" + c.endpoint().host());
    assertThat(config.path("image").path("builder").asText()).isEqualTo("local");
    assertThat(config.path("image").path("registry").asText()).isEqualTo(c.options().registry().orElse(""));
    assertThat(config.path("task")).isEqualTo(CiChecks.parsed("{project: flytesnacks, domain: "
        + c.options().targets().get(0).domain() + "}"));
    assertThat(text).as(c.name()).doesNotContain("${{", "$CI_", "secrets.", c.otherSecret());
    if (c.options().signIn() == CiOptions.SignIn.CLIENT_SECRET) {
      assertThat(config.path("admin").path("authType").asText()).isEqualTo("ClientSecret");
      assertThat(config.path("admin").path("clientId").asText()).isEqualTo("flyte-ci");
      assertThat(config.path("admin").path("clientSecretEnvVar").asText()).isEqualTo("FLYTE_CLIENT_SECRET");
    } else {
      assertThat(keys).as(c.name() + ": an API key says the client itself").doesNotContain("admin.authType", "admin.clientId",
          "admin.clientSecretEnvVar");
    }
  }
}
