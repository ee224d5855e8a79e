package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * A Kubernetes cluster that runs workflows for the control plane: propeller, the pod webhook and
 * the task pods live there; FlyteAdmin reaches its API server with a service-account token.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableDataPlaneCluster.class)
@JsonDeserialize(as = ImmutableDataPlaneCluster.class)
public interface DataPlaneCluster {
  /** Cluster id, a DNS-1123 label; names its output folder. Required. */
  String name();

  /** The cluster's API server, e.g. {@code https://ABC.gr7.us-east-1.eks.amazonaws.com}. Required. */
  String endpoint();

  /**
   * A Secret in the control plane holding the token and CA certificate of the data plane's
   * {@code <name>-flyteadmin} service account (keys {@code token} and {@code ca.crt}, as the
   * data plane's token Secret has them). Required.
   */
  String credentialsSecret();

  /** Execution-cluster labels this cluster serves, e.g. {@code gpu}. Default: none. */
  List<String> labels();

  /** Whether FlyteAdmin sends executions here. Default: true. */
  @Value.Default
  default boolean enabled() {
    return true;
  }
}
