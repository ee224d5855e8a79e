package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** Settings per Flyte component. */
@Value.Immutable
@JsonSerialize(as = ImmutableComponents.class)
@JsonDeserialize(as = ImmutableComponents.class)
public interface Components {
  /** The flyte-binary Deployment (topology {@code binary}). Default: 1 replica, 500m / 1Gi, limit 2Gi. */
  @Value.Default
  default ComponentSettings binary() {
    return ImmutableComponentSettings.builder().build();
  }
}
