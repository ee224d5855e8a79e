package dev.flyteinfra.core.client;

import dev.flyteinfra.core.yaml.Yaml;
import dev.flyteinfra.core.model.Auth;
import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.plan.SandboxPorts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code config.yaml} of flytectl and pyflyte (flytekit) for a deployment: FlyteAdmin's
 * gRPC endpoint (the Ingress host over TLS, the sandbox's NodePort, or a port-forward to the
 * gRPC Service), the sign-in flow, the console for the links the tools print, and the project
 * and domain flytectl works on by default. No secret is ever in it: a client secret is read
 * from the environment variable it names.
 */
public final class ClientConfig {
  /** The gRPC port of FlyteAdmin that a port-forward reaches ({@code kubectl port-forward svc/<name>-grpc 8089}). */
  public static final int PORT_FORWARD_GRPC = 8089;

  /** How the tools sign in: Flyte's {@code admin.authType}. */
  public enum AuthType {
    /** A browser sign-in with PKCE, for people. */
    PKCE("Pkce"),
    /** An OAuth2 client id and secret, for CI and other machines. */
    CLIENT_SECRET("ClientSecret"),
    /** A code entered on another device, for terminals without a browser. */
    DEVICE_FLOW("DeviceFlow");

    private final String flyteName;

    AuthType(String flyteName) {
      this.flyteName = flyteName;
    }

    /** The value of {@code admin.authType}. */
    public String flyteName() {
      return flyteName;
    }
  }

  /**
   * What the deployment does not say: how to sign in and what to work on.
   *
   * @param clientId the OAuth2 client id; required with {@link AuthType#CLIENT_SECRET}
   * @param clientSecretEnvVar the environment variable holding the client secret
   */
  public record Options(AuthType authType, Optional<String> clientId, Optional<String> clientSecretEnvVar,
      Optional<String> project, Optional<String> domain) {
    /** A person signing in with a browser, no default project. */
    public static Options interactive() {
      return new Options(AuthType.PKCE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  private ClientConfig() {}

  /** Everything wrong with the options for this deployment, as field path, problem and fix. */
  public static List<Problem> problems(FlyteDeployment deployment, Options options) {
    List<Problem> problems = new ArrayList<>();
    if (options.authType() == AuthType.CLIENT_SECRET && options.clientId().isEmpty()) {
      problems.add(new Problem("client-id", "is required with CLIENT_SECRET", "give the id of the OAuth2 client the machine signs in as"));
    }
    if (options.authType() == AuthType.CLIENT_SECRET) {
      options.clientId().flatMap(id -> unknownClient(deployment, "client-id", id)).ifPresent(problems::add);
    }
    options.project().flatMap(project -> unknownProject(deployment, "project", project)).ifPresent(problems::add);
    options.domain().flatMap(domain -> unknownDomain(deployment, "domain", domain)).ifPresent(problems::add);
    return problems;
  }

  /** A problem at {@code path} when {@code project} is not one of the deployment's projects. */
  static Optional<Problem> unknownProject(FlyteDeployment deployment, String path, String project) {
    List<String> projects = deployment.projects().stream().map(Project::name).toList();
    return projects.contains(project) ? Optional.empty() : Optional.of(new Problem(path,
        "'" + project + "' is not a project of " + deployment.name(), "use one of " + projects));
  }

  /**
   * A problem at {@code path} when a machine could not sign in as {@code clientId}: the
   * deployment's internal authorization server has no such confidential client. An external
   * server's clients are the provider's to know; an open Flyte never asks a client to sign in.
   */
  static Optional<Problem> unknownClient(FlyteDeployment deployment, String path, String clientId) {
    Optional<Auth> signIn = deployment.auth().filter(a -> a.authorizationServer() == Auth.AuthorizationServer.INTERNAL);
    if (signIn.isEmpty()) {
      return Optional.empty();
    }
    Auth auth = signIn.get();
    List<String> clients = new ArrayList<>(List.of(auth.serviceClientId().orElse(Auth.INTERNAL_SERVICE_CLIENT)));
    auth.ciClients().forEach(client -> clients.add(client.id()));
    return clients.contains(clientId) ? Optional.empty() : Optional.of(new Problem(path,
        "'" + clientId + "' is not a confidential client of " + deployment.name() + "'s authorization server",
        "use one of " + clients + ", or add it to auth.ciClients"));
  }

  /** A problem at {@code path} when {@code domain} is not one of the deployment's domains. */
  static Optional<Problem> unknownDomain(FlyteDeployment deployment, String path, String domain) {
    List<String> domains = deployment.domains().stream().map(Domain::name).toList();
    return domains.contains(domain) ? Optional.empty() : Optional.of(new Problem(path,
        "'" + domain + "' is not a domain of " + deployment.name(), "use one of " + domains));
  }

  /** The config as a map, keys in Flyte's names. */
  public static Map<String, Object> of(FlyteDeployment deployment, Options options) {
    Map<String, Object> admin = new LinkedHashMap<>();
    admin.put("endpoint", adminEndpoint(deployment));
    admin.put("insecure", insecure(deployment));
    admin.put("authType", options.authType().flyteName());
    options.clientId().ifPresent(id -> admin.put("clientId", id));
    options.clientSecretEnvVar().ifPresent(variable -> admin.put("clientSecretEnvVar", variable));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("admin", admin);
    consoleUrl(deployment).ifPresent(url -> config.put("console", Map.of("endpoint", url)));
    config.put("logger", Map.of("level", 0, "show-source", true));
    options.project().ifPresent(project -> config.put("project", project));
    options.domain().ifPresent(domain -> config.put("domain", domain));
    return config;
  }

  /** The config file's text, with a header saying how to use it. */
  public static String yaml(FlyteDeployment deployment, Options options) {
    return "# Generated by flyte-infra. Use it with: flytectl --config <this file> ..., or copy it to ~/.flyte/config.yaml\n"
        + Yaml.write(of(deployment, options));
  }

  /**
   * FlyteAdmin's gRPC endpoint as the tools dial it: {@code dns:///<ingress host>}, the sandbox's
   * NodePort on localhost, or a port-forward to the gRPC Service on localhost.
   */
  public static String adminEndpoint(FlyteDeployment deployment) {
    if (deployment.topology() == Topology.SANDBOX) {
      return SandboxPorts.adminEndpoint();
    }
    return deployment.ingress().flatMap(IngressSettings::host).map(host -> "dns:///" + host)
        .orElse("dns:///localhost:" + PORT_FORWARD_GRPC);
  }

  /** Plain gRPC for the sandbox and a port-forward; TLS at an Ingress host. */
  static boolean insecure(FlyteDeployment deployment) {
    return deployment.topology() == Topology.SANDBOX || deployment.ingress().flatMap(IngressSettings::host).isEmpty();
  }

  /** The console's URL, when the deployment has one outside the cluster. */
  static Optional<String> consoleUrl(FlyteDeployment deployment) {
    if (deployment.topology() == Topology.SANDBOX) {
      return Optional.of(SandboxPorts.consoleUrl());
    }
    return deployment.ingress().flatMap(IngressSettings::host).map(host -> "https://" + host + "/console");
  }
}
