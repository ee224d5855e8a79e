package dev.flyteinfra.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The runs of {@code cold-start.sh}: per case ({@code sandbox}, {@code binary-aws}, {@code all})
 * and tool ({@code flyte-infra}, {@code kubectl-kustomize}), the wall time and peak resident
 * memory of each run, as {@code /usr/bin/time -v} reported them, and the machine's load around them.
 */
record ColdStart(List<Run> runs, List<String> notes) {
  record Run(String caseName, String tool, double wallSeconds, long maxResidentKb) {}

  /** The runs in {@code file}, or empty when the script did not run. */
  static Optional<ColdStart> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(file);
      List<Run> runs = lines.stream().filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.trim().split("\\s+"))
          .map(row -> new Run(row[0], row[1], Double.parseDouble(row[2]), Long.parseLong(row[3]))).toList();
      return Optional.of(new ColdStart(runs, lines.stream().filter(line -> line.startsWith("# load")).map(l -> l.substring(2)).toList()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Run> of(String caseName, String tool) {
    return runs.stream().filter(r -> r.caseName().equals(caseName) && r.tool().equals(tool)).toList();
  }

  static double medianWallSeconds(List<Run> runs) {
    return median(runs.stream().mapToDouble(Run::wallSeconds).toArray());
  }

  static double medianMaxResidentMiB(List<Run> runs) {
    return median(runs.stream().mapToDouble(r -> r.maxResidentKb() / 1024.0).toArray());
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
