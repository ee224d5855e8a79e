package dev.flyteinfra.benchmarks;

import dev.flyteinfra.stacks.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first rendering in a fresh JVM (one call per fork, class loading and JIT included): our
 * config file to YAML bytes, against helm-java's first {@code helm template} (which loads Helm's
 * Go library) of the equivalent official output.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class FirstRenderingBenchmark {
  @Param({"binary-aws", "core-aws"})
  public String example;

  private Path chart;

  @Setup
  public void writeChart() throws IOException {
    chart = StaticChart.write(HelmEquivalent.OF_EXAMPLE.get(example).get(0), Files.createTempDirectory("flyte-helm-baseline-"));
  }

  @Benchmark
  public List<byte[]> flyteInfra() {
    return Synthesis.yamlBytes(ConfigLoader.load(Workspace.example(example)));
  }

  @Benchmark
  public String helmTemplate() {
    return HelmTemplateBenchmark.render(chart);
  }
}
