package dev.flyteinfra.stacks.cli;

import java.nio.file.Path;

/**
 * The repository root, where the default {@code examples/} and {@code synth-output/} live: the
 * {@code flyteinfra.home} system property the launcher sets, else the working directory.
 */
final class Home {
  private Home() {}

  static Path resolve(String relative) {
    return Path.of(System.getProperty("flyteinfra.home", ".")).resolve(relative).normalize();
  }
}
