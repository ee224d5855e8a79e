package dev.flyteinfra.core.flyte2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class Flyte2RbacTest {
  private final List<HasMetadata> objects = Flyte2Topology.render(Plan.of(Flyte2Fixtures.binary()));

  private List<PolicyRule> clusterRules() {
    return objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast).findFirst().orElseThrow().getRules();
  }

  private List<PolicyRule> roleRules(String namespace) {
    return objects.stream().filter(Role.class::isInstance).map(Role.class::cast)
        .filter(role -> role.getMetadata().getNamespace().equals(namespace)).findFirst().orElseThrow().getRules();
  }

  @Test
  void clusterWideTheBinaryOnlyReadsButForRegisteringItsOwnWebhook() {
    for (PolicyRule rule : clusterRules()) {
      if (rule.getResources().contains("mutatingwebhookconfigurations")) {
        if (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()) {
          assertThat(rule.getVerbs()).as("unnamed: create (which names cannot limit) and reads").containsOnly("create", "list", "watch");
        } else {
          assertThat(rule.getResourceNames()).containsExactly("flyte-webhook");
        }
      } else {
        assertThat(rule.getVerbs()).as(rule.getResources().toString()).containsOnly("get", "list", "watch");
      }
    }
    assertThat(clusterRules()).noneMatch(rule -> rule.getResources().contains("secrets"));
  }

  @Test
  void itWritesTaskPodsAndTaskActionsOnlyInTheTaskNamespaceAndSecretsOnlyInItsOwn() {
    assertThat(roleRules("flyte-tasks")).anySatisfy(rule -> {
      assertThat(rule.getResources()).containsExactly("pods");
      assertThat(rule.getVerbs()).contains("create", "delete");
    }).anySatisfy(rule -> assertThat(rule.getResources()).contains("taskactions", "taskactions/status", "taskactions/finalizers"))
        .noneMatch(rule -> rule.getResources().contains("secrets"));
    assertThat(roleRules("flyte")).anySatisfy(rule -> assertThat(rule.getResources()).containsExactly("secrets"));
  }

  @Test
  void appServingAddsKnativeOnlyWhenAsked() {
    assertThat(clusterRules()).noneMatch(rule -> rule.getApiGroups().contains("serving.knative.dev"));
    var withApps = Flyte2Fixtures.binary().withApps(dev.flyteinfra.core.model.ImmutableAppServing.builder().baseDomain("apps.example.com").build());
    List<HasMetadata> rendered = Flyte2Topology.render(Plan.of(withApps));
    assertThat(rendered.stream().filter(Role.class::isInstance).map(Role.class::cast)
        .filter(role -> role.getMetadata().getNamespace().equals("flyte-tasks")).findFirst().orElseThrow().getRules())
        .anySatisfy(rule -> assertThat(rule.getApiGroups()).containsExactly("serving.knative.dev"));
  }
}
