package dev.flyteinfra.core.generation;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.plan.Plan;
import java.util.List;
import java.util.function.Function;

/**
 * An official chart and the export of a deployment's values for it. Flyte 1.16.8's flyte-binary
 * and Flyte 2's share a name ({@code flyte-binary}), never a version: the version is pinned in
 * every values file.
 *
 * @param name the chart's name in the flyteorg repository
 * @param version the chart version the values are checked against
 * @param problems what the chart cannot express of a (valid) deployment
 * @param values the values file of a plan
 */
public record HelmChart(String name, String version, Function<FlyteDeployment, List<Problem>> problems,
    Function<Plan, String> values) {}
