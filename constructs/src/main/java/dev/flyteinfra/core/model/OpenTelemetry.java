package dev.flyteinfra.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import org.immutables.value.Value;

/**
 * Traces (and the metrics Flyte 2 sends the same way) to an OpenTelemetry collector: Flyte 2's
 * {@code otel} section. Flyte 2 is not scraped by Prometheus.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableOpenTelemetry.class)
@JsonDeserialize(as = ImmutableOpenTelemetry.class)
public interface OpenTelemetry {
  /** How traces are sent. */
  enum Protocol {
    /** OTLP over gRPC, usually port 4317. */
    GRPC,
    /** OTLP over HTTP, usually {@code :4318/v1/traces}. */
    HTTP;

    @JsonValue
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The collector, e.g. {@code http://otel-collector.observability:4317}. Required. */
  String endpoint();

  /** Default: {@link Protocol#GRPC}. */
  @Value.Default
  default Protocol protocol() {
    return Protocol.GRPC;
  }

  /** The share of traces kept, between 0 and 1. Default: 0.01, as upstream's example. */
  @Value.Default
  default double sampleRatio() {
    return 0.01;
  }
}
