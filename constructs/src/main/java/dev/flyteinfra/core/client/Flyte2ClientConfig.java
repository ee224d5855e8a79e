package dev.flyteinfra.core.client;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.yaml.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code config.yaml} of the Flyte 2 CLI ({@code flyte}, from the {@code flyte} Python
 * package) for a deployment: the endpoint and sign-in ({@code admin.*}), where images are built
 * and pushed ({@code image.*}), and the default project and domain ({@code task.*}). The CLI
 * looks it up at {@code ./config.yaml}, {@code ./.flyte/config.yaml}, {@code <git root>/.flyte/config.yaml},
 * {@code $FLYTECTL_CONFIG} and {@code ~/.flyte/config.yaml}. No secret is ever in it: a client
 * secret is read from the environment variable it names, an API key from {@code FLYTE_API_KEY}.
 */
public final class Flyte2ClientConfig {
  /** Where a repository keeps the config it commits, found by the CLI from the repository's root. */
  public static final String REPOSITORY_PATH = ".flyte/config.yaml";
  static final Pattern REGISTRY = Pattern.compile("[a-z0-9.-]+(:\\d+)?(/[a-z0-9._-]+)*");

  /** Who builds the images of task environments: {@code image.builder}. */
  public enum ImageBuilder {
    /** The machine running the CLI, with docker buildx, pushing to {@code image.registry}. */
    LOCAL("local"),
    /** The builder service of a hosted tenant. */
    REMOTE("remote");

    private final String flyteName;

    ImageBuilder(String flyteName) {
      this.flyteName = flyteName;
    }

    /** The value of {@code image.builder}. */
    public String flyteName() {
      return flyteName;
    }
  }

  /**
   * What the deployment does not say: how to sign in, where images go, what to work on.
   *
   * @param authType {@code admin.authType}; empty for an API key, which says it itself
   * @param clientId the OAuth2 client id; required with {@link ClientConfig.AuthType#CLIENT_SECRET}
   * @param clientSecretEnvVar the environment variable holding the client secret
   * @param scopes the scopes a client asks its token for; empty: the identity provider's default
   * @param caCertFilePath a CA bundle for an endpoint whose certificate a private CA signed
   * @param registry where the local builder pushes, e.g. {@code ghcr.io/acme}
   */
  public record Options(Optional<ClientConfig.AuthType> authType, Optional<String> clientId, Optional<String> clientSecretEnvVar,
      List<String> scopes, Optional<String> caCertFilePath, ImageBuilder imageBuilder, Optional<String> registry,
      Optional<String> org, Optional<String> project, Optional<String> domain) {
    public Options {
      scopes = List.copyOf(scopes);
    }

    /** A person signing in with a browser, images built on their machine, no default project. */
    public static Options interactive() {
      return new Options(Optional.of(ClientConfig.AuthType.PKCE), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
          ImageBuilder.LOCAL, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  private Flyte2ClientConfig() {}

  /** Everything wrong with the options for an endpoint, as field path, problem and fix. */
  public static List<Problem> problems(FlyteEndpoint endpoint, Options options) {
    List<Problem> problems = new ArrayList<>();
    if (options.authType().equals(Optional.of(ClientConfig.AuthType.CLIENT_SECRET)) && options.clientId().isEmpty()) {
      problems.add(new Problem("client-id", "is required with CLIENT_SECRET",
          "give the id of the OAuth2 client-credentials app at your identity provider"));
    }
    if (options.imageBuilder() == ImageBuilder.REMOTE && endpoint.selfHosted()) {
      problems.add(new Problem("image-builder", "a self-hosted Flyte 2 has no remote image builder (it is a hosted tenant's service)",
          "use local: the machine builds with docker buildx and pushes to the registry"));
    }
    options.registry().filter(registry -> !REGISTRY.matcher(registry).matches()).ifPresent(registry -> problems.add(new Problem(
        "registry", "'" + registry + "' is not a registry", "give HOST[/PATH] without a tag, e.g. ghcr.io/acme")));
    return problems;
  }

  /** {@link #problems(FlyteEndpoint, Options)} for a deployment, with its project and domain checked. */
  public static List<Problem> problems(FlyteDeployment deployment, Options options) {
    List<Problem> problems = problems(FlyteEndpoint.of(deployment), options);
    options.project().flatMap(project -> ClientConfig.unknownProject(deployment, "project", project)).ifPresent(problems::add);
    options.domain().flatMap(domain -> ClientConfig.unknownDomain(deployment, "domain", domain)).ifPresent(problems::add);
    return problems;
  }

  /** The config as a map, keys in the Flyte 2 CLI's names. */
  public static Map<String, Object> of(FlyteEndpoint endpoint, Options options) {
    Map<String, Object> admin = new LinkedHashMap<>();
    admin.put("endpoint", endpoint.uri());
    admin.put("insecure", endpoint.insecure());
    options.authType().ifPresent(type -> admin.put("authType", type.flyteName()));
    options.clientId().ifPresent(id -> admin.put("clientId", id));
    options.clientSecretEnvVar().ifPresent(variable -> admin.put("clientSecretEnvVar", variable));
    if (!options.scopes().isEmpty()) {
      admin.put("scopes", options.scopes());
    }
    options.caCertFilePath().ifPresent(path -> admin.put("caCertFilePath", path));
    Map<String, Object> image = new LinkedHashMap<>();
    image.put("builder", options.imageBuilder().flyteName());
    options.registry().ifPresent(registry -> image.put("registry", registry));
    Map<String, Object> task = new LinkedHashMap<>();
    options.org().ifPresent(org -> task.put("org", org));
    options.project().ifPresent(project -> task.put("project", project));
    options.domain().ifPresent(domain -> task.put("domain", domain));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("admin", admin);
    config.put("image", image);
    if (!task.isEmpty()) {
      config.put("task", task);
    }
    return config;
  }

  /** The config file's text, with a header saying how to use it. */
  public static String yaml(FlyteEndpoint endpoint, Options options) {
    return "# Generated by flyte-infra. The flyte CLI finds it as " + REPOSITORY_PATH + " (from the repository's root) or"
        + " ~/.flyte/config.yaml; no secret is in it.\n" + Yaml.write(of(endpoint, options));
  }

  /** {@link #yaml(FlyteEndpoint, Options)} for a deployment of your own. */
  public static String yaml(FlyteDeployment deployment, Options options) {
    return yaml(FlyteEndpoint.of(deployment), options);
  }
}
