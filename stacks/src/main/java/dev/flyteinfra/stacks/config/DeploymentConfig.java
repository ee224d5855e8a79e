package dev.flyteinfra.stacks.config;

import dev.flyteinfra.aws.EksOptions;
import dev.flyteinfra.azure.AksOptions;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.gcp.GkeOptions;
import java.util.Optional;

/**
 * What a config file describes: the Flyte deployment and, when it has a cloud section, the
 * cloud stack to build it on: EKS ({@code aws:}), GKE ({@code gcp:}) or AKS ({@code azure:}).
 */
public record DeploymentConfig(FlyteDeployment deployment, Optional<EksOptions> aws, Optional<GkeOptions> gcp,
    Optional<AksOptions> azure) {}
