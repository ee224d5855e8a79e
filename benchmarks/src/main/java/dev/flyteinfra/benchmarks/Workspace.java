package dev.flyteinfra.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's examples and {@code ../shared/reference} are, seen from a benchmark. */
final class Workspace {
  private Workspace() {}

  /**
   * The repository root: system property {@code flyteinfra.root} (set by {@code benchmarks/run}),
   * else the first folder upwards from the working directory that holds {@code examples/}.
   */
  static Path root() {
    String given = System.getProperty("flyteinfra.root");
    if (given != null) {
      return Path.of(given).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples")) && Files.isRegularFile(dir.resolve("flyte-infra"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no flyte-infra checkout above " + Path.of("").toAbsolutePath()
        + ": run from the repository or set -Dflyteinfra.root");
  }

  static Path example(String name) {
    return root().resolve("examples").resolve(name + ".yaml");
  }

  /** The rendered official charts ({@code ../shared/reference/flyte-charts}). */
  static Path referenceCharts() {
    return root().resolve("../shared/reference/flyte-charts").normalize();
  }
}
