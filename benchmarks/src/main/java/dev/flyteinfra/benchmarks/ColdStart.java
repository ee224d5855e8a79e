package dev.flyteinfra.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The runs of {@code cold-start.sh}: {@code ./flyte-infra synth} of all examples in one process,
 * wall time and peak resident memory per run, as {@code /usr/bin/time -v} reported them.
 */
record ColdStart(List<Double> wallSeconds, List<Long> maxResidentKb) {

  /** The runs in {@code file} (lines {@code <wall seconds> <max RSS KiB>}), or empty when the script did not run. */
  static Optional<ColdStart> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      List<String[]> rows = Files.readAllLines(file).stream().filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.trim().split("\\s+")).toList();
      return Optional.of(new ColdStart(rows.stream().map(row -> Double.parseDouble(row[0])).toList(),
          rows.stream().map(row -> Long.parseLong(row[1])).toList()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int runs() {
    return wallSeconds.size();
  }

  double medianWallSeconds() {
    return median(wallSeconds.stream().mapToDouble(Double::doubleValue).toArray());
  }

  double medianMaxResidentMiB() {
    return median(maxResidentKb.stream().mapToDouble(kb -> kb / 1024.0).toArray());
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
