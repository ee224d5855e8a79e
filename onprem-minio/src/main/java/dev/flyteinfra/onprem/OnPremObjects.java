package dev.flyteinfra.onprem;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the in-cluster servers share: metadata, Services, the StatefulSet shape, hardened pods. */
final class OnPremObjects {
  /** The data volume of each StatefulSet, and so the PVC name prefix ({@code data-<statefulset>-0}). */
  static final String DATA_VOLUME = "data";

  private final Plan plan;

  OnPremObjects(Plan plan) {
    this.plan = plan;
  }

  Plan plan() {
    return plan;
  }

  ObjectMeta meta(String name, String app) {
    return new ObjectMetaBuilder().withName(name).withNamespace(plan.namespace())
        .withLabels(plan.labels().standard(app, app)).build();
  }

  Map<String, String> selector(String app) {
    return plan.labels().selector(app, app);
  }

  /** The headless Service that gives the StatefulSet's pod its stable DNS name. */
  Service headlessService(String name, String app, List<ServicePort> ports) {
    return new ServiceBuilder().withMetadata(meta(name + "-headless", app))
        .withNewSpec().withClusterIP("None").withSelector(selector(app)).withPorts(ports).endSpec().build();
  }

  /**
   * One replica with a volume claimed from a template: the claim is named after the StatefulSet,
   * survives pod restarts, rescheduling and the StatefulSet's deletion or scale-down (Retain).
   */
  StatefulSet statefulSet(String name, String app, PodSecurityContext podSecurity, List<Container> containers, List<Volume> volumes,
      String storageSize, Optional<String> storageClass) {
    PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder()
        // Only labels that never change: Kubernetes refuses any change to a StatefulSet's claim templates.
        .withNewMetadata().withName(DATA_VOLUME).withLabels(selector(app)).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storageClass.orElse(null))
        .withNewResources().addToRequests("storage", new Quantity(storageSize)).endResources().endSpec()
        .build();
    return new StatefulSetBuilder().withMetadata(meta(name, app))
        .withNewSpec()
        .withReplicas(1)
        .withServiceName(name + "-headless")
        .withNewSelector().withMatchLabels(selector(app)).endSelector()
        .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
        .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Retain").withWhenScaled("Retain")
        .endPersistentVolumeClaimRetentionPolicy()
        .withNewTemplate()
        .withNewMetadata().withLabels(plan.labels().standard(app, app)).endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(podSecurity)
        .withContainers(containers)
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .withVolumeClaimTemplates(claim)
        .endSpec()
        .build();
  }

  /**
   * A run-to-completion Job whose script comes from a ConfigMap. It is deleted an hour after it
   * finishes, so the next apply (of a changed image, say) creates it afresh instead of failing on
   * the Job's immutable template; its script is safe to run again.
   */
  Job job(String name, String app, Optional<String> serviceAccount, Container container, String scriptConfigMap, List<Volume> volumes) {
    List<Volume> all = new ArrayList<>(volumes);
    all.add(new VolumeBuilder().withName("script").withNewConfigMap().withName(scriptConfigMap).withDefaultMode(0444).endConfigMap()
        .build());
    return new JobBuilder().withMetadata(meta(name, app))
        .withNewSpec()
        .withBackoffLimit(10)
        .withTtlSecondsAfterFinished(3600)
        .withNewTemplate()
        .withNewMetadata().withLabels(plan.labels().standard(app, app)).endMetadata()
        .withNewSpec()
        .withRestartPolicy("OnFailure")
        .withServiceAccountName(serviceAccount.orElse(null))
        .withAutomountServiceAccountToken(serviceAccount.isPresent())
        .withEnableServiceLinks(false)
        .withSecurityContext(Workloads.restrictedPodSecurityContext())
        .withContainers(new ContainerBuilder(container)
            .addNewVolumeMount().withName("script").withMountPath(SCRIPT_DIR).withReadOnly(true).endVolumeMount()
            .withSecurityContext(Workloads.readOnlyRootContainerSecurityContext())
            .build())
        .withVolumes(all)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  static final String SCRIPT_DIR = "/scripts";

  /** The restricted pod security context for a server image that runs as a fixed user. */
  static PodSecurityContext runningAs(long uid) {
    return new PodSecurityContextBuilder(Workloads.restrictedPodSecurityContext())
        .withRunAsUser(uid).withRunAsGroup(uid).withFsGroup(uid).withFsGroupChangePolicy("OnRootMismatch").build();
  }

  static Volume memoryDir(String name) {
    return new VolumeBuilder(KubeObjects.emptyDir(name)).editEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("16Mi"))
        .endEmptyDir().build();
  }

  /** A script shipped in this module's resources. */
  static String script(String file) {
    try (InputStream in = OnPremObjects.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
