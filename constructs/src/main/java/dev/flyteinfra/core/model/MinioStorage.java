package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * MinIO or any S3-compatible store, reached at an endpoint with an access key kept in a Secret.
 * The keys reach Flyte as the AWS SDK's standard environment variables, never in its config.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableMinioStorage.class)
@JsonDeserialize(as = ImmutableMinioStorage.class)
public interface MinioStorage {
  /** URL of the S3 API, e.g. {@code http://minio.flyte.svc.cluster.local:9000}. Required. */
  String endpoint();

  /** Region name the server expects. Default: {@code us-east-1}. */
  @Value.Default
  default String region() {
    return "us-east-1";
  }

  /** Secret key holding the access key id. Required. */
  SecretKeyRef accessKeyId();

  /** Secret key holding the secret access key. Required. */
  SecretKeyRef secretAccessKey();
}
