package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** FlytePropeller's throughput knobs (Flyte's {@code propeller} section) and sharding. */
@Value.Immutable
@JsonSerialize(as = ImmutablePropellerSettings.class)
@JsonDeserialize(as = ImmutablePropellerSettings.class)
public interface PropellerSettings {
  /** Workflow evaluation workers per propeller. Default: 40. */
  @Value.Default
  default int workers() {
    return 40;
  }

  /** Default: 50. */
  @Value.Default
  default int maxWorkflowRetries() {
    return 50;
  }

  /** Kubernetes API queries per second, and burst. Default: 100 and 25. */
  @Value.Default
  default int kubeClientQps() {
    return 100;
  }

  @Value.Default
  default int kubeClientBurst() {
    return 25;
  }

  /**
   * Split the work over several propellers run by {@code flytepropeller-manager}. Default: none,
   * one propeller Deployment (with leader election when it has more than one replica).
   */
  Optional<PropellerSharding> sharding();
}
