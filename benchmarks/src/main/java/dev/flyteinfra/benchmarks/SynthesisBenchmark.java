package dev.flyteinfra.benchmarks;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.stacks.config.ConfigLoader;
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

/** Warm synthesis of each example in {@code examples/}, from the loaded model to YAML bytes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SynthesisBenchmark {
  @Param({"sandbox", "binary-aws", "binary-gcp", "core-aws", "core-gcp", "core-azure", "core-multicluster", "onprem"})
  public String example;

  private FlyteDeployment deployment;

  @Setup
  public void load() {
    deployment = ConfigLoader.load(Workspace.example(example));
  }

  @Benchmark
  public List<byte[]> synthesize() {
    return Synthesis.yamlBytes(deployment);
  }
}
