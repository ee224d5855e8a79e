package dev.flyteinfra.stacks;

import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.stacks.aws.AwsStacks;
import dev.flyteinfra.stacks.config.DeploymentConfig;
import java.util.SortedMap;

/** Everything {@code flyte-infra synth} writes for one config file, as relative path → text. */
public final class DeploymentOutputs {
  private DeploymentOutputs() {}

  /** Flyte's manifests, and the CloudFormation template of the EKS stack when the config has an {@code aws:} section. */
  public static SortedMap<String, String> files(DeploymentConfig config) {
    SortedMap<String, String> files = FlyteManifests.files(config.deployment());
    files.putAll(AwsStacks.templates(config));
    return files;
  }
}
