package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * MinIO or any S3-compatible store (path-style requests), either an existing server reached at an
 * endpoint with an access key kept in a Secret, or one run in the cluster ({@code inCluster}).
 * The keys reach Flyte from Secrets only: as the AWS SDK's standard environment variables, or,
 * with {@code credentialsConfig}, as a config file projected from a Secret (Flyte's
 * {@code auth_type: accesskey}); task pods get them from a Secret in their namespace.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableMinioStorage.class)
@JsonDeserialize(as = ImmutableMinioStorage.class)
public interface MinioStorage {
  /** URL of the S3 API, e.g. {@code http://minio.flyte.svc.cluster.local:9000}. Required, unless {@code inCluster} is set. */
  String endpoint();

  /** Region name the server expects. Default: {@code us-east-1}. */
  @Value.Default
  default String region() {
    return "us-east-1";
  }

  /** Secret key holding the access key id. Required, unless {@code inCluster} is set (then generated). */
  SecretKeyRef accessKeyId();

  /** Secret key holding the secret access key. Required, unless {@code inCluster} is set (then generated). */
  SecretKeyRef secretAccessKey();

  /**
   * Secret key holding a Flyte config file with the access key
   * ({@code storage.stow.config.access_key_id} and {@code secret_key}); when set, Flyte
   * authenticates with {@code auth_type: accesskey}, as the official sandbox does. Default: none
   * ({@code auth_type: iam}, which reads the keys from the environment); generated for {@code inCluster}.
   */
  Optional<SecretKeyRef> credentialsConfig();

  /** Run MinIO in the cluster instead of naming a server. Default: none. */
  Optional<InClusterMinio> inCluster();
}
