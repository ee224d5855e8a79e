package dev.flyteinfra.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PulumiPlanTest {
  @Test
  void recordsInputsMasksSecretsAndSortsByTypeAndName() {
    List<PulumiPlan.PlannedResource> plan = PulumiPlan.of("p", "s", ctx -> {
      new KubernetesObject("b", "v1", "Secret", Map.of(
          "metadata", Output.of((Object) Map.of("name", "b", "namespace", "flyte")),
          "stringData", Output.ofSecret((Object) Map.of("password", "hunter2"))), CustomResourceOptions.Empty);
      new KubernetesObject("a", "apps/v1", "Deployment", Map.of(
          "metadata", Output.of((Object) Map.of("name", "a")),
          "spec", Output.of((Object) Map.of("replicas", 2))), CustomResourceOptions.Empty);
    }, (type, name, inputs) -> Map.of());
    assertThat(plan).extracting(PulumiPlan.PlannedResource::type)
        .containsExactly("kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Secret");
    assertThat(plan.get(1).inputs()).containsEntry("stringData", PulumiPlan.SECRET);
    String json = PulumiPlan.toJson(plan);
    assertThat(json).doesNotContain("hunter2").contains("\"replicas\" : 2\n").doesNotContain("2.0");
  }

  @Test
  void aFailingProgramFailsThePlanWithItsMessage() {
    assertThatThrownBy(() -> PulumiPlan.of("p", "s", ctx -> new KubernetesObject("a", "v1", "Pod",
        Map.of("status", Output.of((Object) Map.of())), CustomResourceOptions.Empty), (type, name, inputs) -> Map.of()))
        .hasMessageContaining("Pod has a field this resource cannot carry: status");
  }

  @Test
  void typeTokensFollowTheProvider() {
    assertThat(KubernetesObject.typeToken("v1", "Service")).isEqualTo("kubernetes:core/v1:Service");
    assertThat(KubernetesObject.typeToken("rbac.authorization.k8s.io/v1", "Role"))
        .isEqualTo("kubernetes:rbac.authorization.k8s.io/v1:Role");
  }
}
