package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.core.model.FlyteDeployment;
import picocli.CommandLine;

/** {@code --version}: this tool's version and the Flyte release it targets by default. */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String own = FlyteInfraCli.class.getPackage().getImplementationVersion();
    return new String[] {
      "flyte-infra " + (own == null ? "(development build)" : own),
      "default Flyte release " + FlyteDeployment.DEFAULT_FLYTE_VERSION
    };
  }
}
