package dev.flyteinfra.core.client;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.plan.SandboxPorts;
import java.util.Objects;

/**
 * Where the Flyte 2 CLI reaches Flyte: a bare host (with a port only for a port-forward), whether
 * it speaks plain HTTP, and whether the deployment is self-hosted (one this library describes) or
 * a tenant hosted for you, the only kind that mints API keys ({@code flyte create api-key}).
 *
 * @param host the host, e.g. {@code flyte.example.com}, or {@code localhost:8090} for a port-forward
 * @param insecure plain HTTP instead of TLS
 * @param selfHosted true for a deployment of your own
 */
public record FlyteEndpoint(String host, boolean insecure, boolean selfHosted) {
  /** The port of Flyte 2's HTTP Service that a port-forward reaches ({@code kubectl port-forward svc/<name>-http 8090}). */
  public static final int PORT_FORWARD_HTTP = 8090;

  public FlyteEndpoint {
    Objects.requireNonNull(host, "host");
  }

  /**
   * The endpoint of a deployment of your own: a sandbox's Ingress on localhost
   * ({@value SandboxPorts#HTTP}), its Ingress host over TLS, or a port-forward on localhost.
   */
  public static FlyteEndpoint of(FlyteDeployment deployment) {
    if (deployment.topology() == Topology.SANDBOX) {
      return new FlyteEndpoint("localhost:" + SandboxPorts.HTTP, true, true);
    }
    return deployment.ingress().flatMap(IngressSettings::host)
        .map(host -> new FlyteEndpoint(host, false, true))
        .orElse(new FlyteEndpoint("localhost:" + PORT_FORWARD_HTTP, true, true));
  }

  /** A tenant hosted for you, reached over TLS. */
  public static FlyteEndpoint hosted(String host) {
    return new FlyteEndpoint(host, false, false);
  }

  /** {@code admin.endpoint} as the CLI dials it: {@code dns:///<host>}. */
  public String uri() {
    return "dns:///" + host;
  }
}
