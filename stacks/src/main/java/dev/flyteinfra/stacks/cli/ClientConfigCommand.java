package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.core.client.ClientConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flyte-infra client-config}: the flytectl / pyflyte config.yaml of a deployment. */
@Command(
    name = "client-config",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the flytectl / pyflyte config.yaml that reaches a deployment.",
      "It names the Ingress host over TLS (the sandbox's NodePort, or a port-forward to the gRPC Service on localhost:8089 "
          + "without an Ingress), the sign-in flow, the console, and the default project and domain. No secret is ever in it.",
      "Bad input: exit status 2, every problem listed, nothing written."
    })
final class ClientConfigCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "The deployment config file.")
  Path config;

  @Option(names = "--auth-type", paramLabel = "TYPE", defaultValue = "PKCE",
      description = "PKCE (a browser sign-in), CLIENT_SECRET (an API key, for machines) or DEVICE_FLOW. Default: ${DEFAULT-VALUE}.")
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

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write it. Default: standard output.")
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    boolean machine = authType == ClientConfig.AuthType.CLIENT_SECRET;
    ClientConfig.Options options = new ClientConfig.Options(authType, Optional.ofNullable(clientId),
        machine ? Optional.of(clientSecretEnvVar) : Optional.empty(), Optional.ofNullable(project), Optional.ofNullable(domain));
    return Inputs.load(List.of(config)).writeFromOne(config, deployment -> ClientConfig.problems(deployment, options),
        deployment -> ClientConfig.yaml(deployment, options), out, spec);
  }
}
