package dev.flyteinfra.core.model;

import java.util.regex.Pattern;

/**
 * Flyte's two generations, which {@code flyteVersion} chooses between: different products under
 * one name. Flyte 1 (1.x: flyte-binary and flyte-core, FlyteAdmin with its own sign-in, a namespace
 * per project and domain, the FlyteWorkflow CRD, HTTP and gRPC) and Flyte 2 (2.0.x: one binary and
 * a console, the TaskAction CRD, one task namespace, one HTTP port, sign-in only at the edge).
 * What each generation refuses of the model is in {@link GenerationChecks}.
 */
public enum Generation {
  FLYTE_1("Flyte 1", "1.16.8", Pattern.compile("1\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?")),
  /** Only 2.0.x: the releases whose chart and binary this library is checked against. */
  FLYTE_2("Flyte 2", "2.0.42", Pattern.compile("2\\.0\\.\\d+(-[0-9A-Za-z.-]+)?"));

  private final String label;
  private final String checkedVersion;
  private final Pattern versions;

  Generation(String label, String checkedVersion, Pattern versions) {
    this.label = label;
    this.checkedVersion = checkedVersion;
    this.versions = versions;
  }

  /** The generation of a Flyte release: 2.x is Flyte 2, everything else Flyte 1 (whose rules then judge the version). */
  public static Generation of(String flyteVersion) {
    return flyteVersion != null && flyteVersion.startsWith("2.") ? FLYTE_2 : FLYTE_1;
  }

  /** {@code Flyte 1} or {@code Flyte 2}, for messages. */
  public String label() {
    return label;
  }

  /** The release of this generation that the official charts in the reference data were rendered for. */
  public String checkedVersion() {
    return checkedVersion;
  }

  /** Whether this generation's releases include this version. */
  public boolean accepts(String flyteVersion) {
    return versions.matcher(flyteVersion).matches();
  }
}
