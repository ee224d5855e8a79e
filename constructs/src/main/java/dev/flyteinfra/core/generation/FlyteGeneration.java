package dev.flyteinfra.core.generation;

import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What one Flyte {@link Generation} makes of a plan: its objects per cluster, the files beside
 * them, and the official charts that install it. Chosen once from {@code flyteVersion}
 * ({@code FlyteManifests.generation}); the manifests, the Helm export and the CLI ask it instead of
 * switching on topologies and chart names. What a generation refuses of the model is the model's
 * own rule ({@code GenerationChecks}), so that every problem is found by {@code validate()}.
 */
public interface FlyteGeneration {
  Generation generation();

  /**
   * Every object, per cluster in apply order: keyed by cluster name, or {@link Plan#SINGLE_CLUSTER}
   * when everything runs in one cluster.
   */
  Map<String, List<HasMetadata>> render(Plan plan);

  /** Files beside the manifests (client config, per-project attributes, operator installs): path → text. */
  SortedMap<String, String> files(Plan plan);

  /** The official charts that install this generation, in the order a user would pick them. */
  List<HelmChart> charts();

  /** The chart of this name, if this generation has one. */
  default Optional<HelmChart> chart(String name) {
    return charts().stream().filter(chart -> chart.name().equals(name)).findFirst();
  }
}
