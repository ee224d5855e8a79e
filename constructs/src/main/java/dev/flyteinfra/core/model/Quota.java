package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** Limits of a project-domain namespace, as a ResourceQuota: CPU and memory limits, GPUs requested. */
@Value.Immutable
@JsonSerialize(as = ImmutableQuota.class)
@JsonDeserialize(as = ImmutableQuota.class)
public interface Quota {
  /** Total CPU limit, e.g. {@code "8"}. Required. */
  String cpu();

  /** Total memory limit, e.g. {@code 32Gi}. Required. */
  String memory();

  /** NVIDIA GPUs, e.g. {@code "4"}. Default: no GPU quota. */
  Optional<String> gpu();
}
