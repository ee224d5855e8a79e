package dev.flyteinfra.benchmarks;

import dev.flyteinfra.core.model.FlyteDeployment;
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

/** Growth: a control plane with 1, 10, 100, 1,000 data planes and 10, 100, 1,000, 10,000 project-domains (see {@link Fleet}). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FleetBenchmark {
  @Param({"1", "10", "100", "1000"})
  public int dataPlanes;

  @Param({"10", "100", "1000", "10000"})
  public int projectDomains;

  private FlyteDeployment fleet;

  @Setup
  public void build() {
    fleet = Fleet.of(dataPlanes, projectDomains);
  }

  @Benchmark
  public List<byte[]> synthesize() {
    return Synthesis.yamlBytes(fleet);
  }
}
