package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** Replicas and resources of one Flyte component. */
@Value.Immutable
@JsonSerialize(as = ImmutableComponentSettings.class)
@JsonDeserialize(as = ImmutableComponentSettings.class)
public interface ComponentSettings {
  /** Default: 1. */
  @Value.Default
  default int replicas() {
    return 1;
  }

  /** Default: see {@link Resources}. */
  @Value.Default
  default Resources resources() {
    return ImmutableResources.builder().build();
  }

  /**
   * The container image, {@code <repository>:<tag>} or pinned {@code <repository>[:<tag>]@sha256:<digest>}
   * (Flyte 2's console, where it is required, and binary). Default: the release's own.
   */
  Optional<String> image();

  /** A HorizontalPodAutoscaler instead of fixed replicas (flyteadmin, flyteconsole). Default: none. */
  Optional<Autoscaling> autoscaling();

  /** Settings with the given replicas and resources. */
  static ComponentSettings of(int replicas, String cpu, String memory, String memoryLimit) {
    return ImmutableComponentSettings.builder().replicas(replicas)
        .resources(ImmutableResources.builder().cpu(cpu).memory(memory).memoryLimit(memoryLimit).build()).build();
  }
}
