package dev.flyteinfra.core.model;

import java.util.Optional;
import org.immutables.value.Value;

/** What every server run in the cluster has: a pinned image, a data volume, and resources. */
public interface InClusterServer {
  /** The server's image, pinned to a release. */
  String image();

  /** Size of the data volume, a Kubernetes quantity. */
  String storageSize();

  /** StorageClass of the data volume. Default: the cluster's default class. */
  Optional<String> storageClass();

  /** Default: 250m CPU and 512Mi memory requested, 1Gi memory limit. */
  @Value.Default
  default Resources resources() {
    return Resources.builder().cpu("250m").memory("512Mi").memoryLimit("1Gi").build();
  }
}
