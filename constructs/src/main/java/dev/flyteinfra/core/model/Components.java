package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * Settings per Flyte component. The binary topology reads {@code binary}; the core topology one
 * entry per component. Defaults are sized for a small production deployment, one replica each.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableComponents.class)
@JsonDeserialize(as = ImmutableComponents.class)
public interface Components {
  /** The flyte-binary Deployment (topologies {@code binary} and {@code sandbox}). Default: 1 replica, 500m / 1Gi, limit 2Gi. */
  @Value.Default
  default ComponentSettings binary() {
    return ImmutableComponentSettings.builder().build();
  }

  /** Flyte 2's console; its {@code image} is required for Flyte 2. Default: see {@link ConsoleSettings}. */
  @Value.Default
  default ConsoleSettings console() {
    return ImmutableConsoleSettings.builder().build();
  }

  /** Default: 1 replica, 250m / 512Mi, limit 1Gi. */
  @Value.Default
  default ComponentSettings flyteadmin() {
    return ComponentSettings.of(1, "250m", "512Mi", "1Gi");
  }

  /** Default: 1 replica, 1 CPU / 2Gi, limit 2Gi (propeller's working set grows with workers). */
  @Value.Default
  default ComponentSettings flytepropeller() {
    return ComponentSettings.of(1, "1", "2Gi", "2Gi");
  }

  /** Default: 1 replica, 250m / 256Mi, limit 512Mi. */
  @Value.Default
  default ComponentSettings datacatalog() {
    return ComponentSettings.of(1, "250m", "256Mi", "512Mi");
  }

  /** Default: 1 replica, 50m / 64Mi, limit 256Mi. */
  @Value.Default
  default ComponentSettings flyteconsole() {
    return ComponentSettings.of(1, "50m", "64Mi", "256Mi");
  }

  /** Default: 1 replica (a singleton: more would fire schedules twice), 50m / 64Mi, limit 512Mi. */
  @Value.Default
  default ComponentSettings flytescheduler() {
    return ComponentSettings.of(1, "50m", "64Mi", "512Mi");
  }

  /** The pod webhook that injects secrets into task pods. Default: 1 replica, 100m / 128Mi, limit 512Mi. */
  @Value.Default
  default ComponentSettings webhook() {
    return ComponentSettings.of(1, "100m", "128Mi", "512Mi");
  }

  /** The cluster-resource sync loop. Default: 1 replica (a singleton), 50m / 128Mi, limit 512Mi. */
  @Value.Default
  default ComponentSettings syncresources() {
    return ComponentSettings.of(1, "50m", "128Mi", "512Mi");
  }
}
