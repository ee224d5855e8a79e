package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** Google Cloud Storage, reached with GKE Workload Identity. */
@Value.Immutable
@JsonSerialize(as = ImmutableGcsStorage.class)
@JsonDeserialize(as = ImmutableGcsStorage.class)
public interface GcsStorage {
  /** The GCP project id that owns the buckets. Required. */
  String project();
}
