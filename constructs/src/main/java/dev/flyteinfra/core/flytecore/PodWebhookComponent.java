package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.manifest.KubeObjects.rule;
import static dev.flyteinfra.core.manifest.KubeObjects.servicePort;
import static dev.flyteinfra.core.manifest.Workload.container;
import static dev.flyteinfra.core.manifest.Workload.mount;
import static dev.flyteinfra.core.manifest.Workload.port;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workload;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.ComponentSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;

/**
 * FlytePropeller's pod webhook, which injects secrets into task pods: its service account and
 * cluster role, the (empty) Secret its init container fills with certificates, the Deployment and
 * its Service on 443.
 */
final class PodWebhookComponent extends CoreComponent {
  static final String COMPONENT = "pod-webhook";
  /** Rules of the official chart's pod-webhook ClusterRole. */
  static final List<PolicyRule> RULES = List.of(rule(List.of("*"),
      List.of("mutatingwebhookconfigurations", "secrets", "pods", "replicasets/finalizers"), "get", "create", "update", "patch"));

  private final ConfigMap propellerConfig;

  /** {@code propellerConfig}: the webhook reads propeller's config. */
  PodWebhookComponent(CoreContext context, ConfigMap propellerConfig) {
    super(context);
    this.propellerConfig = propellerConfig;
  }

  @Override
  List<HasMetadata> objects() {
    String name = CoreNames.webhook(plan);
    ComponentSettings settings = d.components().webhook();
    String image = image("flytepropeller");
    Workload workload = workload(COMPONENT, name, name)
        .checksum("config", propellerConfig.getData())
        .initContainers(List.of(container("generate-secrets", image, List.of("flytepropeller"),
                List.of(mount("config", CoreConfig.CONFIG_DIR)), Workloads.resources("10m", "32Mi", "128Mi"))
            .withArgs("webhook", "init-certs", "--config", CoreConfig.CONFIG_DIR + "/*.yaml")
            .withEnv(KubeObjects.podIdentityEnv())
            .build()))
        .container(container("webhook", image, List.of("flytepropeller"),
                List.of(mount("config", CoreConfig.CONFIG_DIR), mount("webhook-certs", CoreConfig.WEBHOOK_CERTS_DIR)),
                Workloads.resources(settings.resources()))
            .withArgs("webhook", "--config", CoreConfig.CONFIG_DIR + "/*.yaml")
            .withEnv(KubeObjects.podIdentityEnv())
            .withPorts(port("https", CoreConfig.WEBHOOK))
            .withReadinessProbe(KubeObjects.tcpProbe(CoreConfig.WEBHOOK, 5, 3))
            .withLivenessProbe(KubeObjects.tcpProbe(CoreConfig.WEBHOOK, 15, 6))
            .build())
        .volumes(List.of(KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(), propellerConfig.getMetadata().getName()),
            KubeObjects.secretVolume("webhook-certs", name)));
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount(COMPONENT, name));
    objects.addAll(clusterRole(COMPONENT, COMPONENT, name, RULES));
    // Empty: the init container writes the webhook's certificates into it at start-up.
    objects.add(new SecretBuilder().withMetadata(meta(name, COMPONENT)).withType("Opaque").build());
    objects.add(workload.deployment(settings));
    objects.add(KubeObjects.clusterIpService(meta(name, COMPONENT), selector(COMPONENT), List.of(servicePort("https", 443, "https"))));
    objects.addAll(workload.availability(name, settings));
    return objects;
  }
}
