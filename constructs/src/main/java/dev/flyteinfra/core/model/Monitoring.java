package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How Prometheus finds Flyte's metrics: with {@link #serviceMonitors()}, a ServiceMonitor of the
 * Prometheus operator for every component that serves them (topology core), as the official
 * chart's {@code serviceMonitor} values make.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableMonitoring.class)
@JsonDeserialize(as = ImmutableMonitoring.class)
public interface Monitoring {
  /** Default: false. */
  @Value.Default
  default boolean serviceMonitors() {
    return false;
  }

  /** How often Prometheus scrapes, a Prometheus duration. Default: {@code 60s}, as the chart. */
  @Value.Default
  default String interval() {
    return "60s";
  }

  /** A scrape's time limit, at most the interval. Default: {@code 30s}, as the chart. */
  @Value.Default
  default String scrapeTimeout() {
    return "30s";
  }

  /**
   * Labels of every ServiceMonitor, for the Prometheus that selects them (kube-prometheus-stack
   * selects {@code release: <its release>}). Default: none.
   */
  Map<String, String> labels();

  /** Flyte 2: traces and metrics to an OpenTelemetry collector. Default: none. */
  Optional<OpenTelemetry> openTelemetry();
}
