package dev.flyteinfra.core.manifest;

import dev.flyteinfra.core.model.ComponentSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One workload's pod and what surrounds it, as cdk8s-plus's {@code Workload} owns the pod spec: the
 * restricted security contexts ({@link Workloads}), the service account, init and main containers,
 * volumes, the pod labels, the {@code checksum/*} annotations that roll the pods when their config
 * changes, anti-affinity over nodes, and the Deployment, PodDisruptionBudget and
 * HorizontalPodAutoscaler around them. Every topology builds its pods here.
 *
 * <p>The objects are assembled from plain instances: each fabric8 builder step (withSpec,
 * editSpec, build) deep-copies the whole pod spec, and that copying was a third of the synthesis
 * time.
 */
public final class Workload {
  private final Supplier<ObjectMeta> meta;
  private final Map<String, String> selector;
  private final Map<String, String> podLabels;
  private final Map<String, String> podAnnotations = new TreeMap<>();
  private String serviceAccount;
  private final List<Container> initContainers = new ArrayList<>();
  private final List<Container> containers = new ArrayList<>();
  private final List<Volume> volumes = new ArrayList<>();
  private boolean spreadOverNodes;
  private boolean recreate;

  private Workload(Supplier<ObjectMeta> meta, Map<String, String> selector) {
    this.meta = meta;
    this.selector = selector;
    this.podLabels = new TreeMap<>(selector);
  }

  /**
   * A workload whose objects carry a fresh copy of {@code meta} each (name, namespace, labels) and
   * whose pods are selected by {@code selector}; the pods carry the selector as labels.
   */
  public static Workload of(Supplier<ObjectMeta> meta, Map<String, String> selector) {
    return new Workload(meta, selector);
  }

  /** The pods' service account. Default: none set (Kubernetes' {@code default}). */
  public Workload serviceAccount(String name) {
    this.serviceAccount = name;
    return this;
  }

  /** More pod labels beside the selector (e.g. a cloud's workload-identity label). */
  public Workload podLabels(Map<String, String> labels) {
    podLabels.putAll(labels);
    return this;
  }

  /** A pod annotation. */
  public Workload podAnnotation(String key, String value) {
    podAnnotations.put(key, value);
    return this;
  }

  /** The pod annotation {@code checksum/<name>}: the SHA-256 of this content, so a change rolls the pods. */
  public Workload checksum(String name, Object content) {
    return podAnnotation("checksum/" + name, Checksums.sha256(content));
  }

  public Workload initContainers(List<Container> init) {
    initContainers.addAll(init);
    return this;
  }

  public Workload container(Container container) {
    containers.add(container);
    return this;
  }

  public Workload volumes(List<Volume> all) {
    volumes.addAll(all);
    return this;
  }

  /** Prefers the replicas on different nodes when the cluster has them ({@link Workloads#spreadOverNodes}). */
  public Workload spreadOverNodes() {
    this.spreadOverNodes = true;
    return this;
  }

  /** One pod at a time: the old pods stop before new ones start (the Recreate strategy). */
  public Workload recreate() {
    this.recreate = true;
    return this;
  }

  /** The pod spec: restricted pod security context, service account, containers, volumes, affinity. */
  public PodSpec podSpec() {
    // Set on a plain PodSpec: a PodSpecBuilder would deep-copy every container and volume twice.
    PodSpec spec = new PodSpec();
    spec.setServiceAccountName(serviceAccount);
    spec.setSecurityContext(Workloads.restrictedPodSecurityContext());
    spec.setInitContainers(List.copyOf(initContainers));
    spec.setContainers(List.copyOf(containers));
    spec.setVolumes(List.copyOf(volumes));
    if (spreadOverNodes) {
      // Preferred: a one-node cluster still schedules.
      spec.setAffinity(Workloads.spreadOverNodes(selector));
    }
    return spec;
  }

  /** The pod template: labels, annotations and {@link #podSpec()}. */
  public PodTemplateSpec podTemplate() {
    return new PodTemplateSpec(
        new ObjectMetaBuilder().withLabels(new TreeMap<>(podLabels)).withAnnotations(new TreeMap<>(podAnnotations)).build(),
        podSpec());
  }

  /** A Deployment of these pods with the given replicas (none: an autoscaler owns them). */
  public Deployment deployment(Integer replicas) {
    DeploymentSpec spec = new DeploymentSpec();
    spec.setSelector(new LabelSelectorBuilder().withMatchLabels(selector).build());
    spec.setTemplate(podTemplate());
    spec.setReplicas(replicas);
    if (recreate) {
      spec.setStrategy(new DeploymentStrategyBuilder().withType("Recreate").build());
    }
    Deployment deployment = new Deployment();
    deployment.setMetadata(meta.get());
    deployment.setSpec(spec);
    return deployment;
  }

  /** A Deployment with the settings' replicas, unless an autoscaler owns them. */
  public Deployment deployment(ComponentSettings settings) {
    return deployment(settings.autoscaling().isEmpty() ? settings.replicas() : null);
  }

  /**
   * A Deployment of one pod that never runs beside another (Recreate): for loops that must not run
   * twice at once, such as a scheduler that would fire schedules twice.
   */
  public Deployment singleton(ComponentSettings settings) {
    return recreate().deployment(settings.autoscaling().isEmpty() ? 1 : null);
  }

  /**
   * A PodDisruptionBudget when the settings ask for more than one replica (or an autoscaler's
   * minimum above one), and the HorizontalPodAutoscaler of the Deployment {@code deployment} when
   * they ask for one.
   */
  public List<HasMetadata> availability(String deployment, ComponentSettings settings) {
    List<HasMetadata> objects = new ArrayList<>();
    int minimum = settings.autoscaling().isPresent() ? settings.autoscaling().get().minReplicas() : settings.replicas();
    if (minimum > 1) {
      objects.add(new PodDisruptionBudgetBuilder()
          .withMetadata(meta.get())
          .withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector().withMatchLabels(selector).endSelector().endSpec()
          .build());
    }
    settings.autoscaling().ifPresent(autoscaling -> objects.add(new HorizontalPodAutoscalerBuilder()
        .withMetadata(meta.get())
        .withNewSpec()
          .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(deployment).endScaleTargetRef()
          .withMinReplicas(autoscaling.minReplicas())
          .withMaxReplicas(autoscaling.maxReplicas())
          .addNewMetric().withType("Resource").withNewResource().withName("cpu")
            .withNewTarget().withType("Utilization").withAverageUtilization(autoscaling.targetCpuUtilizationPercent()).endTarget()
          .endResource().endMetric()
        .endSpec()
        .build()));
    return objects;
  }

  // ---- containers ----

  /**
   * A hardened container ({@link Workloads#restrictedContainerSecurityContext()}, image pulled if
   * not present) with its command, mounts and resources; callers add ports, probes and environment
   * before they build it. An empty command keeps the image's entry point.
   */
  public static ContainerBuilder container(String name, String image, List<String> command, List<VolumeMount> mounts,
      ResourceRequirements resources) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withVolumeMounts(mounts)
        .withSecurityContext(Workloads.restrictedContainerSecurityContext())
        .withCommand(command)
        .withResources(resources);
  }

  /** A read-only mount of a volume. */
  public static VolumeMount mount(String volume, String path) {
    VolumeMount mount = writable(volume, path);
    mount.setReadOnly(true);
    return mount;
  }

  /** A writable mount of a volume. */
  public static VolumeMount writable(String volume, String path) {
    VolumeMount mount = new VolumeMount();
    mount.setName(volume);
    mount.setMountPath(path);
    return mount;
  }

  /** A named TCP container port. */
  public static ContainerPort port(String name, int port) {
    ContainerPort containerPort = new ContainerPort();
    containerPort.setName(name);
    containerPort.setContainerPort(port);
    containerPort.setProtocol("TCP");
    return containerPort;
  }
}
