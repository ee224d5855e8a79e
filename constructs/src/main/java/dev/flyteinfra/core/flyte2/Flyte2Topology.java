package dev.flyteinfra.core.flyte2;

import static dev.flyteinfra.core.manifest.KubeObjects.servicePort;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workload;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.ComponentSettings;
import dev.flyteinfra.core.model.ConsoleSettings;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Flyte 2 on Kubernetes, topologies binary and sandbox: what the official flyte-binary v2 chart
 * renders — the binary and its console, their Services, the TaskAction CRD, RBAC, the config — and
 * hardened where the chart is weak: the console pinned, every pod restricted with resources,
 * readiness on {@code /readyz}, tasks in a namespace and as a service account of their own, RBAC
 * that writes only in the namespaces Flyte uses (reads stay cluster-wide: the executor's caches
 * watch every namespace), the pod webhook scoped to the task namespace, the CRD in a file that
 * pruning keeps, NetworkPolicies, the database password from a Secret, config-hash rollouts.
 */
public final class Flyte2Topology {
  /** The {@code app.kubernetes.io/name} of Flyte 2's objects, as the official chart sets it. */
  public static final String APP = "flyte-binary";
  static final String COMPONENT = "flyte-binary";
  static final String CONSOLE = "console";
  static final String TASKS = "tasks";
  static final int CONSOLE_PORT = 8080;
  /** The console's base path, where the chart serves it. */
  static final String CONSOLE_PATH = "/v2";

  private final Plan plan;

  private Flyte2Topology(Plan plan) {
    this.plan = plan;
  }

  /** Every object of Flyte 2's binary topology (or sandbox, without its in-cluster services), in apply order. */
  public static List<HasMetadata> render(Plan plan) {
    return new Flyte2Topology(plan).objects();
  }

  private List<HasMetadata> objects() {
    ConfigMap config = KubeObjects.configMap(meta(plan.nameWith("config")), Flyte2Config.files(plan));
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(KubeObjects.restrictedNamespace(plan.namespace(), plan.labels().standard(APP, "namespace")));
    objects.add(taskNamespace());
    objects.add(TaskActionCrd.crd(plan));
    objects.add(serviceAccount(meta(plan.name()), plan.deployment().identity().map(Plan::serviceAccountAnnotations), true));
    objects.add(serviceAccount(meta(plan.nameWith(CONSOLE), CONSOLE), Optional.empty(), false));
    objects.add(serviceAccount(taskMeta(plan.taskServiceAccount()),
        plan.deployment().taskIdentity().map(Plan::serviceAccountAnnotations), false));
    objects.addAll(Flyte2Rbac.objects(plan, this::meta, this::taskMeta));
    objects.add(config);
    objects.add(binary(config));
    objects.add(console());
    Map<String, String> binary = plan.labels().selector(APP, COMPONENT);
    objects.add(KubeObjects.clusterIpService(meta(plan.nameWith("http")), binary,
        List.of(servicePort("http", Flyte2Config.HTTP_PORT, "http"))));
    objects.add(KubeObjects.clusterIpService(meta(plan.nameWith(CONSOLE), CONSOLE), plan.labels().selector(APP, CONSOLE),
        List.of(servicePort("http", 80, "http"))));
    objects.add(KubeObjects.clusterIpService(meta(plan.nameWith("webhook")), binary,
        List.of(servicePort("webhook", 443, Flyte2Config.WEBHOOK_PORT))));
    Service headless = KubeObjects.clusterIpService(meta(plan.nameWith("webhook-headless")), binary,
        List.of(servicePort("cache-internal", Flyte2Config.CACHE_PORT, Flyte2Config.CACHE_PORT)));
    objects.add(new ServiceBuilder(headless).editSpec().withType(null).withClusterIP("None").endSpec().build());
    objects.addAll(Flyte2Network.policies(plan, this::meta));
    objects.addAll(Flyte2Network.ingress(plan, this::meta));
    return objects;
  }

  private ObjectMeta meta(String name) {
    return meta(name, COMPONENT);
  }

  private ObjectMeta meta(String name, String component) {
    return new ObjectMetaBuilder().withName(name).withNamespace(plan.namespace())
        .withLabels(plan.labels().standard(APP, component)).build();
  }

  private ObjectMeta taskMeta(String name) {
    return new ObjectMetaBuilder().withName(name).withNamespace(plan.taskNamespace())
        .withLabels(plan.labels().standard(APP, TASKS)).build();
  }

  /**
   * The task namespace: enforced to the baseline Pod Security level (users' task images and the
   * sidecars Flyte injects are not all restricted-ready), warned and audited at restricted.
   */
  private HasMetadata taskNamespace() {
    Map<String, String> labels = new TreeMap<>(plan.labels().standard(APP, TASKS));
    labels.put("pod-security.kubernetes.io/enforce", "baseline");
    labels.put("pod-security.kubernetes.io/warn", "restricted");
    labels.put("pod-security.kubernetes.io/audit", "restricted");
    return new NamespaceBuilder().withNewMetadata().withName(plan.taskNamespace()).withLabels(labels).endMetadata().build();
  }

  private static HasMetadata serviceAccount(ObjectMeta meta, Optional<Map<String, String>> annotations, boolean token) {
    annotations.filter(a -> !a.isEmpty()).ifPresent(a -> meta.setAnnotations(new TreeMap<>(a)));
    // Only the binary talks to the Kubernetes API; the console and task pods get no token.
    return new ServiceAccountBuilder().withMetadata(meta).withAutomountServiceAccountToken(token ? null : false).build();
  }

  private Deployment binary(ConfigMap config) {
    FlyteDeployment d = plan.deployment();
    ComponentSettings settings = d.components().binary();
    Workload workload = Workload.of(() -> meta(plan.name()), plan.labels().selector(APP, COMPONENT))
        .serviceAccount(plan.name())
        .checksum("configuration", config.getData());
    d.identity().ifPresent(identity -> workload.podLabels(Plan.identityPodLabels(identity)));
    Container flyte = Workload.container("flyte", plan.images().flyteBinary(), List.of(),
            List.of(Workload.mount("config", Plan.CONFIG_DIR), Workload.mount(Workloads.DATABASE_CREDENTIALS_VOLUME, Plan.DB_PASSWORD_DIR),
                Workload.writable("webhook-certs", Flyte2Config.CERT_DIR)),
            Workloads.resources(settings.resources()))
        .withArgs("--config", Plan.CONFIG_DIR + "/*.yaml")
        .withEnv(KubeObjects.podIdentityEnv())
        .withPorts(Workload.port("http", Flyte2Config.HTTP_PORT), Workload.port("webhook", Flyte2Config.WEBHOOK_PORT),
            Workload.port("cache-internal", Flyte2Config.CACHE_PORT))
        .withStartupProbe(startupProbe())
        .withReadinessProbe(readinessProbe())
        .withLivenessProbe(livenessProbe())
        .build();
    return workload
        .initContainers(List.of(Workloads.waitForDb(plan.images().waitForDb(), d.database())))
        .container(flyte)
        .volumes(List.of(
            KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(), config.getMetadata().getName()),
            Workloads.databaseCredentials(d.database()),
            KubeObjects.emptyDir("webhook-certs")))
        // One pod at a time: the binary holds the executor, the trigger scheduler and the webhook.
        .recreate()
        .deployment(1);
  }

  /** Up to five minutes for the first start: the binary migrates its database before it serves. */
  static Probe startupProbe() {
    Probe probe = KubeObjects.httpProbe("/healthz", "http", 0, 60);
    probe.setPeriodSeconds(5);
    return probe;
  }

  /** {@code /readyz} runs the binary's readiness checks ({@code /healthz} answers as soon as its server runs). */
  static Probe readinessProbe() {
    return KubeObjects.httpProbe("/readyz", "http", 0, 3);
  }

  static Probe livenessProbe() {
    return KubeObjects.httpProbe("/healthz", "http", 0, 6);
  }

  private Deployment console() {
    ConsoleSettings settings = plan.deployment().components().console();
    Container console = Workload.container(CONSOLE, plan.images().console(), List.of(), List.of(),
            Workloads.resources(settings.resources()))
        .withPorts(Workload.port("http", CONSOLE_PORT))
        .withReadinessProbe(KubeObjects.httpProbe(CONSOLE_PATH, "http", 5, 3))
        .withLivenessProbe(KubeObjects.httpProbe(CONSOLE_PATH, "http", 5, 6))
        .build();
    return Workload.of(() -> meta(plan.nameWith(CONSOLE), CONSOLE), plan.labels().selector(APP, CONSOLE))
        .serviceAccount(plan.nameWith(CONSOLE))
        .container(console)
        .spreadOverNodes()
        .deployment(settings.replicas());
  }
}
