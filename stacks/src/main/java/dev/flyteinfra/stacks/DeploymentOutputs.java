package dev.flyteinfra.stacks;

import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.stacks.aws.AwsStacks;
import dev.flyteinfra.stacks.config.DeploymentConfig;
import dev.flyteinfra.stacks.azure.FlyteAzureProgram;
import dev.flyteinfra.stacks.gcp.FlyteGcpProgram;
import java.util.SortedMap;

/** Everything {@code flyte-infra synth} writes for one config file, as relative path → text. */
public final class DeploymentOutputs {
  private DeploymentOutputs() {}

  /**
   * Flyte's manifests, and the cloud stack's plan: the CloudFormation template of the EKS stack
   * ({@code aws:}), the GKE or AKS program's resources under Pulumi's mock engine ({@code gcp:},
   * {@code azure:}). A cloud's classes (the AWS CDK, Pulumi) are loaded only for a config with its section.
   */
  public static SortedMap<String, String> files(DeploymentConfig config) {
    SortedMap<String, String> files = FlyteManifests.files(config.deployment());
    if (config.aws().isPresent()) {
      files.putAll(AwsStacks.templates(config));
    }
    if (config.gcp().isPresent()) {
      files.putAll(FlyteGcpProgram.plan(config));
    }
    if (config.azure().isPresent()) {
      files.putAll(FlyteAzureProgram.plan(config));
    }
    return files;
  }
}
