package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.core.client.GithubDeployWorkflow;
import dev.flyteinfra.core.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flyte-infra ci-workflow}: a CI workflow that deploys a Flyte project to a deployment on every push. */
@Command(
    name = "ci-workflow",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a CI workflow that registers a Flyte project with the deployment on every push.",
      "One pyflyte register step per task environment (--target), versioned by the commit SHA, signed in with the OAuth2 "
          + "client secret in the repository secret " + GithubDeployWorkflow.API_KEY_SECRET + " (never echoed); with --image, a job "
          + "of its own builds and pushes the image first.",
      "Bad input: exit status 2, every problem listed, nothing written."
    })
final class CiWorkflowCommand implements Callable<Integer> {
  @Option(names = "--provider", paramLabel = "NAME", required = true, description = "The CI system: github.")
  String provider;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "The deployment config file (with ingress.host).")
  Path config;

  @Option(names = "--target", paramLabel = "name=N,project=P,domain=D,path=PATH", required = true,
      description = "A task environment to register: a step name, its project and domain, and the package or module path; repeatable.")
  List<String> targets;

  @Option(names = "--image", paramLabel = "REPOSITORY", description = "Build the repository's Dockerfile and push it as REPOSITORY:<commit SHA>.")
  String image;

  @Option(names = "--client-id", paramLabel = "ID", defaultValue = "flyte-ci",
      description = "The OAuth2 client the API key belongs to. Default: ${DEFAULT-VALUE}.")
  String clientId;

  @Option(names = "--branch", paramLabel = "BRANCH", defaultValue = "main", description = "The branch that deploys. Default: ${DEFAULT-VALUE}.")
  String branch;

  @Option(names = "--flytekit-version", paramLabel = "VERSION", defaultValue = "1.16.*",
      description = "The flytekit release pip installs. Default: ${DEFAULT-VALUE}.")
  String flytekitVersion;

  @Option(names = "--python-version", paramLabel = "VERSION", defaultValue = "3.12", description = "Default: ${DEFAULT-VALUE}.")
  String pythonVersion;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write it. Default: standard output. For GitHub, e.g.:%n"
      + GithubDeployWorkflow.PATH)
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Inputs inputs = Inputs.load(List.of(config));
    if (!provider.equals("github")) {
      inputs.addProblem(config, new Problem("provider", "'" + provider + "' is not a CI system this writes for", "use github"));
    }
    List<GithubDeployWorkflow.Target> parsed = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Optional<GithubDeployWorkflow.Target> target = parseTarget(targets.get(i));
      if (target.isPresent()) {
        parsed.add(target.get());
      } else {
        inputs.addProblem(config, new Problem("target[" + i + "]", "'" + targets.get(i) + "' does not give name, project, domain and path",
            "write it as name=training,project=ml,domain=production,path=workflows/training"));
      }
    }
    GithubDeployWorkflow.Options options = new GithubDeployWorkflow.Options(parsed, Optional.ofNullable(image), clientId, branch,
        flytekitVersion, pythonVersion);
    return inputs.writeFromOne(config, deployment -> GithubDeployWorkflow.problems(deployment, options),
        deployment -> GithubDeployWorkflow.yaml(deployment, options), out, spec);
  }

  /** {@code name=N,project=P,domain=D,path=PATH}, with exactly these four keys. */
  static Optional<GithubDeployWorkflow.Target> parseTarget(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int equals = pair.indexOf('=');
      if (equals <= 0 || fields.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim()) != null) {
        return Optional.empty();
      }
    }
    if (!fields.keySet().equals(Set.of("name", "project", "domain", "path"))) {
      return Optional.empty();
    }
    return Optional.of(new GithubDeployWorkflow.Target(fields.get("name"), fields.get("project"), fields.get("domain"), fields.get("path")));
  }
}
