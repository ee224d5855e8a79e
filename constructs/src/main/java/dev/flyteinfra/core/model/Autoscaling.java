package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** A HorizontalPodAutoscaler on CPU utilization (flyteadmin and flyteconsole of the core topology). */
@Value.Immutable
@JsonSerialize(as = ImmutableAutoscaling.class)
@JsonDeserialize(as = ImmutableAutoscaling.class)
public interface Autoscaling {
  /** Default: 2. */
  @Value.Default
  default int minReplicas() {
    return 2;
  }

  /** Default: 5. */
  @Value.Default
  default int maxReplicas() {
    return 5;
  }

  /** Average CPU utilization to aim for, in percent of the request. Default: 80. */
  @Value.Default
  default int targetCpuUtilizationPercent() {
    return 80;
  }
}
