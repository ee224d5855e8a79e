package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where Flyte keeps metadata and task data: exactly one of {@code s3}, {@code gcs}, {@code azure}
 * or {@code minio}, and the bucket names (containers on Azure).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableObjectStore.class)
@JsonDeserialize(as = ImmutableObjectStore.class)
public interface ObjectStore {
  /** Bucket for Flyte's metadata (Flyte's {@code storage.container}). Required. */
  String metadataBucket();

  /** Bucket for task inputs and outputs (raw data). Default: the metadata bucket. */
  Optional<String> userDataBucket();

  Optional<S3Storage> s3();

  Optional<GcsStorage> gcs();

  Optional<AzureBlobStorage> azure();

  Optional<MinioStorage> minio();

  /** The raw-data bucket in effect. */
  default String effectiveUserDataBucket() {
    return userDataBucket().orElse(metadataBucket());
  }

  static ImmutableObjectStore.Builder builder() {
    return ImmutableObjectStore.builder();
  }
}
