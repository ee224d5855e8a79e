package dev.flyteinfra.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * For each example, the official charts' renderings (in {@code ../shared/reference/flyte-charts})
 * of the same kind of deployment: what a Helm user runs {@code helm template} for instead.
 */
final class HelmEquivalent {
  /** Example → reference renderings, one {@code helm template} each (a multi-cluster fleet needs one per cluster). */
  static final Map<String, List<String>> OF_EXAMPLE = Map.of(
      "sandbox", List.of("flyte-sandbox-default"),
      "binary-aws", List.of("flyte-binary-eks-starter"),
      "binary-gcp", List.of("flyte-binary-gke-starter"),
      "core-aws", List.of("flyte-core-eks"),
      "core-gcp", List.of("flyte-core-gcp"),
      "core-azure", List.of("flyte-core-deployflyte-azure"),
      // one control plane and the example's three data planes
      "core-multicluster", List.of("flyte-core-eks-controlplane-multicluster", "flyte-core-eks-dataplane-multicluster",
          "flyte-core-eks-dataplane-multicluster", "flyte-core-eks-dataplane-multicluster"),
      // flyte-core with PostgreSQL and MinIO in the cluster
      "onprem", List.of("flyte-core-sandbox"));

  private HelmEquivalent() {}
}
