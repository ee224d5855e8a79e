package dev.flyteinfra.stacks.gcp;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.gcp.FlyteGke;
import dev.flyteinfra.gcp.ImmutableFlyteGkeArgs;
import dev.flyteinfra.gcp.GcpPlanOutputs;
import dev.flyteinfra.stacks.pulumi.PulumiPrograms;
import dev.flyteinfra.stacks.config.DeploymentConfig;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The Pulumi program of a config file with a {@code gcp:} section ({@code stacks/gcp/Pulumi.yaml}):
 * stack config {@code config} names the file, the optional secret {@code databasePassword}
 * replaces the generated one. {@link #plan} runs the same program under Pulumi's mock engine.
 */
public final class FlyteGcpProgram {
  /** The Pulumi project name of {@code stacks/gcp/Pulumi.yaml}. */
  public static final String PROJECT = "flyte-gcp";

  private FlyteGcpProgram() {}

  public static void main(String[] args) {
    PulumiPrograms.run("../../examples/core-gcp.yaml", FlyteGcpProgram::define);
  }

  /** The deployment's FlyteGke component, and the stack outputs people need to use it. */
  public static FlyteGke define(Context ctx, DeploymentConfig config, Optional<Output<String>> databasePassword) {
    FlyteDeployment deployment = config.deployment();
    ImmutableFlyteGkeArgs.Builder args = ImmutableFlyteGkeArgs.builder().from(config.gcp().orElseThrow(() ->
        new IllegalArgumentException(deployment.name() + " has no gcp: section"))).deployment(deployment);
    databasePassword.ifPresent(args::databasePassword);
    FlyteGke flyte = new FlyteGke(deployment.name(), args.build());
    String project = deployment.storage().gcs().orElseThrow().project();
    ctx.export("clusterName", flyte.getCluster().name());
    ctx.export("kubeconfigCommand", flyte.getCluster().name().applyValue(name -> "gcloud container clusters get-credentials "
        + name + " --region " + config.gcp().get().region() + " --project " + project));
    ctx.export("databaseConnectionName", flyte.getDatabase().connectionName());
    ctx.export("backendServiceAccount", flyte.getBackendAccount().email());
    return flyte;
  }

  /**
   * The program's offline plan, as {@code cloud/gcp/resources.json} → JSON text; nothing without
   * a {@code gcp:} section.
   */
  public static SortedMap<String, String> plan(DeploymentConfig config) {
    return PulumiPrograms.plan("gcp", config.gcp().isPresent(), PROJECT, config, FlyteGcpProgram::define, new GcpPlanOutputs());
  }

}
