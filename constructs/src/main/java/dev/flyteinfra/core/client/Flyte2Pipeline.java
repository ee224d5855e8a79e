package dev.flyteinfra.core.client;

import dev.flyteinfra.core.model.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Flyte 2 pipeline, as the Flyte 2 CLI deploys a uv-managed project: {@code uv sync} of the
 * project and its dependency groups (the {@code flyte} CLI among them), optionally
 * {@code flyte build} of each TaskEnvironment's image, then {@code flyte deploy} of each, all with
 * the same {@code --copy-style} and the commit SHA as {@code --version}. It signs in from the
 * committed {@code .flyte/config.yaml} with a client secret or an API key, handed only to the
 * build and deploy steps. With a base image, a job of its own builds and pushes it first and hands
 * it to the deploy job as {@code BASE_IMAGE}.
 */
final class Flyte2Pipeline {
  /** What a job that builds a base image hands on: its URI by digest. */
  static final String BASE_IMAGE = "BASE_IMAGE";
  static final List<String> COPY_STYLES = List.of("none", "loaded_modules", "all");
  private static final Pattern PYTHON_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");

  private Flyte2Pipeline() {}

  /** What only Flyte 2 refuses: the targets, the sign-in, the copy styles, the build and its registry. */
  static List<Problem> problems(FlyteEndpoint endpoint, CiOptions options) {
    List<Problem> problems = new ArrayList<>();
    Set<CiTarget> seen = new HashSet<>();
    for (int i = 0; i < options.targets().size(); i++) {
      CiTarget target = options.targets().get(i);
      String path = "target[" + i + "]";
      if (!target.recursive()) {
        String name = target.name().orElse(null);
        if (name == null || !PYTHON_NAME.matcher(name).matches()) {
          problems.add(new Problem(path + ".env", "'" + name + "' is not the name of a Python variable",
              "give the variable the TaskEnvironment is assigned to in the task file, e.g. env"));
        }
        if (!target.path().endsWith(".py")) {
          problems.add(new Problem(path + ".path", "'" + target.path() + "' is not a Python file",
              "give the task file (where the environment's tasks are decorated, so they register), e.g. src/ml/tasks.py"));
        }
      }
      options.rootDir().filter(root -> !CiWorkflow.isUnder(target.path(), root)).ifPresent(root -> problems.add(new Problem(
          path + ".path", "'" + target.path() + "' is not under the root dir '" + root + "'",
          "give a path under " + root + ", or another --root-dir")));
      if (!seen.add(target)) {
        problems.add(new Problem(path, "is given twice", "deploy every target once"));
      }
    }
    options.rootDir().flatMap(root -> CiWorkflow.badPath("root-dir", root)).ifPresent(problems::add);
    if (options.signIn() == CiOptions.SignIn.API_KEY && endpoint.selfHosted()) {
      problems.add(new Problem("sign-in", "an API key exists only on a hosted tenant (flyte create api-key); "
          + "a self-hosted Flyte 2 signs in at its identity provider", "use client-secret with a client-credentials app of your identity provider"));
    }
    if (options.signIn() == CiOptions.SignIn.CLIENT_SECRET && options.clientId().isBlank()) {
      problems.add(new Problem("client-id", "is required with client-secret", "give the id of the identity provider's client-credentials app"));
    }
    if (!COPY_STYLES.contains(options.copyStyle())) {
      problems.add(new Problem("copy-style", "'" + options.copyStyle() + "' is not a copy style", "use one of " + COPY_STYLES));
    }
    options.buildCopyStyle().filter(style -> !style.equals(options.copyStyle())).ifPresent(style -> problems.add(new Problem(
        "build-copy-style", "'" + style + "' differs from the deploy's '" + options.copyStyle() + "': the image hashes would differ and "
            + "flyte deploy would build again", "give build and deploy the same copy style")));
    if (options.build() && options.targets().stream().anyMatch(CiTarget::recursive)) {
      problems.add(new Problem("build", "flyte build takes one environment of a task file, not a folder",
          "give each environment as env=ENV,path=FILE, or build without --build (flyte deploy builds what is missing)"));
    }
    if (options.build() && options.registry().isEmpty()) {
      problems.add(new Problem("registry", "is required with build: the local builder pushes the images there",
          "give the registry, e.g. ghcr.io/acme"));
    }
    if (options.baseImage().isPresent() && !options.build()) {
      problems.add(new Problem("base-image", "is layered on by flyte build, which does not run", "add build"));
    }
    options.baseImage().flatMap(image -> CiWorkflow.badRepository("base-image", image)).ifPresent(problems::add);
    for (int i = 0; i < options.uvGroups().size(); i++) {
      String group = options.uvGroups().get(i);
      if (!GROUP.matcher(group).matches()) {
        problems.add(new Problem("uv-group[" + i + "]", "'" + group + "' is not a dependency group name",
            "give a group of the project's [dependency-groups], e.g. ci"));
      }
    }
    problems.addAll(Flyte2ClientConfig.problems(endpoint, config(options)));
    if (endpoint.insecure()) {
      problems.add(CiWorkflow.noPublicEndpoint());
    }
    return problems;
  }

  /** The committed {@code .flyte/config.yaml}'s options: the sign-in, the local builder, the first target's project and domain. */
  static Flyte2ClientConfig.Options config(CiOptions options) {
    boolean clientSecret = options.signIn() == CiOptions.SignIn.CLIENT_SECRET;
    Optional<CiTarget> first = options.targets().stream().findFirst();
    return new Flyte2ClientConfig.Options(
        clientSecret ? Optional.of(ClientConfig.AuthType.CLIENT_SECRET) : Optional.empty(),
        clientSecret ? Optional.of(options.clientId()) : Optional.empty(),
        clientSecret ? Optional.of(CiOptions.CLIENT_SECRET) : Optional.empty(),
        clientSecret ? options.scopes() : List.of(), Optional.empty(), Flyte2ClientConfig.ImageBuilder.LOCAL, options.registry(),
        Optional.empty(), first.map(CiTarget::project), first.map(CiTarget::domain));
  }

  /** The secret the build and deploy steps are given. */
  static String secret(CiOptions options) {
    return options.signIn() == CiOptions.SignIn.API_KEY ? CiOptions.API_KEY : CiOptions.CLIENT_SECRET;
  }

  /** The pipeline. Call {@link #problems} first: this assumes the options are valid. */
  static CiPipeline plan(String name, CiOptions options, String environment) {
    String secret = secret(options);
    List<String> inputs = options.baseImage().isPresent() ? List.of(BASE_IMAGE) : List.of();
    List<CiPipeline.Job> jobs = new ArrayList<>();
    options.baseImage().ifPresent(image -> jobs.add(new CiPipeline.Job("base-image", CiPipeline.Tools.NONE, options.pythonVersion(),
        true, Optional.empty(), Optional.empty(), false,
        List.of(new CiPipeline.RegistryLogin(image), new CiPipeline.BuildPush(image, Optional.of(BASE_IMAGE))))));
    List<CiPipeline.Step> steps = new ArrayList<>();
    StringBuilder sync = new StringBuilder("uv sync --locked");
    options.uvGroups().forEach(group -> sync.append(" --group ").append(group));
    steps.add(new CiPipeline.Run("Install the project and the flyte CLI", sync.toString(), List.of(), List.of()));
    options.registry().ifPresent(registry -> steps.add(new CiPipeline.RegistryLogin(registry)));
    String rootDir = options.rootDir().map(root -> " --root-dir " + root).orElse("");
    if (options.build()) {
      for (CiTarget target : options.targets()) {
        steps.add(new CiPipeline.Run("Build " + target.name().orElseThrow() + " (" + target.path() + ")",
            "uv run flyte build --copy-style " + options.copyStyle() + " " + target.path() + " " + target.name().orElseThrow(),
            List.of(secret), inputs));
      }
    }
    for (CiTarget target : options.targets()) {
      String deploy = "uv run flyte deploy --copy-style " + options.copyStyle() + " --version \"" + options.provider().commitSha() + "\""
          + " --project " + target.project() + " --domain " + target.domain() + rootDir
          + (target.recursive() ? " --recursive " + target.path() : " " + target.path() + " " + target.name().orElseThrow());
      String what = target.recursive() ? "everything under " + target.path() : target.name().orElseThrow();
      steps.add(new CiPipeline.Run("Deploy " + what + " (" + target.place() + ")", deploy, List.of(secret), inputs));
    }
    jobs.add(new CiPipeline.Job("deploy", CiPipeline.Tools.UV, options.pythonVersion(), options.registry().isPresent(),
        options.baseImage().map(image -> "base-image"), Optional.of(environment), true, steps));
    String what = options.signIn() == CiOptions.SignIn.API_KEY
        ? "the API key of the hosted tenant (flyte create api-key)"
        : "the client secret of '" + options.clientId() + "' (the identity provider's client-credentials app)";
    return new CiPipeline("Deploy Flyte 2 environments to " + name, options.branch(), "flyte-deploy-" + name,
        List.of(new CiPipeline.Secret(secret, what)), jobs);
  }
}
