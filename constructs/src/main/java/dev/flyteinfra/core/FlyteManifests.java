package dev.flyteinfra.core;

import dev.flyteinfra.core.binary.BinaryTopology;
import dev.flyteinfra.core.manifest.Manifest;
import dev.flyteinfra.core.manifest.ManifestWriter;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.plan.Plan;
import java.util.SortedMap;

/** The entry point: a deployment description in, its Kubernetes manifest (or files) out. */
public final class FlyteManifests {
  private FlyteManifests() {}

  /**
   * Validates and synthesizes the deployment.
   *
   * @throws InvalidDeploymentException listing every problem, when the description is not valid
   */
  public static Manifest synthesize(FlyteDeployment deployment) {
    Plan plan = Plan.of(deployment);
    return new Manifest(deployment.name(), switch (deployment.topology()) {
      case BINARY -> BinaryTopology.render(plan);
    });
  }

  /** {@link #synthesize} then {@link ManifestWriter#files}: file name → YAML. */
  public static SortedMap<String, String> files(FlyteDeployment deployment) {
    return ManifestWriter.files(synthesize(deployment));
  }
}
