package dev.flyteinfra.core.client;

import dev.flyteinfra.core.model.FlyteDeployment;

/**
 * Which Flyte the clients of a deployment talk to: the one place where the CI workflow and the
 * client config decide between Flyte 1 (flytekit, flytectl, FlyteAdmin's gRPC) and Flyte 2 (the
 * {@code flyte} CLI). Until the model knows the generation, it is read from {@code flyteVersion}'s
 * major release; when it does, the body becomes the model's answer and nothing else changes.
 */
public final class ClientGeneration {
  private ClientGeneration() {}

  /** Whether the deployment runs Flyte 2 ({@code flyteVersion} 2.x). */
  public static boolean isFlyte2(FlyteDeployment deployment) {
    return deployment.flyteVersion().startsWith("2.");
  }
}
