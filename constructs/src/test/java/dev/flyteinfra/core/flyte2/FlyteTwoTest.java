package dev.flyteinfra.core.flyte2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.plan.Plan;
import org.junit.jupiter.api.Test;

class FlyteTwoTest {
  @Test
  void aSandboxComesWithTheFlyte2CliConfigAndAnotherDeploymentWithout() {
    assertThat(FlyteTwo.INSTANCE.files(Plan.of(Flyte2Fixtures.sandbox())).get(FlyteTwo.CLI_CONFIG))
        .contains("endpoint: dns:///localhost:30080", "insecure: true", "project: flytesnacks", "domain: development")
        .doesNotContain("authType");
    assertThat(FlyteTwo.INSTANCE.files(Plan.of(Flyte2Fixtures.binary()))).isEmpty();
  }

  @Test
  void everythingRunsInOneCluster() {
    assertThat(FlyteTwo.INSTANCE.render(Plan.of(Flyte2Fixtures.binary()))).containsOnlyKeys(Plan.SINGLE_CLUSTER);
  }
}
