package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.flytecore.CoreFixtures.container;
import static dev.flyteinfra.core.flytecore.CoreFixtures.context;
import static dev.flyteinfra.core.flytecore.CoreFixtures.core;
import static dev.flyteinfra.core.flytecore.CoreFixtures.deployment;
import static dev.flyteinfra.core.flytecore.CoreFixtures.initContainers;
import static dev.flyteinfra.core.flytecore.CoreFixtures.kinds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.ImmutableComponentSettings;
import dev.flyteinfra.core.model.ImmutableComponents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerComponentTest {
  @Test
  void theSchedulerRunsOnePodAtATime() {
    // GIVEN a core deployment with the scheduler's own resources
    var d = core().components(ImmutableComponents.builder()
        .flytescheduler(ImmutableComponentSettings.builder().build()).build()).build();

    // WHEN the scheduler is rendered
    List<HasMetadata> objects = new SchedulerComponent(context(d)).objects();

    // THEN one pod, replaced rather than rolled (two would fire schedules twice), after its precheck
    assertThat(kinds(objects)).containsExactly("ServiceAccount/flyte-flytescheduler", "ConfigMap/flyte-scheduler-config",
        "Deployment/flyte-flytescheduler");
    Deployment scheduler = deployment(objects);
    assertThat(scheduler.getSpec().getReplicas()).isEqualTo(1);
    assertThat(scheduler.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(initContainers(scheduler)).containsExactly("wait-for-db", "flytescheduler-check");
    assertThat(container(scheduler, "flytescheduler").getCommand()).startsWith("flytescheduler", "run");
  }
}
