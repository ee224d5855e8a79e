package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * A MinIO server run inside the cluster (a StatefulSet with a volume of its own) as Flyte's object
 * store. Its root credentials are generated into a Secret at first start and kept from then on,
 * and a Job creates Flyte's buckets; rendered by the {@code flyte-infra-onprem-minio} module.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableInClusterMinio.class)
@JsonDeserialize(as = ImmutableInClusterMinio.class)
public interface InClusterMinio extends InClusterServer {
  /** MinIO's last published server image, pinned. */
  String DEFAULT_IMAGE = "quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z";

  /** Default: {@code 20Gi}. */
  @Override
  @Value.Default
  default String storageSize() {
    return "20Gi";
  }

  /** Default: {@value #DEFAULT_IMAGE}. */
  @Override
  @Value.Default
  default String image() {
    return DEFAULT_IMAGE;
  }

  static ImmutableInClusterMinio.Builder builder() {
    return ImmutableInClusterMinio.builder();
  }
}
