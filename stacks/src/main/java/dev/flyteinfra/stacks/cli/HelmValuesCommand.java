package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.core.binary.BinaryHelmValues;
import dev.flyteinfra.core.flytecore.CoreHelmValues;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flyte-infra helm-values}: a values.yaml for the official chart equivalent to the synthesis. */
@Command(
    name = "helm-values",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a values.yaml for the official Flyte chart that deploys what `synth` writes.",
      "For teams that install Flyte with Helm: the chart's own knobs where it has them, the rest of Flyte's config inline; "
          + "secrets stay references.",
      "Bad input, or what the chart cannot express: exit status 2, every problem listed, nothing written."
    })
final class HelmValuesCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "The deployment config file.")
  Path config;

  @Option(names = "--chart", paramLabel = "CHART", required = true, description = "The chart: flyte-binary (topology binary) or flyte-core (topology core).")
  String chart;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write it. Default: standard output.")
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Inputs inputs = Inputs.load(List.of(config));
    boolean binary = chart.equals("flyte-binary");
    if (!binary && !chart.equals("flyte-core")) {
      inputs.addProblem(config, new Problem("chart", "'" + chart + "' is not a chart this writes values for", "use flyte-binary or flyte-core"));
    }
    Function<FlyteDeployment, List<Problem>> problems = binary ? BinaryHelmValues::problems : CoreHelmValues::problems;
    Function<Plan, String> values = binary ? BinaryHelmValues::yaml : CoreHelmValues::yaml;
    return inputs.writeFromOne(config, problems, deployment -> values.apply(Plan.of(deployment)), out, spec);
  }
}
