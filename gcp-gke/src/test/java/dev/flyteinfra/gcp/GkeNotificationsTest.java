package dev.flyteinfra.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableNotifications;
import dev.flyteinfra.core.model.Notifications;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.Topology;
import org.junit.jupiter.api.Test;

/** GkeNotifications fills in the Pub/Sub names it creates, for backend gcp only. */
class GkeNotificationsTest {
  private static FlyteDeployment withNotifications(Notifications.Backend backend) {
    return ImmutableFlyteDeployment.copyOf(FlyteGkeTest.deployment(Topology.CORE))
        .withNotifications(ImmutableNotifications.builder().backend(backend).sender("flyte@acme.example")
            .project("elsewhere-1").topic("elsewhere").subscription("elsewhere")
            .sendgridApiKey(SecretKeyRef.of("sendgrid", "api-key")).build());
  }

  @Test
  void withBackendGcpTheTopicAndSubscriptionAreTheStacksOwn() {
    FlyteDeployment flyte = withNotifications(Notifications.Backend.GCP);

    assertThat(GkeNotifications.wanted(flyte)).isTrue();
    assertThat(GkeNotifications.applied(flyte, FlyteGkeTest.PROJECT)).hasValueSatisfying(n -> {
      assertThat(n.project()).contains(FlyteGkeTest.PROJECT);
      assertThat(n.topic()).contains("flyte-notifications");
      assertThat(n.subscription()).contains("flyte-notifications");
    });
  }

  @Test
  void withoutNotificationsNothingIsWanted() {
    assertThat(GkeNotifications.wanted(FlyteGkeTest.deployment(Topology.CORE))).isFalse();
    assertThat(GkeNotifications.applied(FlyteGkeTest.deployment(Topology.CORE), FlyteGkeTest.PROJECT)).isEmpty();
  }
}
