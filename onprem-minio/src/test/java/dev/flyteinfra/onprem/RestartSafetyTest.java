package dev.flyteinfra.onprem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.plan.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What keeps data across restarts, upgrades and re-applies: each server is a one-replica
 * StatefulSet whose volume claim is retained and named the same whatever else changes, behind a
 * headless Service; and no credential is ever part of the manifest, so re-applying it cannot
 * overwrite a generated one.
 */
class RestartSafetyTest {
  static Stream<FlyteDeployment> deployments() {
    return Stream.of(OnPremFixtures.sandbox(), OnPremFixtures.onPrem());
  }

  @ParameterizedTest
  @MethodSource("deployments")
  void statefulSetsKeepTheirVolumes(FlyteDeployment deployment) {
    List<HasMetadata> objects = OnPremFixtures.objects(deployment);
    List<StatefulSet> sets = statefulSets(objects);

    assertThat(sets).extracting(s -> s.getMetadata().getName())
        .containsExactly(deployment.name() + "-postgres", deployment.name() + "-minio");
    for (StatefulSet set : sets) {
      var spec = set.getSpec();
      assertThat(spec.getReplicas()).isEqualTo(1);
      assertThat(spec.getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
      assertThat(spec.getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).isEqualTo("Retain");
      assertThat(spec.getVolumeClaimTemplates()).extracting(c -> c.getMetadata().getName()).containsExactly(OnPremObjects.DATA_VOLUME);
      assertThat(spec.getVolumeClaimTemplates().get(0).getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
      Service headless = OnPremFixtures.find(objects, Service.class, spec.getServiceName());
      assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
      assertThat(headless.getSpec().getSelector()).isEqualTo(spec.getSelector().getMatchLabels());
      assertThat(spec.getTemplate().getSpec().getVolumes())
          .as("data lives on the claim only, never on the pod's own storage")
          .noneMatch(v -> v.getName().equals(OnPremObjects.DATA_VOLUME));
    }
  }

  @ParameterizedTest
  @MethodSource("deployments")
  void namesAndSelectorsStayTheSameAcrossUpgradesAndResizes(FlyteDeployment deployment) {
    FlyteDeployment upgraded = ImmutableFlyteDeployment.copyOf(deployment).withFlyteVersion("1.17.0").withLogLevel(5);

    List<StatefulSet> before = statefulSets(OnPremFixtures.objects(deployment));
    List<StatefulSet> after = statefulSets(OnPremFixtures.objects(upgraded));

    assertThat(after).extracting(s -> s.getMetadata().getName()).isEqualTo(before.stream().map(s -> s.getMetadata().getName()).toList());
    for (int i = 0; i < before.size(); i++) {
      // Kubernetes refuses to change these on an existing StatefulSet.
      assertThat(after.get(i).getSpec().getSelector()).isEqualTo(before.get(i).getSpec().getSelector());
      assertThat(after.get(i).getSpec().getServiceName()).isEqualTo(before.get(i).getSpec().getServiceName());
      assertThat(after.get(i).getSpec().getVolumeClaimTemplates()).isEqualTo(before.get(i).getSpec().getVolumeClaimTemplates());
      assertThat(after.get(i).getSpec().getSelector().getMatchLabels()).doesNotContainKey(Labels.VERSION);
    }
  }

  @ParameterizedTest
  @MethodSource("deployments")
  void volumesHaveTheRequestedSizeAndClass(FlyteDeployment deployment) {
    FlyteDeployment resolved = dev.flyteinfra.core.plan.Plan.of(deployment).deployment();
    List<StatefulSet> sets = statefulSets(OnPremFixtures.objects(deployment));
    var postgres = resolved.database().inCluster().orElseThrow();
    var minio = resolved.storage().minio().orElseThrow().inCluster().orElseThrow();

    assertClaim(sets.get(0).getSpec().getVolumeClaimTemplates().get(0), postgres.storageSize(), postgres.storageClass().orElse(null));
    assertClaim(sets.get(1).getSpec().getVolumeClaimTemplates().get(0), minio.storageSize(), minio.storageClass().orElse(null));
  }

  @ParameterizedTest
  @MethodSource("deployments")
  void noCredentialIsInTheManifestAndOnlyItsOwnSecretsMayBeChanged(FlyteDeployment deployment) {
    List<HasMetadata> objects = OnPremFixtures.objects(deployment);

    assertThat(objects).filteredOn(Secret.class::isInstance).extracting(o -> o.getMetadata().getName())
        .doesNotContain(deployment.name() + "-postgres", deployment.name() + "-minio");
    Role role = OnPremFixtures.find(objects, Role.class, deployment.name() + "-credentials");
    assertThat(role.getRules()).extracting(PolicyRule::getVerbs, PolicyRule::getResourceNames).containsExactly(
        org.assertj.core.groups.Tuple.tuple(List.of("create"), List.of()),
        org.assertj.core.groups.Tuple.tuple(List.of("get", "patch"), List.of(deployment.name() + "-postgres", deployment.name() + "-minio")));
  }

  private static void assertClaim(PersistentVolumeClaim claim, String size, String storageClass) {
    assertThat(claim.getSpec().getResources().getRequests()).isEqualTo(Map.of("storage", new Quantity(size)));
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo(storageClass);
  }

  private static List<StatefulSet> statefulSets(List<HasMetadata> objects) {
    return objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast).toList();
  }
}
