package dev.flyteinfra.core.plan;

import dev.flyteinfra.core.model.InClusterPostgres;

/**
 * Container images, each pinned to a version. Flyte's own images follow the Flyte release; the
 * official flyte-binary chart leaves its image at {@code latest}, Flyte's release script pins
 * {@code flyte-binary-release:v<version>}, which is what this uses.
 */
public record FlyteImages(String flyteTag, String console, String waitForDb) {
  /** FlyteConsole is released on its own; this is the version the Flyte 1.16.8 charts pin. */
  static final String CONSOLE = "cr.flyte.org/flyteorg/flyteconsole:v1.21.0";
  /** PostgreSQL client image for the wait-for-db init container ({@code pg_isready}). */
  static final String POSTGRES_CLIENT = InClusterPostgres.DEFAULT_IMAGE;
  /** kubectl with a POSIX shell and coreutils, pinned to the Kubernetes minor release this library targets. */
  static final String KUBECTL = "docker.io/alpine/k8s:1.31.4";
  private static final String FLYTE_REGISTRY = "cr.flyte.org/flyteorg/";

  static FlyteImages forVersion(String flyteVersion) {
    return new FlyteImages("v" + flyteVersion, CONSOLE, POSTGRES_CLIENT);
  }

  /** A Flyte component's image at this release, e.g. {@code flyteadmin}, {@code flytepropeller}. */
  public String component(String name) {
    return FLYTE_REGISTRY + name + ":" + flyteTag;
  }

  public String flyteBinary() {
    return component("flyte-binary-release");
  }

  /** The image of the Jobs that write Secrets generated in the cluster. */
  public String kubectl() {
    return KUBECTL;
  }

  public String copilot() {
    return component("flytecopilot");
  }
}
