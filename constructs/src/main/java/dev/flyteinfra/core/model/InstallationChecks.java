package dev.flyteinfra.core.model;

/** The rules of {@code installation:} ({@link Installation}). */
final class InstallationChecks {
  private InstallationChecks() {}

  static void check(Checks root, FlyteDeployment d) {
    if (d.installation() == Installation.OFFICIAL_CHART && d.topology() == Topology.SANDBOX) {
      root.add("installation", "no official chart deploys topology sandbox (flyte-binary deploys binary, flyte-core deploys core)",
          "use topology binary or core with it, or remove installation");
    }
  }
}
