package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.flytecore.CoreFixtures.container;
import static dev.flyteinfra.core.flytecore.CoreFixtures.context;
import static dev.flyteinfra.core.flytecore.CoreFixtures.core;
import static dev.flyteinfra.core.flytecore.CoreFixtures.deployment;
import static dev.flyteinfra.core.flytecore.CoreFixtures.initContainers;
import static dev.flyteinfra.core.flytecore.CoreFixtures.kinds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.flytecore.CoreComponent.CoreContext;
import dev.flyteinfra.core.model.ImmutablePropellerSettings;
import dev.flyteinfra.core.model.ImmutablePropellerSharding;
import dev.flyteinfra.core.model.PropellerSharding;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropellerComponentTest {
  private static ConfigMap config(CoreContext context) {
    return context.configMap("flyte-propeller-config", "flytepropeller", Map.of("core.yaml", "propeller: {}"));
  }

  @Test
  void withoutShardingPropellerIsOneDeploymentReadingItsConfig() {
    // GIVEN a core deployment without sharding
    CoreContext context = context(core().build());

    // WHEN propeller is rendered
    List<HasMetadata> objects = new PropellerComponent(context, config(context)).objects();

    // THEN it has the chart's RBAC, its config and a Deployment that rolls when the config changes
    assertThat(kinds(objects)).containsExactly("ServiceAccount/flyte-flytepropeller", "ClusterRole/flyte-flyte-flytepropeller",
        "ClusterRoleBinding/flyte-flyte-flytepropeller", "ConfigMap/flyte-propeller-config", "Deployment/flyte-flytepropeller");
    Deployment propeller = deployment(objects);
    assertThat(propeller.getSpec().getTemplate().getMetadata().getAnnotations()).containsOnlyKeys("checksum/flyte-propeller-config");
    assertThat(container(propeller, "flytepropeller").getEnv()).extracting(e -> e.getName()).containsExactly("POD_NAME", "POD_NAMESPACE");
    assertThat(container(propeller, "flytepropeller").getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
  }

  @Test
  void withShardingTheManagerStartsPropellerPodsFromATemplate() {
    // GIVEN a core deployment sharded by project
    CoreContext context = context(core().propeller(ImmutablePropellerSettings.builder()
        .sharding(ImmutablePropellerSharding.builder().type(PropellerSharding.Type.PROJECT).addShards(List.of("a"), List.of("*")).build())
        .build()).build());

    // WHEN propeller is rendered
    List<HasMetadata> objects = new PropellerComponent(context, config(context)).objects();

    // THEN the template holds propeller's pod (labelled app=flytepropeller, no anti-affinity) and the manager runs as propeller
    assertThat(kinds(objects)).endsWith("PodTemplate/flyte-flytepropeller-template", "Deployment/flyte-flytepropeller-manager");
    PodTemplate template = (PodTemplate) objects.get(4);
    assertThat(template.getTemplate().getMetadata().getLabels()).containsEntry("app", "flytepropeller");
    assertThat(template.getTemplate().getSpec().getContainers().get(0).getName()).isEqualTo("flytepropeller");
    assertThat(template.getTemplate().getSpec().getAffinity()).isNull();
    Deployment manager = deployment(objects);
    assertThat(manager.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("flyte-flytepropeller");
    assertThat(container(manager, "flytepropeller-manager").getCommand()).contains("--manager.pod-template-namespace", "flyte");
    assertThat(manager.getSpec().getSelector().getMatchLabels()).containsValue("flytepropeller-manager");
  }
}
