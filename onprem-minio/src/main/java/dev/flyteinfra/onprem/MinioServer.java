package dev.flyteinfra.onprem;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.InClusterMinio;
import dev.flyteinfra.core.model.MinioStorage;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.plan.InClusterNames;
import dev.flyteinfra.core.plan.SandboxPorts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * MinIO in the cluster: a one-replica StatefulSet running as a non-root user, its data on a
 * retained volume, root credentials from the generated Secret, health probes, a Service (in a
 * sandbox a NodePort, so signed URLs work from the host), and the Job that creates Flyte's buckets.
 */
final class MinioServer {
  static final String APP = "minio";
  static final long MINIO_UID = 1000;
  private static final String DATA_DIR = "/data";

  private final OnPremObjects objects;
  private final InClusterNames names;

  MinioServer(OnPremObjects objects) {
    this.objects = objects;
    this.names = objects.plan().inClusterNames();
  }

  List<HasMetadata> render() {
    ObjectStore store = objects.plan().deployment().storage();
    MinioStorage minio = store.minio().orElseThrow();
    InClusterMinio server = minio.inCluster().orElseThrow();
    String name = names.minio();
    List<ServicePort> ports = List.of(
        KubeObjects.servicePort("api", InClusterNames.MINIO_API_PORT, "api"),
        KubeObjects.servicePort("console", InClusterNames.MINIO_CONSOLE_PORT, "console"));
    Container container = new ContainerBuilder()
        .withName("minio")
        .withImage(server.image())
        .withImagePullPolicy("IfNotPresent")
        .withArgs("server", DATA_DIR, "--address", ":" + InClusterNames.MINIO_API_PORT,
            "--console-address", ":" + InClusterNames.MINIO_CONSOLE_PORT, "--certs-dir", "/tmp/certs")
        .withEnv(
            KubeObjects.secretEnv("MINIO_ROOT_USER", minio.accessKeyId().name(), minio.accessKeyId().key()),
            KubeObjects.secretEnv("MINIO_ROOT_PASSWORD", minio.secretAccessKey().name(), minio.secretAccessKey().key()),
            KubeObjects.env("MINIO_SITE_REGION", minio.region()),
            KubeObjects.env("MINIO_UPDATE", "off"))
        .addNewPort().withName("api").withContainerPort(InClusterNames.MINIO_API_PORT).endPort()
        .addNewPort().withName("console").withContainerPort(InClusterNames.MINIO_CONSOLE_PORT).endPort()
        .withStartupProbe(KubeObjects.httpProbe("/minio/health/live", "api", 0, 30))
        .withReadinessProbe(KubeObjects.httpProbe("/minio/health/ready", "api", 0, 3))
        .withLivenessProbe(KubeObjects.httpProbe("/minio/health/live", "api", 0, 6))
        .withResources(Workloads.resources(server.resources()))
        .withSecurityContext(Workloads.readOnlyRootContainerSecurityContext())
        .withVolumeMounts(
            new VolumeMountBuilder().withName(OnPremObjects.DATA_VOLUME).withMountPath(DATA_DIR).build(),
            new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
        .build();
    Service service = KubeObjects.clusterIpService(objects.meta(name, APP), objects.selector(APP), ports);
    List<HasMetadata> rendered = new ArrayList<>();
    rendered.add(objects.headlessService(name, APP, ports));
    rendered.add(objects.plan().isSandbox() ? KubeObjects.withNodePort(service, SandboxPorts.MINIO) : service);
    rendered.add(objects.statefulSet(name, APP, OnPremObjects.runningAs(MINIO_UID), List.of(container),
        List.of(OnPremObjects.memoryDir("tmp")), server.storageSize(), server.storageClass()));
    rendered.addAll(new BucketsJob(objects).render(minio, bucketsOf(store)));
    return rendered;
  }

  private static List<String> bucketsOf(ObjectStore store) {
    return store.userDataBucket().filter(b -> !b.equals(store.metadataBucket()))
        .map(userData -> List.of(store.metadataBucket(), userData)).orElse(List.of(store.metadataBucket()));
  }
}
