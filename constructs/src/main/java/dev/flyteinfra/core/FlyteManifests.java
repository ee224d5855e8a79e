package dev.flyteinfra.core;

import dev.flyteinfra.core.binary.BinaryTopology;
import dev.flyteinfra.core.flytecore.CoreTopology;
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
  private FlyteManifests() {}

  /**
   * Validates and synthesizes the deployment: one manifest per cluster, keyed by cluster name, or
   * a single one keyed {@link Manifest#SINGLE_CLUSTER} when everything runs in one cluster.
   *
   * @throws InvalidDeploymentException listing every problem, when the description is not valid
   */
  public static Map<String, Manifest> synthesizeClusters(FlyteDeployment deployment) {
    Plan plan = Plan.of(deployment);
    Map<String, Manifest> manifests = new LinkedHashMap<>();
    switch (deployment.topology()) {
      case BINARY -> manifests.put(Manifest.SINGLE_CLUSTER, new Manifest(deployment.name(), BinaryTopology.render(plan)));
      case CORE -> CoreTopology.render(plan).forEach((cluster, objects) -> manifests.put(cluster, new Manifest(
          cluster.equals(Manifest.SINGLE_CLUSTER) ? deployment.name() : deployment.name() + "/" + cluster, objects)));
      default -> throw new IllegalStateException("unknown topology " + deployment.topology());
    }
    return manifests;
  }

  /**
   * The manifest of a deployment that runs in one cluster.
   *
   * @throws IllegalArgumentException for a multi-cluster deployment: use {@link #synthesizeClusters}
   */
  public static Manifest synthesize(FlyteDeployment deployment) {
    Map<String, Manifest> clusters = synthesizeClusters(deployment);
    Manifest single = clusters.get(Manifest.SINGLE_CLUSTER);
    if (single == null) {
      throw new IllegalArgumentException(deployment.name() + " spans " + clusters.size() + " clusters " + clusters.keySet()
          + ": use synthesizeClusters");
    }
    return single;
  }

  /** File path → YAML: each cluster's files in a folder of its own, or at the top for one cluster. */
  public static SortedMap<String, String> files(FlyteDeployment deployment) {
    SortedMap<String, String> files = new TreeMap<>();
    synthesizeClusters(deployment).forEach((cluster, manifest) -> ManifestWriter.files(manifest).forEach((file, text) ->
        files.put(cluster.equals(Manifest.SINGLE_CLUSTER) ? file : cluster + "/" + file, text)));
    return files;
  }
}
