package dev.flyteinfra.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How Flyte's components are laid out in the cluster. */
public enum Topology {
  /**
   * Flyte on one laptop or single-node cluster: the flyte-binary with Postgres and MinIO in the
   * cluster, reached through NodePorts on localhost (the role of {@code flytectl demo start}).
   */
  SANDBOX,
  /** The {@code flyte-binary} single binary: admin, propeller, datacatalog, scheduler and console in one pod. */
  BINARY,
  /** Flyte's components each in a Deployment of its own (the {@code flyte-core} chart), optionally split across clusters. */
  CORE;

  /** The word used in config files, e.g. {@code binary}. */
  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
