package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * Flyte 2's app serving ({@code internalApps}): apps run as Knative Services in the task
 * namespace, reached at {@code <app>.<baseDomain>}. Off unless given; Knative Serving and its
 * ingress are installed separately.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAppServing.class)
@JsonDeserialize(as = ImmutableAppServing.class)
public interface AppServing {
  /** The domain apps are served under, e.g. {@code apps.flyte.example.com}. Required. */
  String baseDomain();

  /** {@code https} or {@code http}. Default: {@code https}. */
  @Value.Default
  default String scheme() {
    return "https";
  }
}
