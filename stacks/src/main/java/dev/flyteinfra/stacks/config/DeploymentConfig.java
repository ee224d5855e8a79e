package dev.flyteinfra.stacks.config;

import dev.flyteinfra.aws.EksOptions;
import dev.flyteinfra.core.model.FlyteDeployment;
import java.util.Optional;

/**
 * What a config file describes: the Flyte deployment and, when it has an {@code aws:} section,
 * the EKS stack to build it on.
 */
public record DeploymentConfig(FlyteDeployment deployment, Optional<EksOptions> aws) {}
