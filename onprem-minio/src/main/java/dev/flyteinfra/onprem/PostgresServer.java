package dev.flyteinfra.onprem;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.InClusterPostgres;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.plan.InClusterNames;
import dev.flyteinfra.core.plan.Labels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PostgreSQL in the cluster: a one-replica StatefulSet of the official image running as its
 * {@code postgres} user, its data on a retained volume, the password taken from the generated
 * Secret, a Service for Flyte and a NetworkPolicy that admits only this deployment's pods.
 */
final class PostgresServer {
  static final String APP = "postgres";
  /** The {@code postgres} user of the official Alpine image. */
  static final long POSTGRES_UID = 70;
  private static final String DATA_DIR = "/var/lib/postgresql/data";

  private final OnPremObjects objects;
  private final InClusterNames names;

  PostgresServer(OnPremObjects objects) {
    this.objects = objects;
    this.names = objects.plan().inClusterNames();
  }

  List<HasMetadata> render() {
    PostgresDatabase db = objects.plan().deployment().database();
    InClusterPostgres server = db.inCluster().orElseThrow();
    String name = names.postgres();
    List<ServicePort> ports = List.of(KubeObjects.servicePort("postgres", db.port(), "postgres"));
    Container postgres = new ContainerBuilder()
        .withName("postgres")
        .withImage(server.image())
        .withImagePullPolicy("IfNotPresent")
        .withEnv(
            KubeObjects.env("POSTGRES_USER", db.username()),
            KubeObjects.env("POSTGRES_DB", db.dbname()),
            KubeObjects.secretEnv("POSTGRES_PASSWORD", names.postgresPassword().name(), names.postgresPassword().key()),
            // A folder below the volume's root, which may hold lost+found.
            KubeObjects.env("PGDATA", DATA_DIR + "/pgdata"))
        .addNewPort().withName("postgres").withContainerPort(InClusterNames.POSTGRES_PORT).endPort()
        .withStartupProbe(ready(db, 5, 60))
        .withReadinessProbe(ready(db, 10, 3))
        .withLivenessProbe(ready(db, 10, 6))
        .withResources(Workloads.resources(server.resources()))
        .withSecurityContext(Workloads.readOnlyRootContainerSecurityContext())
        .withVolumeMounts(
            new VolumeMountBuilder().withName(OnPremObjects.DATA_VOLUME).withMountPath(DATA_DIR).build(),
            new VolumeMountBuilder().withName("run").withMountPath("/var/run/postgresql").build(),
            new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
        .build();
    return List.of(
        objects.headlessService(name, APP, ports),
        KubeObjects.clusterIpService(objects.meta(name, APP), objects.selector(APP), ports),
        objects.statefulSet(name, APP, OnPremObjects.runningAs(POSTGRES_UID), List.of(postgres), List.of(
                OnPremObjects.memoryDir("run"),
                OnPremObjects.memoryDir("tmp")),
            server.storageSize(), server.storageClass()),
        onlyFlyteReaches(name));
  }

  /** pg_isready over TCP, so the probe fails until the server accepts connections from outside. */
  private static Probe ready(PostgresDatabase db, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewExec().withCommand("pg_isready", "-h", "127.0.0.1", "-U", db.username(), "-d", db.dbname()).endExec()
        .withPeriodSeconds(periodSeconds).withTimeoutSeconds(5).withFailureThreshold(failureThreshold)
        .build();
  }

  /** Only this deployment's own pods (Flyte's components) may open a connection. */
  private HasMetadata onlyFlyteReaches(String name) {
    return new NetworkPolicyBuilder().withMetadata(objects.meta(name, APP))
        .withNewSpec()
        .withNewPodSelector().withMatchLabels(objects.selector(APP)).endPodSelector()
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .addNewFrom().withNewPodSelector()
        .withMatchLabels(new TreeMap<>(Map.of(Labels.INSTANCE, objects.plan().name())))
        .endPodSelector().endFrom()
        .addNewPort().withProtocol("TCP").withNewPort(InClusterNames.POSTGRES_PORT).endPort()
        .endIngress()
        .endSpec()
        .build();
  }
}
