package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * One control plane (FlyteAdmin, console, DataCatalog, scheduler, cluster-resource sync) and the
 * data-plane clusters it dispatches executions to (Flyte's {@code clusters} config). Each data
 * plane gets an output of its own.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableMultiCluster.class)
@JsonDeserialize(as = ImmutableMultiCluster.class)
public interface MultiCluster {
  /** Control-plane cluster id; names its output folder. Default: {@code control-plane}. */
  @Value.Default
  default String controlPlaneName() {
    return "control-plane";
  }

  /** FlyteAdmin's gRPC endpoint as the data planes reach it, e.g. {@code dns:///flyte.example.com:443}. Required. */
  String adminEndpoint();

  /** DataCatalog's gRPC endpoint as the data planes reach it, e.g. {@code datacatalog.example.com:443}. Required. */
  String catalogEndpoint();

  /** Whether the data planes reach both endpoints without TLS. Default: false. */
  @Value.Default
  default boolean insecure() {
    return false;
  }

  /** At least one enabled. */
  List<DataPlaneCluster> dataPlanes();
}
