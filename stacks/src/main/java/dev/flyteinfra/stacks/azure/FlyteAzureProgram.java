package dev.flyteinfra.stacks.azure;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.flyteinfra.azure.AzurePlanOutputs;
import dev.flyteinfra.azure.FlyteAks;
import dev.flyteinfra.azure.ImmutableFlyteAksArgs;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.stacks.pulumi.PulumiPrograms;
import dev.flyteinfra.stacks.config.DeploymentConfig;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The Pulumi program of a config file with an {@code azure:} section ({@code stacks/azure/Pulumi.yaml}):
 * stack config {@code config} names the file, the optional secret {@code databasePassword}
 * replaces the generated one. {@link #plan} runs the same program under Pulumi's mock engine.
 */
public final class FlyteAzureProgram {
  /** The Pulumi project name of {@code stacks/azure/Pulumi.yaml}. */
  public static final String PROJECT = "flyte-azure";

  private FlyteAzureProgram() {}

  public static void main(String[] args) {
    PulumiPrograms.run("../../examples/core-azure.yaml", FlyteAzureProgram::define);
  }

  /** The deployment's FlyteAks component, and the stack outputs people need to use it. */
  public static FlyteAks define(Context ctx, DeploymentConfig config, Optional<Output<String>> databasePassword) {
    FlyteDeployment deployment = config.deployment();
    ImmutableFlyteAksArgs.Builder args = ImmutableFlyteAksArgs.builder().from(config.azure().orElseThrow(() ->
        new IllegalArgumentException(deployment.name() + " has no azure: section"))).deployment(deployment);
    databasePassword.ifPresent(args::databasePassword);
    FlyteAks flyte = new FlyteAks(deployment.name(), args.build());
    ctx.export("resourceGroupName", flyte.getResourceGroup().name());
    ctx.export("clusterName", flyte.getCluster().name());
    ctx.export("kubeconfigCommand", Output.tuple(flyte.getResourceGroup().name(), flyte.getCluster().name()).applyValue(names ->
        "az aks get-credentials --resource-group " + names.t1 + " --name " + names.t2 + " && kubelogin convert-kubeconfig -l azurecli"));
    ctx.export("databaseHost", flyte.getDatabase().fullyQualifiedDomainName());
    ctx.export("backendClientId", flyte.getBackendIdentity().clientId());
    return flyte;
  }

  /**
   * The program's offline plan, as {@code cloud/azure/resources.json} → JSON text; nothing without
   * an {@code azure:} section.
   */
  public static SortedMap<String, String> plan(DeploymentConfig config) {
    return PulumiPrograms.plan("azure", config.azure().isPresent(), PROJECT, config, FlyteAzureProgram::define, new AzurePlanOutputs());
  }

}
