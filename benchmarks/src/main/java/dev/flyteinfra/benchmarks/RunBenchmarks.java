package dev.flyteinfra.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of this module and writes {@code benchmarks/RESULTS.md} with its plot.
 * Each fork gets a 512 MB heap. {@code -Dquick=true} runs fewer, shorter iterations (to try the
 * harness, not to report).
 */
public final class RunBenchmarks {
  /** Warm-up iterations of 1 s: on 2 cores the JIT is still speeding synthesis up after 5. */
  static final int WARMUP_ITERATIONS = 10;
  static final int MEASUREMENT_ITERATIONS = 5;

  private RunBenchmarks() {}

  public static void main(String[] args) throws RunnerException {
    boolean quick = Boolean.getBoolean("quick");
    String[] jvmArgs = {"-Xms512m", "-Xmx512m", "-Dflyteinfra.root=" + Workspace.root()};
    ChainedOptionsBuilder warm = new OptionsBuilder()
        .include(SynthesisBenchmark.class.getSimpleName())
        .include(HelmTemplateBenchmark.class.getSimpleName())
        .include(FleetBenchmark.class.getSimpleName())
        .jvmArgsAppend(jvmArgs)
        .addProfiler(GCProfiler.class)
        .forks(1)
        .warmupIterations(quick ? 1 : WARMUP_ITERATIONS)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 2 : MEASUREMENT_ITERATIONS)
        .measurementTime(TimeValue.seconds(1));
    List<RunResult> results = new ArrayList<>(new Runner(warm.build()).run());
    ChainedOptionsBuilder first = new OptionsBuilder()
        .include(FirstRenderingBenchmark.class.getSimpleName())
        .jvmArgsAppend(jvmArgs);
    if (quick) {
      first.forks(1);
    }
    results.addAll(new Runner(first.build()).run());
    Path out = Workspace.root().resolve("benchmarks");
    new Report(results.stream().map(Measurement::of).toList(), ColdStart.read(out.resolve("target/cold-start.tsv"))).write(out);
  }
}
