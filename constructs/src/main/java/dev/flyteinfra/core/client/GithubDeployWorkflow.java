package dev.flyteinfra.core.client;

import static dev.flyteinfra.core.config.ConfigTree.map;

import dev.flyteinfra.core.yaml.Yaml;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A GitHub Actions workflow that deploys a Flyte project on every push to its branch: it checks
 * the code out, installs flytekit, writes the client config for the deployment (no secret in it),
 * and registers each task environment in a step of its own with {@code pyflyte register},
 * versioned by the commit SHA. It signs in with an OAuth2 client whose secret is the repository
 * secret {@value #API_KEY_SECRET}, handed only to the register steps through the environment
 * (never echoed: flytekit reads it from the variable the config names). With an image, a job of
 * its own builds and pushes it, tagged with the commit SHA, before the deploy job runs.
 */
public final class GithubDeployWorkflow {
  /** The repository secret holding the OAuth2 client secret. */
  public static final String API_KEY_SECRET = "FLYTE_API_KEY";
  /** Where the workflow belongs in the user's repository. */
  public static final String PATH = ".github/workflows/flyte-deploy.yml";
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern PROJECT_PATH = Pattern.compile("[A-Za-z0-9_./-]+");
  private static final Pattern IMAGE = Pattern.compile("[a-z0-9.-]+(:\\d+)?(/[a-z0-9._-]+)+");
  private static final String CONFIG = "${{ runner.temp }}/flyte.yaml";

  /**
   * One task environment: the Python package or module path registered into a project and domain.
   *
   * @param name the step's name, e.g. {@code training}
   * @param path what {@code pyflyte register} registers, e.g. {@code workflows/training}
   */
  public record Target(String name, String project, String domain, String path) {}

  /**
   * @param targets the task environments, one register step each
   * @param image the image to build and push ({@code ghcr.io/org/repo}), tagged with the commit; empty: no build job
   * @param clientId the OAuth2 client the API key belongs to
   * @param branch the branch whose pushes deploy
   * @param flytekitVersion what {@code pip install flytekit==} takes
   * @param pythonVersion what {@code actions/setup-python} installs
   */
  public record Options(List<Target> targets, Optional<String> image, String clientId, String branch, String flytekitVersion,
      String pythonVersion) {}

  private GithubDeployWorkflow() {}

  /** Everything wrong with the options, as field path, problem and fix. */
  public static List<Problem> problems(FlyteDeployment deployment, Options options) {
    List<Problem> problems = new ArrayList<>();
    if (options.targets().isEmpty()) {
      problems.add(new Problem("target", "is required", "give one --target name=N,project=P,domain=D,path=PATH per task environment"));
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < options.targets().size(); i++) {
      Target target = options.targets().get(i);
      String path = "target[" + i + "]";
      if (target.name() == null || !NAME.matcher(target.name()).matches()) {
        problems.add(new Problem(path + ".name", "'" + target.name() + "' is not a name", "use lower-case letters, digits and '-'"));
      } else if (names.contains(target.name())) {
        problems.add(new Problem(path + ".name", "'" + target.name() + "' is given twice", "name every task environment once"));
      }
      names.add(target.name());
      ClientConfig.unknownProject(deployment, path + ".project", target.project()).ifPresent(problems::add);
      ClientConfig.unknownDomain(deployment, path + ".domain", target.domain()).ifPresent(problems::add);
      if (target.path() == null || !PROJECT_PATH.matcher(target.path()).matches() || target.path().contains("..")) {
        problems.add(new Problem(path + ".path", "'" + target.path() + "' is not a path in the repository",
            "give the package or module to register, relative to the repository root, e.g. workflows/training"));
      }
    }
    options.image().filter(image -> !IMAGE.matcher(image).matches()).ifPresent(image -> problems.add(new Problem("image",
        "'" + image + "' is not an image repository", "give REGISTRY/NAME without a tag, e.g. ghcr.io/acme/flyte-workflows")));
    if (options.clientId().isBlank()) {
      problems.add(new Problem("client-id", "is required", "give the OAuth2 client id the API key belongs to"));
    } else {
      ClientConfig.unknownClient(deployment, "client-id", options.clientId()).ifPresent(problems::add);
    }
    if (ClientConfig.insecure(deployment)) {
      problems.add(new Problem("ingress.host", "the workflow runs outside the cluster and needs Flyte's public endpoint",
          "set ingress.host in the deployment"));
    }
    return problems;
  }

  /** The workflow file's text. Call {@link #problems} first: this assumes the options are valid. */
  public static String yaml(FlyteDeployment deployment, Options options) {
    Map<String, Object> workflow = new LinkedHashMap<>();
    workflow.put("name", "Deploy Flyte workflows to " + deployment.name());
    workflow.put("on", Map.of("push", Map.of("branches", List.of(options.branch()))));
    workflow.put("permissions", Map.of("contents", "read"));
    // One deployment at a time: a later push waits for the one before instead of racing it.
    workflow.put("concurrency", map("group", "flyte-deploy-" + deployment.name(), "cancel-in-progress", false));
    Map<String, Object> jobs = new LinkedHashMap<>();
    options.image().ifPresent(image -> jobs.put("build", buildJob(image)));
    jobs.put("deploy", deployJob(deployment, options));
    workflow.put("jobs", jobs);
    return "# Generated by flyte-infra (flyte-infra ci-workflow --provider github). Commit it as " + PATH + ";\n"
        + "# store the OAuth2 client secret of '" + options.clientId() + "' as the repository secret " + API_KEY_SECRET + ".\n"
        + Yaml.write(workflow);
  }

  /** Builds the image from the repository's Dockerfile and pushes it, tagged with the commit. */
  private static Map<String, Object> buildJob(String image) {
    String registry = image.substring(0, image.indexOf('/'));
    boolean ghcr = registry.equals("ghcr.io");
    List<Object> steps = new ArrayList<>();
    steps.add(map("uses", "actions/checkout@v4"));
    steps.add(map("uses", "docker/setup-buildx-action@v3"));
    steps.add(map("uses", "docker/login-action@v3", "with", map(
        "registry", registry,
        "username", ghcr ? "${{ github.actor }}" : "${{ secrets.REGISTRY_USERNAME }}",
        "password", ghcr ? "${{ secrets.GITHUB_TOKEN }}" : "${{ secrets.REGISTRY_PASSWORD }}")));
    steps.add(map("uses", "docker/build-push-action@v6", "with", map(
        "context", ".", "push", true, "tags", image + ":${{ github.sha }}")));
    Map<String, Object> permissions = ghcr ? map("contents", "read", "packages", "write") : map("contents", "read");
    return map("runs-on", "ubuntu-latest", "permissions", permissions, "steps", steps);
  }

  private static Map<String, Object> deployJob(FlyteDeployment deployment, Options options) {
    List<Object> steps = new ArrayList<>();
    steps.add(map("uses", "actions/checkout@v4"));
    steps.add(map("uses", "actions/setup-python@v5", "with", map("python-version", options.pythonVersion())));
    steps.add(map("name", "Install flytekit", "run", "pip install flytekit==" + options.flytekitVersion()));
    ClientConfig.Options signIn = new ClientConfig.Options(ClientConfig.AuthType.CLIENT_SECRET, Optional.of(options.clientId()),
        Optional.of(API_KEY_SECRET), Optional.empty(), Optional.empty());
    steps.add(map("name", "Write the Flyte client config (no secret in it)",
        "run", "cat > \"" + CONFIG + "\" <<'EOF'\n" + Yaml.write(ClientConfig.of(deployment, signIn)) + "EOF\n"));
    for (Target target : options.targets()) {
      StringBuilder register = new StringBuilder("pyflyte --config \"" + CONFIG + "\" register")
          .append(" --project ").append(target.project())
          .append(" --domain ").append(target.domain())
          .append(" --version \"${{ github.sha }}\"");
      options.image().ifPresent(image -> register.append(" --image \"").append(image).append(":${{ github.sha }}\""));
      register.append(' ').append(target.path());
      steps.add(map(
          "name", "Register " + target.name() + " (" + target.project() + "/" + target.domain() + ")",
          "env", map(API_KEY_SECRET, "${{ secrets." + API_KEY_SECRET + " }}"),
          "run", register.toString()));
    }
    Map<String, Object> job = map("runs-on", "ubuntu-latest");
    if (options.image().isPresent()) {
      job.put("needs", "build");
    }
    job.put("steps", steps);
    return job;
  }
}
