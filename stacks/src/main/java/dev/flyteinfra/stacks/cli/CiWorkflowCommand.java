package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.core.client.CiOptions;
import dev.flyteinfra.core.client.CiTarget;
import dev.flyteinfra.core.client.CiWorkflow;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.model.Problem;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flyte-infra ci-workflow}: a CI workflow that deploys a Flyte project to a deployment on every push. */
@Command(
    name = "ci-workflow",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a CI workflow (GitHub Actions or GitLab CI) that deploys a Flyte project to the deployment on every push to a branch,"
          + " as the deployment's Flyte deploys: one step per --target, versioned by the commit SHA, signed in from a secret that"
          + " only those steps receive, kept in a CI environment, one deploy at a time.",
      "Flyte 1: pyflyte register (flytekit), the OAuth2 client secret in the secret " + CiOptions.CLIENT_SECRET + "; with --image,"
          + " a job of its own builds and pushes the image first.",
      "Flyte 2: uv sync, then flyte deploy --copy-style none (optionally flyte build first, on a --base-image), signed in with a client"
          + " secret (" + CiOptions.CLIENT_SECRET + ") or, on a hosted tenant, an API key (" + CiOptions.API_KEY + "); it also writes"
          + " the committed .flyte/config.yaml.",
      "Bad input: exit status 2, every problem listed, nothing written."
    })
final class CiWorkflowCommand implements Callable<Integer> {
  private static final List<String> FLYTE1_ONLY = List.of("--image", "--flytekit-version");
  private static final List<String> FLYTE2_ONLY = List.of("--sign-in", "--scope", "--uv-group", "--root-dir", "--build", "--copy-style",
      "--build-copy-style", "--base-image", "--registry");

  @Option(names = "--provider", paramLabel = "NAME", required = true, description = "The CI system: github or gitlab.")
  String provider;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "The deployment config file (with ingress.host).")
  Path config;

  @Option(names = "--target", paramLabel = "TARGET", required = true, description = {
      "What one step deploys; repeatable. Flyte 1: name=N,project=P,domain=D,path=PACKAGE (what pyflyte register registers).",
      "Flyte 2: env=ENV,project=P,domain=D,path=FILE.py (the TaskEnvironment's variable in its task file), or "
          + "project=P,domain=D,path=DIR,recursive=true (every environment under DIR)."})
  List<String> targets;

  @Option(names = "--branch", paramLabel = "BRANCH", defaultValue = "main", description = "The branch that deploys. Default: ${DEFAULT-VALUE}.")
  String branch;

  @Option(names = "--environment", paramLabel = "NAME", description = "The CI environment holding the secrets. Default: flyte-<deployment name>.")
  String environment;

  @Option(names = "--client-id", paramLabel = "ID", defaultValue = "flyte-ci",
      description = "The OAuth2 client CI signs in as (Flyte 1, and Flyte 2 with --sign-in client-secret). Default: ${DEFAULT-VALUE}.")
  String clientId;

  @Option(names = "--python-version", paramLabel = "VERSION", defaultValue = "3.12", description = "Default: ${DEFAULT-VALUE}.")
  String pythonVersion;

  @Option(names = "--pin-actions", description = "GitHub: pin every action to the commit of its release.")
  boolean pinActions;

  @Option(names = "--image", paramLabel = "REPOSITORY", description = "Flyte 1: build the repository's Dockerfile and push it as REPOSITORY:<commit SHA>.")
  String image;

  @Option(names = "--flytekit-version", paramLabel = "VERSION", defaultValue = "1.16.*",
      description = "Flyte 1: the flytekit release pip installs. Default: ${DEFAULT-VALUE}.")
  String flytekitVersion;

  @Option(names = "--sign-in", paramLabel = "HOW", defaultValue = "client-secret",
      description = "Flyte 2: client-secret (a client-credentials app of your identity provider) or api-key (a hosted tenant's). Default: ${DEFAULT-VALUE}.")
  String signIn;

  @Option(names = "--scope", paramLabel = "SCOPE", description = "Flyte 2: a scope the client asks its token for; repeatable.")
  List<String> scopes = new ArrayList<>();

  @Option(names = "--uv-group", paramLabel = "GROUP", description = "Flyte 2: a dependency group uv sync installs; repeatable.")
  List<String> uvGroups = new ArrayList<>();

  @Option(names = "--root-dir", paramLabel = "DIR", description = "Flyte 2: the root of the Python sources (flyte deploy --root-dir).")
  String rootDir;

  @Option(names = "--build", description = "Flyte 2: flyte build each environment's image before deploying (needs --registry).")
  boolean build;

  @Option(names = "--copy-style", paramLabel = "STYLE", defaultValue = "none",
      description = "Flyte 2: none, loaded_modules or all. Default: ${DEFAULT-VALUE}.")
  String copyStyle;

  @Option(names = "--build-copy-style", paramLabel = "STYLE", description = "Flyte 2: flyte build's copy style; must equal --copy-style. Default: the same.")
  String buildCopyStyle;

  @Option(names = "--base-image", paramLabel = "REPOSITORY",
      description = "Flyte 2: a job first builds the repository's Dockerfile, pushes it as REPOSITORY:<commit SHA> and hands it to the build as BASE_IMAGE.")
  String baseImage;

  @Option(names = "--registry", paramLabel = "REGISTRY", description = "Flyte 2: where the images are pushed (image.registry), logged in to first.")
  String registry;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE",
      description = "Flyte 1: where to write the workflow. Default: standard output. For GitHub, e.g.:%n" + CiOptions.GITHUB_WORKFLOW)
  Path out;

  @Option(names = "--repo", paramLabel = "DIR",
      description = "The repository to write into: the workflow at its place (.github/workflows/flyte-deploy.yml, .gitlab-ci.yml) and, for Flyte 2, .flyte/config.yaml.")
  Path repo;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Inputs inputs = Inputs.load(List.of(config));
    Optional<CiOptions.Provider> system = switch (provider) {
      case "github" -> Optional.of(CiOptions.Provider.GITHUB);
      case "gitlab" -> Optional.of(CiOptions.Provider.GITLAB);
      default -> Optional.empty();
    };
    if (system.isEmpty()) {
      inputs.addProblem(config, new Problem("provider", "'" + provider + "' is not a CI system this writes for", "use github or gitlab"));
    }
    Optional<CiOptions.SignIn> signInWay = switch (signIn) {
      case "client-secret" -> Optional.of(CiOptions.SignIn.CLIENT_SECRET);
      case "api-key" -> Optional.of(CiOptions.SignIn.API_KEY);
      default -> Optional.empty();
    };
    if (signInWay.isEmpty()) {
      inputs.addProblem(config, new Problem("sign-in", "'" + signIn + "' is not a way to sign in", "use client-secret or api-key"));
    }
    List<ParsedTarget> parsed = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Optional<ParsedTarget> target = parseTarget(targets.get(i));
      if (target.isPresent()) {
        parsed.add(target.get());
      } else {
        inputs.addProblem(config, new Problem("target[" + i + "]", "'" + targets.get(i) + "' is not a target",
            "write name=training,project=ml,domain=production,path=workflows/training (Flyte 1), env=env,project=ml,"
                + "domain=production,path=src/ml/tasks.py or project=ml,domain=production,path=src/ml,recursive=true (Flyte 2)"));
      }
    }
    if (out != null && repo != null) {
      inputs.addProblem(new Problem("--out", "and --repo are both given", "give one: --repo writes every file at its place in the repository"));
    }
    // The checks below need the deployment and every target in its place (a problem's path is its index).
    if (!inputs.configs().containsKey(config) || system.isEmpty() || signInWay.isEmpty() || parsed.size() < targets.size()) {
      return inputs.report(spec.commandLine().getErr());
    }
    FlyteDeployment deployment = inputs.configs().get(config).deployment();
    boolean flyte2 = deployment.generation() == Generation.FLYTE_2;
    for (String option : flyte2 ? FLYTE1_ONLY : FLYTE2_ONLY) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        inputs.addProblem(config, new Problem(option.substring(2), "is for Flyte " + (flyte2 ? 1 : 2) + " deployments, and "
            + deployment.name() + " runs Flyte " + deployment.flyteVersion(), "remove it"));
      }
    }
    for (int i = 0; i < parsed.size(); i++) {
      String key = parsed.get(i).nameKey();
      if (key != null && !key.equals(flyte2 ? "env" : "name")) {
        inputs.addProblem(config, new Problem("target[" + i + "]." + key, "is not a key of a Flyte " + (flyte2 ? 2 : 1) + " target",
            flyte2 ? "give the TaskEnvironment's variable as env=" : "give the step's name as name="));
      }
    }
    CiOptions options = CiOptions.builder()
        .provider(system.get())
        .targets(parsed.stream().map(ParsedTarget::target).toList())
        .branch(branch)
        .environment(Optional.ofNullable(environment))
        .clientId(clientId)
        .pythonVersion(pythonVersion)
        .pinActions(pinActions)
        .image(Optional.ofNullable(image))
        .flytekitVersion(flytekitVersion)
        .signIn(signInWay.get())
        .scopes(scopes)
        .uvGroups(uvGroups)
        .rootDir(Optional.ofNullable(rootDir))
        .build(build)
        .copyStyle(copyStyle)
        .buildCopyStyle(Optional.ofNullable(buildCopyStyle))
        .baseImage(Optional.ofNullable(baseImage))
        .registry(Optional.ofNullable(registry))
        .build();
    CiWorkflow.problems(deployment, options).forEach(problem -> inputs.addProblem(config, problem));
    if (out != null) {
      if (flyte2) {
        inputs.addProblem(new Problem("--out", "names one file, and a Flyte 2 workflow comes with .flyte/config.yaml",
            "give --repo DIR, the repository to write both into"));
      }
      OutputPaths.fileProblem(out).ifPresent(inputs::addProblem);
    }
    if (repo != null) {
      OutputPaths.folderProblem(repo).map(p -> new Problem("--repo", p.message(), p.fix())).ifPresent(inputs::addProblem);
    }
    if (inputs.hasProblems()) {
      return inputs.report(spec.commandLine().getErr());
    }
    SortedMap<String, String> files = CiWorkflow.files(deployment, options);
    try {
      if (repo != null) {
        files.forEach((path, text) -> OutputFile.write(repo.resolve(path), text, spec.commandLine().getOut()));
      } else if (out != null) {
        OutputFile.write(out, files.get(options.provider().path()), spec.commandLine().getOut());
      } else {
        StringBuilder text = new StringBuilder();
        files.forEach((path, content) -> text.append(text.length() == 0 ? "" : "---\n").append("# ").append(path).append('\n').append(content));
        OutputFile.write(null, files.size() == 1 ? files.get(options.provider().path()) : text.toString(), spec.commandLine().getOut());
      }
    } catch (UncheckedIOException e) {
      inputs.addProblem(OutputPaths.writeFailure(e));
      return inputs.report(spec.commandLine().getErr());
    }
    return 0;
  }

  /** A target as given: {@code nameKey} is the key that named it ({@code name} or {@code env}), null for a recursive one. */
  record ParsedTarget(CiTarget target, String nameKey) {}

  /**
   * {@code name=N,project=P,domain=D,path=PATH}, {@code env=ENV,project=P,domain=D,path=FILE} or
   * {@code project=P,domain=D,path=DIR,recursive=true}, with exactly these keys.
   */
  static Optional<ParsedTarget> parseTarget(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int equals = pair.indexOf('=');
      if (equals <= 0 || fields.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim()) != null) {
        return Optional.empty();
      }
    }
    for (String key : List.of("name", "env")) {
      if (fields.keySet().equals(Set.of(key, "project", "domain", "path"))) {
        return Optional.of(new ParsedTarget(CiTarget.of(fields.get(key), fields.get("project"), fields.get("domain"), fields.get("path")), key));
      }
    }
    if (fields.keySet().equals(Set.of("project", "domain", "path", "recursive")) && fields.get("recursive").equals("true")) {
      return Optional.of(new ParsedTarget(CiTarget.recursive(fields.get("project"), fields.get("domain"), fields.get("path")), null));
    }
    return Optional.empty();
  }
}
