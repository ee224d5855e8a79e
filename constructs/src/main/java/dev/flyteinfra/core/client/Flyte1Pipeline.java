package dev.flyteinfra.core.client;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.yaml.Yaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Flyte 1 pipeline: it installs flytekit, writes the client config for the deployment (no
 * secret in it), and registers each target in a step of its own with {@code pyflyte register},
 * versioned by the commit SHA, signed in as an OAuth2 client whose secret is the CI secret
 * {@value CiOptions#CLIENT_SECRET}, handed only to the register steps (flytekit reads it from the
 * variable the config names). With an image, a job of its own builds and pushes it first.
 */
final class Flyte1Pipeline {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private Flyte1Pipeline() {}

  /** What only Flyte 1 refuses: the targets' names, the image, the client and a public endpoint. */
  static List<Problem> problems(FlyteDeployment deployment, CiOptions options) {
    List<Problem> problems = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < options.targets().size(); i++) {
      CiTarget target = options.targets().get(i);
      String path = "target[" + i + "]";
      String name = target.name().orElse(null);
      if (target.recursive()) {
        problems.add(new Problem(path, "a recursive target is for Flyte 2's flyte deploy",
            "give name=N,project=P,domain=D,path=PATH: pyflyte register registers a package and everything under it"));
      } else if (name == null || !NAME.matcher(name).matches()) {
        problems.add(new Problem(path + ".name", "'" + name + "' is not a name", "use lower-case letters, digits and '-'"));
      } else if (names.contains(name)) {
        problems.add(new Problem(path + ".name", "'" + name + "' is given twice", "name every task environment once"));
      }
      names.add(name);
    }
    options.image().flatMap(image -> CiWorkflow.badRepository("image", image)).ifPresent(problems::add);
    if (options.clientId().isBlank()) {
      problems.add(new Problem("client-id", "is required", "give the OAuth2 client id the secret belongs to"));
    } else {
      ClientConfig.unknownClient(deployment, "client-id", options.clientId()).ifPresent(problems::add);
    }
    if (ClientConfig.insecure(deployment)) {
      problems.add(CiWorkflow.noPublicEndpoint());
    }
    return problems;
  }

  /** The pipeline. Call {@link #problems} first: this assumes the options are valid. */
  static CiPipeline plan(FlyteDeployment deployment, CiOptions options, String environment) {
    CiOptions.Provider provider = options.provider();
    String config = provider.tempDir() + "/flyte.yaml";
    List<CiPipeline.Job> jobs = new ArrayList<>();
    options.image().ifPresent(image -> jobs.add(new CiPipeline.Job("build", CiPipeline.Tools.NONE, options.pythonVersion(), true,
        Optional.empty(), Optional.empty(), false,
        List.of(new CiPipeline.RegistryLogin(image), new CiPipeline.BuildPush(image, Optional.empty())))));
    List<CiPipeline.Step> steps = new ArrayList<>();
    steps.add(new CiPipeline.Run("Install flytekit", "pip install \"flytekit==" + options.flytekitVersion() + "\"", List.of(), List.of()));
    ClientConfig.Options signIn = new ClientConfig.Options(ClientConfig.AuthType.CLIENT_SECRET, Optional.of(options.clientId()),
        Optional.of(CiOptions.CLIENT_SECRET), Optional.empty(), Optional.empty());
    steps.add(new CiPipeline.Run("Write the Flyte client config (no secret in it)",
        "cat > \"" + config + "\" <<'EOF'\n" + Yaml.write(ClientConfig.of(deployment, signIn)) + "EOF\n", List.of(), List.of()));
    for (CiTarget target : options.targets()) {
      StringBuilder register = new StringBuilder("pyflyte --config \"" + config + "\" register")
          .append(" --project ").append(target.project())
          .append(" --domain ").append(target.domain())
          .append(" --version \"").append(provider.commitSha()).append('"');
      options.image().ifPresent(image -> register.append(" --image \"").append(image).append(':').append(provider.commitSha()).append('"'));
      register.append(' ').append(target.path());
      steps.add(new CiPipeline.Run("Register " + target.name().orElseThrow() + " (" + target.place() + ")", register.toString(),
          List.of(CiOptions.CLIENT_SECRET), List.of()));
    }
    jobs.add(new CiPipeline.Job("deploy", CiPipeline.Tools.PYTHON, options.pythonVersion(), false,
        options.image().map(image -> "build"), Optional.of(environment), true, steps));
    return new CiPipeline("Deploy Flyte workflows to " + deployment.name(), options.branch(), "flyte-deploy-" + deployment.name(),
        List.of(new CiPipeline.Secret(CiOptions.CLIENT_SECRET, "the OAuth2 client secret of '" + options.clientId() + "'")), jobs);
  }
}
