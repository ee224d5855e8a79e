package dev.flyteinfra.core.client;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A CI workflow that deploys a Flyte project on every push to its branch, for GitHub Actions or
 * GitLab CI, as the deployment's generation of Flyte deploys: Flyte 1 with {@code pyflyte register}
 * ({@link Flyte1Pipeline}), Flyte 2 with {@code flyte deploy} and a committed
 * {@code .flyte/config.yaml} ({@link Flyte2Pipeline}). Both sign in from a secret that only the
 * steps which talk to Flyte receive, kept in a CI environment that scopes it, deploy one at a time,
 * and never run for pull or merge requests.
 */
public final class CiWorkflow {
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_./-]*");
  private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9.-]+(:\\d+)?(/[a-z0-9._-]+)+");
  private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]*");
  private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]*");
  private static final Pattern PLACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:/@+-]*");
  private static final Pattern PYTHON_VERSION = Pattern.compile("3\\.\\d+(\\.\\d+)?");
  private static final Pattern PACKAGE_VERSION = Pattern.compile("[0-9][0-9A-Za-z.*+!-]*");

  private CiWorkflow() {}

  /** Everything wrong with the options for this deployment, as field path, problem and fix. */
  public static List<Problem> problems(FlyteDeployment deployment, CiOptions options) {
    List<Problem> problems = common(options);
    for (int i = 0; i < options.targets().size(); i++) {
      CiTarget target = options.targets().get(i);
      if (PLACE.matcher(target.project()).matches()) {
        ClientConfig.unknownProject(deployment, "target[" + i + "].project", target.project()).ifPresent(problems::add);
      }
      if (PLACE.matcher(target.domain()).matches()) {
        ClientConfig.unknownDomain(deployment, "target[" + i + "].domain", target.domain()).ifPresent(problems::add);
      }
    }
    problems.addAll(deployment.generation() == Generation.FLYTE_2
        ? Flyte2Pipeline.problems(FlyteEndpoint.of(deployment), options)
        : Flyte1Pipeline.problems(deployment, options));
    return problems;
  }

  /**
   * The files to commit, by path from the repository's root: the workflow, and for Flyte 2 the
   * CLI's config. Call {@link #problems} first: this assumes the options are valid.
   */
  public static SortedMap<String, String> files(FlyteDeployment deployment, CiOptions options) {
    if (deployment.generation() == Generation.FLYTE_2) {
      return flyte2Files(deployment.name(), FlyteEndpoint.of(deployment), options);
    }
    SortedMap<String, String> files = new TreeMap<>();
    files.put(options.provider().path(), write(Flyte1Pipeline.plan(deployment, options, environment(deployment.name(), options)), options));
    return files;
  }

  /**
   * Everything wrong with the options of a Flyte 2 pipeline for an endpoint that no deployment of
   * this library describes (a hosted tenant), or before one is validated.
   */
  public static List<Problem> flyte2Problems(FlyteEndpoint endpoint, CiOptions options) {
    List<Problem> problems = common(options);
    problems.addAll(Flyte2Pipeline.problems(endpoint, options));
    return problems;
  }

  /**
   * The files of a Flyte 2 pipeline named {@code name} (the deployment's name: the title, the
   * environment and the concurrency group say it) that deploys to {@code endpoint}.
   */
  public static SortedMap<String, String> flyte2Files(String name, FlyteEndpoint endpoint, CiOptions options) {
    SortedMap<String, String> files = new TreeMap<>();
    files.put(options.provider().path(), write(Flyte2Pipeline.plan(name, options, environment(name, options)), options));
    files.put(Flyte2ClientConfig.REPOSITORY_PATH, Flyte2ClientConfig.yaml(endpoint, Flyte2Pipeline.config(options)));
    return files;
  }

  private static String write(CiPipeline pipeline, CiOptions options) {
    return switch (options.provider()) {
      case GITHUB -> GithubWorkflowYaml.write(pipeline, options.pinActions());
      case GITLAB -> GitlabCiYaml.write(pipeline);
    };
  }

  private static String environment(String name, CiOptions options) {
    return options.environment().orElse("flyte-" + name);
  }

  /**
   * What every generation refuses: no target, a path outside the repository, and any value that
   * is not what its option names (each lands in a script or the file, so none may carry quotes,
   * spaces or line breaks).
   */
  private static List<Problem> common(CiOptions options) {
    List<Problem> problems = new ArrayList<>();
    if (options.targets().isEmpty()) {
      problems.add(new Problem("target", "is required", "give one --target per task environment"));
    }
    for (int i = 0; i < options.targets().size(); i++) {
      CiTarget target = options.targets().get(i);
      badPath("target[" + i + "].path", target.path()).ifPresent(problems::add);
      for (String[] place : List.of(new String[] {"project", target.project()}, new String[] {"domain", target.domain()})) {
        if (place[1] == null || !PLACE.matcher(place[1]).matches()) {
          problems.add(new Problem("target[" + i + "]." + place[0], "'" + place[1] + "' is not a " + place[0] + " name",
              "use letters, digits, '-' and '_'"));
        }
      }
    }
    if (!options.clientId().isBlank() && !CLIENT_ID.matcher(options.clientId()).matches()) {
      problems.add(new Problem("client-id", "'" + options.clientId() + "' is not a client id", "give the OAuth2 client's id as its provider shows it"));
    }
    if (!PYTHON_VERSION.matcher(options.pythonVersion()).matches()) {
      problems.add(new Problem("python-version", "'" + options.pythonVersion() + "' is not a Python 3 version", "give e.g. 3.12"));
    }
    if (!PACKAGE_VERSION.matcher(options.flytekitVersion()).matches()) {
      problems.add(new Problem("flytekit-version", "'" + options.flytekitVersion() + "' is not a version", "give e.g. 1.16.* or 1.16.3"));
    }
    if (!BRANCH.matcher(options.branch()).matches() || options.branch().contains("..")) {
      problems.add(new Problem("branch", "'" + options.branch() + "' is not a branch name", "give the branch that deploys, e.g. main"));
    }
    options.environment().filter(environment -> !ENVIRONMENT.matcher(environment).matches()).ifPresent(environment -> problems.add(
        new Problem("environment", "'" + environment + "' is not an environment name", "use letters, digits, '-', '_', '.' and '/'")));
    if (options.pinActions() && options.provider() != CiOptions.Provider.GITHUB) {
      problems.add(new Problem("pin-actions", "is for GitHub Actions", "remove it; pin the images of the jobs instead"));
    }
    return problems;
  }

  /** A problem at {@code field} when {@code path} is not a relative path inside the repository. */
  static Optional<Problem> badPath(String field, String path) {
    boolean inside = path != null && PATH.matcher(path).matches() && !List.of(path.split("/")).contains("..");
    return inside ? Optional.empty() : Optional.of(new Problem(field, "'" + path + "' is not a path in the repository",
        "give a path relative to the repository's root, without '..', e.g. workflows/training"));
  }

  /** Whether {@code path} is {@code folder} or under it (both relative, '/'-separated). */
  static boolean isUnder(String path, String folder) {
    String root = folder.endsWith("/") ? folder : folder + "/";
    return path.equals(folder) || path.startsWith(root) || folder.equals(".");
  }

  /** A problem at {@code field} when {@code image} is not a repository without a tag. */
  static Optional<Problem> badRepository(String field, String image) {
    return REPOSITORY.matcher(image).matches() ? Optional.empty() : Optional.of(new Problem(field,
        "'" + image + "' is not an image repository", "give REGISTRY/NAME without a tag, e.g. ghcr.io/acme/flyte-workflows"));
  }

  /** The problem of a deployment that CI, outside the cluster, cannot reach. */
  static Problem noPublicEndpoint() {
    return new Problem("ingress.host", "the workflow runs outside the cluster and needs Flyte's public endpoint",
        "set ingress.host in the deployment");
  }
}
