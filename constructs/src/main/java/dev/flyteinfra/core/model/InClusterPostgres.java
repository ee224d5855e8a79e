package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * A PostgreSQL server run inside the cluster (a StatefulSet with a volume of its own) for clusters
 * with no managed database. Its password is generated into a Secret at first start and kept from
 * then on; rendered by the {@code flyte-infra-onprem-minio} module.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableInClusterPostgres.class)
@JsonDeserialize(as = ImmutableInClusterPostgres.class)
public interface InClusterPostgres extends InClusterServer {
  /** The official PostgreSQL image, pinned. */
  String DEFAULT_IMAGE = "docker.io/library/postgres:15.8-alpine";

  /** Default: {@code 10Gi}. */
  @Override
  @Value.Default
  default String storageSize() {
    return "10Gi";
  }

  /** Default: {@value #DEFAULT_IMAGE}. */
  @Override
  @Value.Default
  default String image() {
    return DEFAULT_IMAGE;
  }

  static ImmutableInClusterPostgres.Builder builder() {
    return ImmutableInClusterPostgres.builder();
  }
}
