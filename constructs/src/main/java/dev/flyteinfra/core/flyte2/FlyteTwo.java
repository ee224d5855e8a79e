package dev.flyteinfra.core.flyte2;

import dev.flyteinfra.core.client.Flyte2ClientConfig;
import dev.flyteinfra.core.generation.FlyteGeneration;
import dev.flyteinfra.core.generation.HelmChart;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.model.TaskPlugins.ConnectorPlugin;
import dev.flyteinfra.core.plan.InClusterServices;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.core.plugins.FlyteConnector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Flyte 2 (2.0.x): the binary and its console in one cluster ({@link Flyte2Topology}), the
 * connector when asked, Postgres and an S3-compatible store in the cluster for the sandbox, and the Flyte 2 CLI's config
 * of a sandbox beside the manifests. Upstream has no flyte-core and no multi-cluster for Flyte 2.
 */
public final class FlyteTwo implements FlyteGeneration {
  /** The one instance. */
  public static final FlyteTwo INSTANCE = new FlyteTwo();
  /** The Flyte 2 CLI's config of a sandbox, in its output: {@code flyte --config <this> ...}. */
  public static final String CLI_CONFIG = "flyte/config.yaml";

  private static final List<HelmChart> CHARTS = List.of(
      new HelmChart(Flyte2HelmValues.CHART, Flyte2HelmValues.CHART_VERSION, Flyte2HelmValues::problems, Flyte2HelmValues::yaml));

  private FlyteTwo() {}

  @Override
  public Generation generation() {
    return Generation.FLYTE_2;
  }

  @Override
  public Map<String, List<HasMetadata>> render(Plan plan) {
    List<HasMetadata> objects = new ArrayList<>(Flyte2Topology.render(plan));
    // The connector runs beside the binary, whose connector-service plugin calls it.
    objects.addAll(FlyteConnector.render(plan, ConnectorPlugin.FLYTE_2_IMAGE, List.of("c0")));
    if (plan.hasInClusterServices()) {
      objects.addAll(InClusterServices.load().render(plan));
    }
    return Map.of(Plan.SINGLE_CLUSTER, objects);
  }

  @Override
  public SortedMap<String, String> files(Plan plan) {
    SortedMap<String, String> files = new TreeMap<>();
    if (plan.isSandbox()) {
      // No sign-in on a laptop; images built locally; the first project and domain as the defaults.
      FlyteDeployment d = plan.deployment();
      Flyte2ClientConfig.Options options = new Flyte2ClientConfig.Options(Optional.empty(), Optional.empty(), Optional.empty(),
          List.of(), Optional.empty(), Flyte2ClientConfig.ImageBuilder.LOCAL, Optional.empty(), Optional.empty(),
          d.projects().stream().map(Project::name).findFirst(), Optional.of(d.domains().get(0).name()));
      files.put(CLI_CONFIG, Flyte2ClientConfig.yaml(d, options));
    }
    return files;
  }

  @Override
  public List<HelmChart> charts() {
    return CHARTS;
  }
}
