package dev.flyteinfra.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.ComponentSettings;
import dev.flyteinfra.core.model.ImmutableAutoscaling;
import dev.flyteinfra.core.model.ImmutableComponentSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  private static final Map<String, String> SELECTOR = Map.of("app.kubernetes.io/name", "web");

  private static ObjectMeta meta() {
    ObjectMeta meta = new ObjectMeta();
    meta.setName("web");
    meta.setNamespace("flyte");
    return meta;
  }

  private static Container web() {
    return Workload.container("web", "example/web:1", List.of("serve"), List.of(Workload.mount("config", "/etc/web")),
        Workloads.resources("10m", "32Mi", "64Mi")).build();
  }

  private static Workload workload() {
    return Workload.of(WorkloadTest::meta, SELECTOR).serviceAccount("web").container(web());
  }

  @Test
  void thePodIsHardenedAndRunsAsItsServiceAccount() {
    // GIVEN a workload with one container
    // WHEN its pod spec is rendered
    PodSpec pod = workload().podSpec();

    // THEN the pod and its container meet the restricted Pod Security Standard
    assertThat(pod.getServiceAccountName()).isEqualTo("web");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container container = pod.getContainers().get(0);
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(container.getVolumeMounts()).singleElement().satisfies(mount -> assertThat(mount.getReadOnly()).isTrue());
    assertThat(container.getResources().getLimits()).containsOnlyKeys("memory");
    assertThat(pod.getAffinity()).as("no anti-affinity unless asked").isNull();
  }

  @Test
  void spreadPodsPreferDifferentNodesForTheirOwnReplicas() {
    // GIVEN a workload spread over nodes
    // WHEN its pod spec is rendered
    PodSpec pod = workload().spreadOverNodes().podSpec();

    // THEN the anti-affinity is preferred, per host, over the workload's own pods
    var term = pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().get(0);
    assertThat(term.getWeight()).isEqualTo(100);
    assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(term.getPodAffinityTerm().getLabelSelector().getMatchLabels()).isEqualTo(SELECTOR);
  }

  @Test
  void aConfigChecksumRollsThePodsWhenTheConfigChanges() {
    // GIVEN two workloads whose config differs in one value
    // WHEN they are rendered
    Deployment one = workload().checksum("config", Map.of("a.yaml", "x: 1")).deployment(1);
    Deployment two = workload().checksum("config", Map.of("a.yaml", "x: 2")).deployment(1);

    // THEN each pod template carries the SHA-256 of its config, and the two differ
    String first = one.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    assertThat(first).hasSize(64).isEqualTo(Checksums.sha256(Map.of("a.yaml", "x: 1")));
    assertThat(two.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config")).isNotEqualTo(first);
  }

  @Test
  void theDeploymentSelectsItsPodsAndTheyCarryMoreLabels() {
    // GIVEN a workload with a pod label beside its selector
    // WHEN its Deployment is rendered
    Deployment deployment = workload().podLabels(Map.of("azure.workload.identity/use", "true")).deployment(3);

    // THEN it selects by the selector only, and the pods carry both
    assertThat(deployment.getMetadata().getName()).isEqualTo("web");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment.getSpec().getStrategy()).isNull();
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(SELECTOR);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(SELECTOR).containsEntry("azure.workload.identity/use", "true");
  }

  @Test
  void aSingletonRunsOnePodAtATimeUnlessAnAutoscalerOwnsTheReplicas() {
    // GIVEN settings of two replicas, and settings with an autoscaler
    ComponentSettings two = ImmutableComponentSettings.builder().replicas(2).build();
    ComponentSettings autoscaled = ImmutableComponentSettings.builder().autoscaling(ImmutableAutoscaling.builder().build()).build();

    // WHEN singletons and plain Deployments are rendered from them
    Deployment singleton = workload().singleton(two);
    Deployment scaled = workload().deployment(autoscaled);

    // THEN the singleton has one replica and the Recreate strategy, the autoscaled one no replicas
    assertThat(singleton.getSpec().getReplicas()).isEqualTo(1);
    assertThat(singleton.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(workload().deployment(two).getSpec().getReplicas()).isEqualTo(2);
    assertThat(scaled.getSpec().getReplicas()).isNull();
  }

  @Test
  void moreThanOneReplicaGetsADisruptionBudgetAndAnAutoscalerTargetsTheDeployment() {
    // GIVEN one replica, two replicas, and an autoscaler from 2 to 5
    ComponentSettings one = ImmutableComponentSettings.builder().build();
    ComponentSettings two = ImmutableComponentSettings.builder().replicas(2).build();
    ComponentSettings autoscaled = ImmutableComponentSettings.builder()
        .autoscaling(ImmutableAutoscaling.builder().minReplicas(2).maxReplicas(5).build()).build();

    // WHEN the availability objects are rendered
    List<HasMetadata> none = workload().availability("web", one);
    List<HasMetadata> budget = workload().availability("web", two);
    List<HasMetadata> both = workload().availability("web", autoscaled);

    // THEN one replica needs nothing; more get a budget of one unavailable pod; the autoscaler scales the Deployment on CPU
    assertThat(none).isEmpty();
    assertThat(budget).singleElement().isInstanceOfSatisfying(PodDisruptionBudget.class, pdb -> {
      assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
      assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(SELECTOR);
    });
    assertThat(both).hasSize(2);
    assertThat(both.get(1)).isInstanceOfSatisfying(HorizontalPodAutoscaler.class, hpa -> {
      assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
      assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("web");
      assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
      assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
      assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
    });
    assertThat(both.get(0).getMetadata()).as("each object its own metadata").isNotSameAs(both.get(1).getMetadata());
  }
}
