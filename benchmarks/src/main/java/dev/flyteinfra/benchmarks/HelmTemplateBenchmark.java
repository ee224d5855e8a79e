package dev.flyteinfra.benchmarks;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code helm template} through helm-java (Helm's Go library) of the official charts' output for
 * the deployment each example describes, as {@link StaticChart}s: release {@code flyte}, namespace
 * {@code flyte}, as the reference was rendered.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HelmTemplateBenchmark {
  @Param({"sandbox", "binary-aws", "binary-gcp", "core-aws", "core-gcp", "core-azure", "core-multicluster", "onprem"})
  public String example;

  private final List<Path> charts = new ArrayList<>();

  @Setup
  public void writeCharts() throws IOException {
    Path dir = Files.createTempDirectory("flyte-helm-baseline-");
    for (String reference : HelmEquivalent.OF_EXAMPLE.get(example)) {
      Path chart = dir.resolve(reference);
      if (!Files.isDirectory(chart)) {
        StaticChart.write(reference, dir);
        StaticChart.requireSameOutput(chart, render(chart));
      }
      charts.add(chart);
    }
  }

  @Benchmark
  public List<String> helmTemplate() {
    return charts.stream().map(HelmTemplateBenchmark::render).toList();
  }

  static String render(Path chart) {
    return new Helm(chart).template().withName("flyte").withNamespace("flyte").call();
  }
}
