package dev.flyteinfra.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How Flyte itself is installed into the cluster, which decides the names its identities carry. */
public enum Installation {
  /**
   * With this library's manifests ({@code ./flyte-infra synth}, or a cloud stack that applies them):
   * every object is named after the deployment, e.g. the service account {@code <name>-flyteadmin}.
   */
  MANIFESTS,
  /**
   * With the official chart (flyte-binary or flyte-core, from {@code ./flyte-infra helm-values}):
   * the backend's service accounts are named as the chart names them (flyte-core: {@code flyteadmin},
   * {@code datacatalog}, {@code flytescheduler}, {@code flytepropeller}; flyte-binary: the
   * deployment's name), so that the cloud identities a stack creates trust the chart's pods.
   * The manifests of {@code synth} use the same service account names.
   */
  OFFICIAL_CHART;

  /** The word used in config files, e.g. {@code official-chart}. */
  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
