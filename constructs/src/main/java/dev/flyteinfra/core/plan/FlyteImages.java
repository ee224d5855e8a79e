package dev.flyteinfra.core.plan;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.model.InClusterPostgres;

/**
 * Container images, each pinned to a version. Flyte's own images follow the Flyte release: for
 * Flyte 1 the official flyte-binary chart leaves its image at {@code latest} and Flyte's release
 * script pins {@code flyte-binary-release:v<version>}, which is what this uses; Flyte 2's binary is
 * {@code flyte-binary-v2:v<version>} (and its co-pilot is the same image), its console the image the
 * deployment pins ({@code components.console.image}).
 *
 * @param flyteTag the release's tag, {@code v<version>}
 * @param binary the single binary of the deployment's generation
 * @param console FlyteConsole (Flyte 1) or the console of Flyte 2
 * @param waitForDb the PostgreSQL client of the wait-for-db init container
 * @param copilot the co-pilot injected into raw-container task pods: Flyte 1's flytecopilot, Flyte 2's binary itself
 */
public record FlyteImages(String flyteTag, String binary, String console, String waitForDb, String copilot) {
  /** FlyteConsole is released on its own; this is the version the Flyte 1.16.8 charts pin. */
  static final String CONSOLE = "cr.flyte.org/flyteorg/flyteconsole:v1.21.0";
  /** PostgreSQL client image for the wait-for-db init container ({@code pg_isready}). */
  static final String POSTGRES_CLIENT = InClusterPostgres.DEFAULT_IMAGE;
  /** kubectl with a POSIX shell and coreutils, pinned to the Kubernetes minor release this library targets. */
  static final String KUBECTL = "docker.io/alpine/k8s:1.31.4";
  private static final String FLYTE_REGISTRY = "cr.flyte.org/flyteorg/";

  static FlyteImages of(FlyteDeployment d) {
    String tag = "v" + d.flyteVersion();
    if (d.generation() == Generation.FLYTE_2) {
      String binary = d.components().binary().image().orElse(FLYTE_REGISTRY + "flyte-binary-v2:" + tag);
      // Required by validation: the console has no release tags to default to.
      String console = d.components().console().image().orElseThrow();
      return new FlyteImages(tag, binary, console, POSTGRES_CLIENT, binary);
    }
    return new FlyteImages(tag, FLYTE_REGISTRY + "flyte-binary-release:" + tag, CONSOLE, POSTGRES_CLIENT,
        FLYTE_REGISTRY + "flytecopilot:" + tag);
  }

  /** A Flyte 1 component's image at this release, e.g. {@code flyteadmin}, {@code flytepropeller}. */
  public String component(String name) {
    return FLYTE_REGISTRY + name + ":" + flyteTag;
  }

  public String flyteBinary() {
    return binary;
  }

  /** The image of the Jobs that write Secrets generated in the cluster. */
  public String kubectl() {
    return KUBECTL;
  }
}
