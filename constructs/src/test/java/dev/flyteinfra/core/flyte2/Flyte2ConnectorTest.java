package dev.flyteinfra.core.flyte2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.TaskPlugins;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Flyte2ConnectorTest {
  private final Plan plan = Plan.of(Flyte2Fixtures.binary().withPlugins(TaskPlugins.builder()
      .connector(TaskPlugins.ConnectorPlugin.builder().addTaskTypes("bigquery_query_job_task").build()).build()));

  @Test
  void theConnectorRunsFlyte2sImageOnlyWhenAskedAndOnlyTheBinaryReachesIt() {
    List<HasMetadata> objects = FlyteTwo.INSTANCE.render(plan).get(Plan.SINGLE_CLUSTER);
    Deployment connector = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .filter(d -> d.getMetadata().getName().equals("flyte-flyteconnector")).findFirst().orElseThrow();
    var container = connector.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(TaskPlugins.ConnectorPlugin.FLYTE_2_IMAGE);
    assertThat(container.getCommand()).containsExactly("c0");
    NetworkPolicy policy = objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
        .filter(p -> p.getMetadata().getName().equals("flyte-flyteconnector")).findFirst().orElseThrow();
    assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule ->
        assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
            .containsEntry("app.kubernetes.io/component", "flyte-binary")));

    assertThat(FlyteTwo.INSTANCE.render(Plan.of(Flyte2Fixtures.binary())).get(Plan.SINGLE_CLUSTER))
        .noneMatch(o -> o.getMetadata().getName().contains("flyteconnector"));
  }

  @Test
  void theBinarySendsTheConnectorsTaskTypesToIt() {
    Map<String, Object> plugins = Flyte2Config.sections(plan).get("001-plugins.yaml");
    assertThat(plugins.toString())
        .contains("bigquery_query_job_task=connector-service")
        .contains("endpoint=k8s://flyte-flyteconnector.flyte:8000");
  }
}
