package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.core.client.ClientConfig;
import dev.flyteinfra.core.client.Flyte2ClientConfig;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flyte-infra client-config}: the flytectl / pyflyte config.yaml of a Flyte 1 deployment, the flyte CLI's of a Flyte 2 one. */
@Command(
    name = "client-config",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the config.yaml that reaches a deployment: flytectl's and pyflyte's for Flyte 1, the flyte CLI's for Flyte 2.",
      "It names the Ingress host over TLS (the sandbox's NodePort, or a port-forward on localhost without an Ingress: "
          + "Flyte 1's gRPC Service on 8089, Flyte 2's HTTP Service on 8090), the sign-in flow, and the default project and domain; "
          + "Flyte 1's the console, Flyte 2's the image builder and registry. No secret is ever in it.",
      "Bad input: exit status 2, every problem listed, nothing written."
    })
final class ClientConfigCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "The deployment config file.")
  Path config;

  @Option(names = "--auth-type", paramLabel = "TYPE", defaultValue = "PKCE",
      description = "PKCE (a browser sign-in), CLIENT_SECRET (an OAuth2 client id and secret, for machines) or DEVICE_FLOW. Default: ${DEFAULT-VALUE}.")
  ClientConfig.AuthType authType;

  @Option(names = "--client-id", paramLabel = "ID", description = "The OAuth2 client id; required with CLIENT_SECRET.")
  String clientId;

  @Option(names = "--client-secret-env-var", paramLabel = "NAME", defaultValue = "FLYTE_CLIENT_SECRET",
      description = "With CLIENT_SECRET: the environment variable the secret is read from. Default: ${DEFAULT-VALUE}.")
  String clientSecretEnvVar;

  @Option(names = "--project", paramLabel = "PROJECT", description = "flytectl's default project.")
  String project;

  @Option(names = "--domain", paramLabel = "DOMAIN", description = "flytectl's default domain.")
  String domain;

  @Option(names = "--image-builder", paramLabel = "BUILDER", defaultValue = "LOCAL",
      description = "Flyte 2: LOCAL (docker buildx on this machine) or REMOTE (a hosted tenant's builder). Default: ${DEFAULT-VALUE}.")
  Flyte2ClientConfig.ImageBuilder imageBuilder;

  @Option(names = "--registry", paramLabel = "REGISTRY", description = "Flyte 2: where images are pushed, e.g. ghcr.io/acme.")
  String registry;

  @Option(names = "--scope", paramLabel = "SCOPE", description = "Flyte 2: a scope the client asks its token for; repeatable.")
  List<String> scopes = new ArrayList<>();

  @Option(names = "--ca-cert-file", paramLabel = "FILE", description = "Flyte 2: a CA bundle for an endpoint whose certificate a private CA signed.")
  String caCertFile;

  @Option(names = "--org", paramLabel = "ORG", description = "Flyte 2: the default org.")
  String org;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write it. Default: standard output.")
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private static final List<String> FLYTE2_ONLY = List.of("--image-builder", "--registry", "--scope", "--ca-cert-file", "--org");

  @Override
  public Integer call() {
    boolean machine = authType == ClientConfig.AuthType.CLIENT_SECRET;
    Optional<String> secretVariable = machine ? Optional.of(clientSecretEnvVar) : Optional.empty();
    ClientConfig.Options options = new ClientConfig.Options(authType, Optional.ofNullable(clientId), secretVariable,
        Optional.ofNullable(project), Optional.ofNullable(domain));
    // A Flyte 2 deployment has no sign-in of its own: the CLI signs in only when told how (the edge's sign-in says which).
    Optional<ClientConfig.AuthType> flyte2AuthType = spec.commandLine().getParseResult().hasMatchedOption("--auth-type")
        ? Optional.of(authType) : Optional.empty();
    Flyte2ClientConfig.Options flyte2 = new Flyte2ClientConfig.Options(flyte2AuthType, Optional.ofNullable(clientId), secretVariable,
        scopes, Optional.ofNullable(caCertFile), imageBuilder, Optional.ofNullable(registry), Optional.ofNullable(org),
        Optional.ofNullable(project), Optional.ofNullable(domain));
    return Inputs.load(List.of(config)).writeFromOne(config,
        deployment -> deployment.generation() == Generation.FLYTE_2 ? Flyte2ClientConfig.problems(deployment, flyte2) : flyte1Problems(deployment, options),
        deployment -> deployment.generation() == Generation.FLYTE_2 ? Flyte2ClientConfig.yaml(deployment, flyte2) : ClientConfig.yaml(deployment, options),
        out, spec);
  }

  private List<Problem> flyte1Problems(FlyteDeployment deployment, ClientConfig.Options options) {
    List<Problem> problems = new ArrayList<>(ClientConfig.problems(deployment, options));
    FLYTE2_ONLY.stream().filter(option -> spec.commandLine().getParseResult().hasMatchedOption(option)).forEach(option -> problems.add(
        new Problem(option.substring(2), "is for Flyte 2 deployments, and " + deployment.name() + " runs Flyte " + deployment.flyteVersion(),
            "remove it")));
    return problems;
  }
}
