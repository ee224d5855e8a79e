package dev.flyteinfra.stacks.aws;

import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.stacks.config.ConfigLoader;
import dev.flyteinfra.stacks.config.DeploymentConfig;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;

/**
 * The CDK app of {@code stacks/cdk.json}: {@code npx aws-cdk@2 deploy -c config=../examples/binary-aws.yaml}
 * builds the stack of that config file (it needs an {@code aws:} section) in the account the CDK
 * CLI resolves and in the buckets' region ({@code storage.s3.region}).
 */
public final class FlyteAwsApp {
  private FlyteAwsApp() {}

  public static void main(String[] args) {
    App app = new App();
    Object config = app.getNode().tryGetContext("config");
    if (config == null) {
      System.err.println("flyte-infra: give the config file as CDK context: -c config=../examples/binary-aws.yaml");
      System.exit(2);
    }
    DeploymentConfig deployment;
    try {
      deployment = ConfigLoader.loadConfig(Path.of(config.toString()));
    } catch (InvalidDeploymentException e) {
      System.err.println(config + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    if (deployment.aws().isEmpty()) {
      System.err.println(config + ": aws: is missing — add an aws: section (it may be empty: aws: {}) to build the EKS stack");
      System.exit(2);
    }
    AwsStacks.addTo(app, deployment, Environment.builder()
        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
        .region(deployment.deployment().storage().s3().orElseThrow().region())
        .build());
    app.synth();
  }
}
