package dev.flyteinfra.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** One JMH result as the report uses it: score ± error in milliseconds, and bytes allocated per operation. */
record Measurement(String benchmark, Map<String, String> params, double millis, double error, double allocatedBytes) {

  static Measurement of(RunResult run) {
    var params = run.getParams();
    Map<String, String> values = new java.util.TreeMap<>();
    params.getParamsKeys().forEach(key -> values.put(key, params.getParam(key)));
    String method = params.getBenchmark();
    double allocated = run.getSecondaryResults().entrySet().stream()
        .filter(entry -> entry.getKey().endsWith("gc.alloc.rate.norm"))
        .map(entry -> entry.getValue().getScore())
        .findFirst().orElse(Double.NaN);
    Result<?> primary = run.getPrimaryResult();
    return new Measurement(method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1), values,
        primary.getScore(), primary.getScoreError(), allocated);
  }

  /** The result of {@code benchmark} (e.g. {@code SynthesisBenchmark.synthesize}) with these parameter values. */
  static Optional<Measurement> find(Collection<Measurement> all, String benchmark, Map<String, String> params) {
    return all.stream().filter(m -> m.benchmark.equals(benchmark) && m.params.equals(params)).findFirst();
  }
}
