package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** CPU and memory of one container, as Kubernetes quantities ({@code 500m}, {@code 1Gi}). */
@Value.Immutable
@JsonSerialize(as = ImmutableResources.class)
@JsonDeserialize(as = ImmutableResources.class)
public interface Resources {
  /** CPU request. Default: {@code 500m}. */
  @Value.Default
  default String cpu() {
    return "500m";
  }

  /** Memory request. Default: {@code 1Gi}. */
  @Value.Default
  default String memory() {
    return "1Gi";
  }

  /** CPU limit. Default: none (no CPU throttling). */
  Optional<String> cpuLimit();

  /** Memory limit. Default: {@code 2Gi}. */
  @Value.Default
  default String memoryLimit() {
    return "2Gi";
  }

  static ImmutableResources.Builder builder() {
    return ImmutableResources.builder();
  }
}
