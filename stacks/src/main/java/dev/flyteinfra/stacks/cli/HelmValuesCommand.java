package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.generation.HelmChart;
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

  @Option(names = "--chart", paramLabel = "CHART", required = true, description = "The chart: flyte-binary (topology binary; "
      + "v1.16.8 for Flyte 1, v2.0.42 for Flyte 2, by the deployment's flyteVersion) or flyte-core (Flyte 1's topology core).")
  String chart;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write it. Default: standard output.")
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Inputs inputs = Inputs.load(List.of(config));
    // The deployment's generation has the chart, or says which it has: flyte-binary names a chart of each generation.
    Function<FlyteDeployment, List<Problem>> problems = deployment -> FlyteManifests.generation(deployment).chart(chart)
        .map(helm -> helm.problems().apply(deployment))
        .orElseGet(() -> List.of(new Problem("chart", "'" + chart + "' is not a chart this writes values for, not for Flyte "
            + deployment.flyteVersion(), "use one of " + String.join(", ",
                FlyteManifests.generation(deployment).charts().stream().map(HelmChart::name).toList()))));
    Function<Plan, String> values = plan -> FlyteManifests.generation(plan.deployment()).chart(chart).orElseThrow().values().apply(plan);
    return inputs.writeFromOne(config, problems, deployment -> values.apply(Plan.of(deployment)), out, spec);
  }
}
