package dev.flyteinfra.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How Flyte's components are laid out in the cluster. */
public enum Topology {
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
