package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** Amazon S3, reached with the pod's identity (IRSA or EKS Pod Identity). */
@Value.Immutable
@JsonSerialize(as = ImmutableS3Storage.class)
@JsonDeserialize(as = ImmutableS3Storage.class)
public interface S3Storage {
  /** AWS region of the buckets, e.g. {@code us-east-1}. Required. */
  String region();

  /** A custom endpoint (VPC endpoint or FIPS). Default: the regional AWS endpoint. */
  Optional<String> endpoint();
}
