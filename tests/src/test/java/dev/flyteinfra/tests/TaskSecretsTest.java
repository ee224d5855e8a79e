package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the pod webhook takes the secrets tasks request from, in the config of FlytePropeller (or flyte-binary). */
class TaskSecretsTest {
  private static Map<String, String> config(Path file, String configMap) {
    return FlyteConfigView.flatten(Repo.objects(Repo.synthesize(file)), name -> name.equals(configMap) ? "config" : null);
  }

  @Test
  void vaultTasksGetTheirRoleKvVersionAndAnnotations() {
    Map<String, String> propeller = config(Repo.ROOT.resolve("tests/src/test/resources/gate/core-monitoring.yaml"),
        "flyte-observed-propeller-config");

    assertThat(propeller).containsEntry("config:webhook.secretManagerType", "Vault")
        .containsEntry("config:webhook.vaultSecretManager.role", "flyte-tasks")
        .containsEntry("config:webhook.vaultSecretManager.kvVersion", "2")
        .containsEntry("config:webhook.vaultSecretManager.annotations.vault.hashicorp.com/namespace", "data-platform")
        .containsEntry("config:webhook.serviceName", "flyte-observed-pod-webhook");
  }

  @Test
  void awsTasksUseTheSecretsManagerSidecarAndKubernetesSecretsAreFlytesDefault() {
    Map<String, String> binary = config(Repo.ROOT.resolve("tests/src/test/resources/gate/binary-plugins.yaml"), "flyte-plugins-config");
    Map<String, String> plain = config(Repo.EXAMPLES.resolve("onprem.yaml"), "onprem-propeller-config");
    Map<String, String> aws = config(Repo.EXAMPLES.resolve("core-aws.yaml"), "core-aws-propeller-config");

    assertThat(binary).containsEntry("config:webhook.secretManagerType", "AWS").containsEntry("config:webhook.localCert", "true");
    assertThat(plain.keySet()).noneMatch(key -> key.startsWith("config:webhook.secretManagerType"));
    assertThat(aws).containsEntry("config:webhook.secretManagerType", "AWS");
  }
}
