package dev.flyteinfra.core;

import dev.flyteinfra.core.flyte1.FlyteOne;
import dev.flyteinfra.core.flyte2.FlyteTwo;
import dev.flyteinfra.core.generation.FlyteGeneration;
import dev.flyteinfra.core.manifest.Manifest;
import dev.flyteinfra.core.manifest.ManifestWriter;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.plan.Plan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The entry point: a deployment description in, its Kubernetes manifests (or files) out. */
public final class FlyteManifests {
  /** The flytectl (and pyflyte) config of a Flyte 1 sandbox, in its output. */
  public static final String FLYTECTL_CONFIG = FlyteOne.FLYTECTL_CONFIG;
  /** Where the flytectl files of project quotas go in a Flyte 1 deployment's output. */
  public static final String PROJECT_QUOTAS_DIR = FlyteOne.PROJECT_QUOTAS_DIR;

  private FlyteManifests() {}

  /** The generation that renders this deployment: Flyte 1 or Flyte 2, as its {@code flyteVersion} says. */
  public static FlyteGeneration generation(FlyteDeployment deployment) {
    return switch (deployment.generation()) {
      case FLYTE_1 -> FlyteOne.INSTANCE;
      case FLYTE_2 -> FlyteTwo.INSTANCE;
    };
  }

  /**
   * Validates and synthesizes the deployment: one manifest per cluster, keyed by cluster name, or
   * a single one keyed {@link Plan#SINGLE_CLUSTER} when everything runs in one cluster.
   *
   * @throws InvalidDeploymentException listing every problem, when the description is not valid
   */
  public static Map<String, Manifest> synthesizeClusters(FlyteDeployment deployment) {
    return manifests(Plan.of(deployment));
  }

  private static Map<String, Manifest> manifests(Plan plan) {
    Map<String, Manifest> manifests = new LinkedHashMap<>();
    generation(plan.deployment()).render(plan).forEach((cluster, objects) -> manifests.put(cluster, new Manifest(
        cluster.equals(Plan.SINGLE_CLUSTER) ? plan.name() : plan.name() + "/" + cluster, objects)));
    return manifests;
  }

  /**
   * The manifest of a deployment that runs in one cluster.
   *
   * @throws IllegalArgumentException for a multi-cluster deployment: use {@link #synthesizeClusters}
   */
  public static Manifest synthesize(FlyteDeployment deployment) {
    Map<String, Manifest> clusters = synthesizeClusters(deployment);
    Manifest single = clusters.get(Plan.SINGLE_CLUSTER);
    if (single == null) {
      throw new IllegalArgumentException(deployment.name() + " spans " + clusters.size() + " clusters " + clusters.keySet()
          + ": use synthesizeClusters");
    }
    return single;
  }

  /**
   * File path → YAML: each cluster's files in a folder of its own (or at the top for one cluster),
   * and the generation's files beside them (client config, per-project attributes).
   */
  public static SortedMap<String, String> files(FlyteDeployment deployment) {
    Plan plan = Plan.of(deployment);
    SortedMap<String, String> files = new TreeMap<>();
    manifests(plan).forEach((cluster, manifest) -> ManifestWriter.files(manifest).forEach((file, text) ->
        files.put(cluster.equals(Plan.SINGLE_CLUSTER) ? file : cluster + "/" + file, text)));
    files.putAll(generation(deployment).files(plan));
    return files;
  }
}
