package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** How Flyte is reached from outside the cluster: HTTP (console, API) and gRPC (flytekit, flytectl). */
@Value.Immutable
@JsonSerialize(as = ImmutableIngressSettings.class)
@JsonDeserialize(as = ImmutableIngressSettings.class)
public interface IngressSettings {
  /** The IngressClass, e.g. {@code alb} or {@code nginx}. Default: the cluster's default class. */
  Optional<String> className();

  /** Host name, e.g. {@code flyte.example.com}. Default: every host. */
  Optional<String> host();

  /** Secret of type kubernetes.io/tls for the host. Default: no TLS at the Ingress (e.g. ALB + ACM). */
  Optional<String> tlsSecret();

  /** gRPC in an Ingress of its own, as most controllers need for HTTP/2 backends. Default: true. */
  @Value.Default
  default boolean separateGrpc() {
    return true;
  }

  /**
   * Flyte 2: the namespace of the Ingress controller's pods (ingress-nginx, Traefik), which the
   * NetworkPolicy admits to Flyte's API and console. Default: none.
   */
  Optional<String> controllerNamespace();

  /**
   * Flyte 2: address ranges the NetworkPolicy admits to Flyte's API and console, for load balancers
   * that reach the pods directly (the AWS ALB with IP targets: the VPC's CIDR). Default: none.
   */
  List<String> sourceCidrs();

  /** Annotations on every Ingress. Default: none. */
  Map<String, String> annotations();

  /** Annotations on the HTTP Ingress only. Default: none. */
  Map<String, String> httpAnnotations();

  /** Annotations on the gRPC Ingress only. Default: none. */
  Map<String, String> grpcAnnotations();

  static ImmutableIngressSettings.Builder builder() {
    return ImmutableIngressSettings.builder();
  }
}
