package dev.flyteinfra.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Topology;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AksLogs points the task log links at the Container insights workspace, and leaves them alone without one. */
class AksLogsTest {
  @Test
  void withAWorkspaceTheTaskLogsLinkToIt() {
    FlyteDeployment flyte = FlyteAksTest.deployment(Topology.CORE);

    FlyteDeployment linked = AksLogs.withLogLinks(flyte, Optional.of(new AksLogs.LogWorkspace("tenant", "subscription", "group",
        AksLogs.workspaceName(flyte))));

    assertThat(linked.taskLogs().azure()).hasValueSatisfying(azure -> {
      assertThat(azure.workspace()).isEqualTo("flyte-logs");
      assertThat(azure.resourceGroup()).isEqualTo("group");
      assertThat(azure.subscriptionId()).isEqualTo("subscription");
      assertThat(azure.tenantId()).isEqualTo("tenant");
    });
  }

  @Test
  void withoutAWorkspaceTheDeploymentIsUnchanged() {
    FlyteDeployment flyte = FlyteAksTest.deployment(Topology.CORE);

    assertThat(AksLogs.withLogLinks(flyte, Optional.empty())).isSameAs(flyte);
  }
}
