package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.flytecore.CoreFixtures.container;
import static dev.flyteinfra.core.flytecore.CoreFixtures.context;
import static dev.flyteinfra.core.flytecore.CoreFixtures.core;
import static dev.flyteinfra.core.flytecore.CoreFixtures.deployment;
import static dev.flyteinfra.core.flytecore.CoreFixtures.initContainers;
import static dev.flyteinfra.core.flytecore.CoreFixtures.kinds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.flytecore.CoreComponent.CoreContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodWebhookComponentTest {
  @Test
  void theWebhookWritesItsCertificatesIntoItsOwnEmptySecret() {
    // GIVEN a core deployment and propeller's config
    CoreContext context = context(core().build());

    // WHEN the pod webhook is rendered
    List<HasMetadata> objects = new PodWebhookComponent(context,
        context.configMap("flyte-propeller-config", "flytepropeller", Map.of("core.yaml", "webhook: {}"))).objects();

    // THEN an init container generates the certificates into the empty Secret the webhook mounts, served on 443
    assertThat(kinds(objects)).containsExactly("ServiceAccount/flyte-pod-webhook", "ClusterRole/flyte-flyte-pod-webhook",
        "ClusterRoleBinding/flyte-flyte-pod-webhook", "Secret/flyte-pod-webhook", "Deployment/flyte-pod-webhook",
        "Service/flyte-pod-webhook");
    assertThat(((ServiceAccount) objects.get(0)).getAutomountServiceAccountToken()).as("it calls the API").isTrue();
    assertThat(((Secret) objects.get(3)).getData()).isNullOrEmpty();
    Deployment webhook = deployment(objects);
    assertThat(initContainers(webhook)).containsExactly("generate-secrets");
    assertThat(webhook.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(volume -> {
      assertThat(volume.getName()).isEqualTo("webhook-certs");
      assertThat(volume.getSecret().getSecretName()).isEqualTo("flyte-pod-webhook");
    });
    assertThat(container(webhook, "webhook").getArgs()).startsWith("webhook");
    assertThat(webhook.getSpec().getTemplate().getMetadata().getAnnotations()).containsOnlyKeys("checksum/config");
  }
}
