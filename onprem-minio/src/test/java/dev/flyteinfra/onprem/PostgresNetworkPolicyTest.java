package dev.flyteinfra.onprem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NetworkPolicy in front of the in-cluster Postgres admits every pod that uses the database
 * (each Flyte pod that waits for it or mounts its password) and only pods of this deployment.
 */
class PostgresNetworkPolicyTest {
  static Stream<FlyteDeployment> deployments() {
    return Stream.of(OnPremFixtures.sandbox(), OnPremFixtures.onPrem());
  }

  @ParameterizedTest
  @MethodSource("deployments")
  void admitsEveryPodThatUsesTheDatabase(FlyteDeployment deployment) {
    List<HasMetadata> objects = OnPremFixtures.objects(deployment);
    String passwordSecret = Plan.of(deployment).deployment().database().passwordSecret().name();
    NetworkPolicy policy = OnPremFixtures.find(objects, NetworkPolicy.class, deployment.name() + "-postgres");
    List<NetworkPolicyPeer> peers = policy.getSpec().getIngress().get(0).getFrom();
    assertThat(peers).hasSize(1);
    Map<String, String> admitted = peers.get(0).getPodSelector().getMatchLabels();
    assertThat(admitted).isNotEmpty();

    List<PodTemplateSpec> users = objects.stream().filter(Deployment.class::isInstance).map(o -> ((Deployment) o).getSpec().getTemplate())
        .filter(pod -> pod.getSpec().getVolumes().stream()
            .anyMatch(v -> v.getSecret() != null && passwordSecret.equals(v.getSecret().getSecretName())))
        .toList();
    assertThat(users).as("pods that mount the database password").isNotEmpty();
    for (PodTemplateSpec pod : users) {
      assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(admitted);
    }
    assertThat(admitted).containsEntry("app.kubernetes.io/instance", deployment.name());
  }
}
