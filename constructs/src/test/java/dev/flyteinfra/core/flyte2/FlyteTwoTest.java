package dev.flyteinfra.core.flyte2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.plan.Plan;
import org.junit.jupiter.api.Test;

class FlyteTwoTest {
  @Test
  void aSandboxComesWithTheFlyte2CliConfigAndAnotherDeploymentWithout() {
    assertThat(FlyteTwo.INSTANCE.files(Plan.of(Flyte2Fixtures.sandbox())).get(FlyteTwo.CLI_CONFIG))
        .contains("endpoint: dns:///localhost:" + FlyteTwo.SANDBOX_PORT, "insecure: true", "project: flytesnacks");
    assertThat(FlyteTwo.INSTANCE.files(Plan.of(Flyte2Fixtures.binary()))).isEmpty();
  }

  @Test
  void everythingRunsInOneCluster() {
    assertThat(FlyteTwo.INSTANCE.render(Plan.of(Flyte2Fixtures.binary()))).containsOnlyKeys(Plan.SINGLE_CLUSTER);
  }
}
