package dev.flyteinfra.core.binary;

import static dev.flyteinfra.core.manifest.KubeObjects.rule;
import static dev.flyteinfra.core.manifest.KubeObjects.servicePort;

import dev.flyteinfra.core.auth.FlyteAuth;
import dev.flyteinfra.core.config.FlyteConfigSections;
import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workload;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.ComponentSettings;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.core.plan.SandboxPorts;
import dev.flyteinfra.core.plugins.PluginRbac;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code binary} topology: what the official flyte-binary chart renders — service account,
 * cluster role and binding, the config and cluster-resource-template ConfigMaps, the Deployment,
 * the http, grpc and webhook Services and the Ingresses — hardened to pass the policy gate
 * (non-root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp, pinned
 * images, requests and limits) and with the database password read from a referenced Secret.
 */
public final class BinaryTopology {
  /** The {@code app.kubernetes.io/name} of flyte-binary objects, as the official chart sets it. */
  public static final String APP = "flyte-binary";
  /** Component label (and output file) of everything but the namespace and the Ingresses. */
  public static final String COMPONENT = "flyte-binary";
  /** The official chart's ClusterRole rules. */
  static final List<PolicyRule> RULES = List.of(
      rule(List.of(""), List.of("namespaces", "resourcequotas", "secrets", "serviceaccounts"), "create", "get", "list", "patch", "update"),
      rule(List.of(""), List.of("pods"), "create", "delete", "get", "list", "patch", "update", "watch"),
      rule(List.of(""), List.of("events"), "create", "delete", "patch", "update"),
      rule(List.of(""), List.of("podtemplates"), "get", "list", "watch"),
      rule(List.of("flyte.lyft.com"), List.of("flyteworkflows"),
          "create", "delete", "deletecollection", "get", "list", "patch", "post", "update", "watch"),
      rule(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"), "create", "get", "list"),
      rule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"), "create", "get", "list", "patch", "update"));

  private final Plan plan;

  private BinaryTopology(Plan plan) {
    this.plan = plan;
  }

  /** Every object of the binary topology, in apply order. */
  public static List<HasMetadata> render(Plan plan) {
    return new BinaryTopology(plan).objects();
  }

  private List<HasMetadata> objects() {
    ConfigMap config = KubeObjects.configMap(meta(plan.nameWith("config")), BinaryConfig.files(plan));
    ConfigMap templates = KubeObjects.configMap(meta(plan.nameWith("cluster-resource-templates")),
        FlyteConfigSections.clusterResourceTemplates(plan.deployment()));
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(KubeObjects.restrictedNamespace(plan.namespace(), plan.labels().standard(APP, "namespace")));
    objects.add(serviceAccount());
    List<PolicyRule> rules = new ArrayList<>(RULES);
    rules.addAll(PluginRbac.propeller(plan.deployment().plugins()));
    rules.addAll(PluginRbac.resourceSync(plan.deployment().plugins()));
    objects.add(KubeObjects.clusterRole(meta(plan.clusterScopedName()), rules));
    objects.add(KubeObjects.clusterRoleBinding(meta(plan.clusterScopedName()), plan.name(), plan.namespace()));
    objects.add(config);
    objects.add(templates);
    Optional<FlyteAuth> auth = FlyteAuth.of(plan);
    Optional<Secret> clientHashes = auth.flatMap(a -> a.clientHashes(this::meta));
    clientHashes.ifPresent(objects::add);
    auth.ifPresent(a -> objects.addAll(a.keysJob(name -> meta(name, "auth-keys"), plan.images().flyteBinary(),
        List.of("flyte", "--config", Plan.CONFIG_DIR + "/*.yaml"), configVolume(config, auth), Plan.CONFIG_DIR)));
    objects.add(deployment(config, templates, auth, clientHashes));
    Map<String, String> selector = plan.labels().selector(APP, COMPONENT);
    objects.add(reachable(KubeObjects.clusterIpService(meta(plan.nameWith("http")), selector,
        List.of(servicePort("http", BinaryConfig.HTTP_PORT, "http"))), SandboxPorts.HTTP));
    objects.add(reachable(KubeObjects.clusterIpService(meta(plan.nameWith("grpc")), selector,
        List.of(servicePort("grpc", BinaryConfig.GRPC_PORT, "grpc"))), SandboxPorts.GRPC));
    objects.add(KubeObjects.clusterIpService(meta(plan.nameWith("webhook")), selector, List.of(servicePort("webhook", 443, "webhook"))));
    plan.deployment().ingress().ifPresent(ingress -> objects.addAll(ingresses(ingress)));
    return objects;
  }

  /** In a sandbox, the Service as a NodePort at a fixed port, so localhost reaches it; else unchanged. */
  private Service reachable(Service service, int sandboxNodePort) {
    return plan.isSandbox() ? KubeObjects.withNodePort(service, sandboxNodePort) : service;
  }

  private ObjectMeta meta(String name) {
    return meta(name, COMPONENT);
  }

  private ObjectMeta meta(String name, String component) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(plan.namespace())
        .withLabels(plan.labels().standard(APP, component))
        .build();
  }

  private HasMetadata serviceAccount() {
    ObjectMeta meta = meta(plan.name());
    plan.deployment().identity().ifPresent(identity -> meta.setAnnotations(Plan.serviceAccountAnnotations(identity)));
    return new ServiceAccountBuilder().withMetadata(meta).build();
  }

  private Volume configVolume(ConfigMap config, Optional<FlyteAuth> auth) {
    Volume volume = KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(), config.getMetadata().getName());
    return auth.map(a -> a.withClientHashes(volume)).orElse(volume);
  }

  private Deployment deployment(ConfigMap config, ConfigMap templates, Optional<FlyteAuth> auth, Optional<Secret> clientHashes) {
    FlyteDeployment d = plan.deployment();
    ComponentSettings settings = d.components().binary();
    Workload workload = Workload.of(() -> meta(plan.name()), plan.labels().selector(APP, COMPONENT))
        .serviceAccount(plan.name())
        .checksum("configuration", config.getData())
        .checksum("cluster-resource-templates", templates.getData());
    d.identity().ifPresent(identity -> workload.podLabels(Plan.identityPodLabels(identity)));
    clientHashes.ifPresent(secret -> workload.checksum("auth-clients", secret.getStringData()));
    List<Volume> volumes = new ArrayList<>(List.of(
        configVolume(config, auth),
        KubeObjects.projectedConfigMaps("cluster-resource-templates", templates.getMetadata().getName()),
        Workloads.databaseCredentials(d.database()),
        KubeObjects.emptyDir("state")));
    auth.ifPresent(a -> volumes.add(a.adminSecrets("auth", true)));
    volumes.addAll(Workloads.sendgridApiKey(d.notifications()));
    return workload
        .initContainers(List.of(Workloads.waitForDb(plan.images().waitForDb(), d.database())))
        .container(flyteContainer(settings, auth.isPresent()))
        .volumes(volumes)
        // One pod at a time: the binary holds propeller's and the scheduler's singleton loops.
        .recreate()
        .deployment(settings.replicas());
  }

  private Container flyteContainer(ComponentSettings settings, boolean auth) {
    List<EnvVar> env = new ArrayList<>(KubeObjects.podIdentityEnv());
    plan.deployment().storage().minio().ifPresent(minio -> env.addAll(Workloads.minioCredentials(minio)));
    List<VolumeMount> mounts = new ArrayList<>(List.of(
        Workload.mount("config", Plan.CONFIG_DIR),
        Workload.mount("cluster-resource-templates", Plan.TEMPLATES_DIR),
        Workload.mount("db-pass", Plan.DB_PASSWORD_DIR),
        Workload.writable("state", "/var/run/flyte")));
    if (auth) {
      mounts.add(Workload.mount("auth", FlyteAuth.SECRETS_DIR));
    }
    mounts.addAll(Workloads.sendgridApiKeyMount(plan.deployment().notifications()));
    return Workload.container("flyte", plan.images().flyteBinary(), List.of(), mounts, Workloads.resources(settings.resources()))
        .withArgs("start", "--config", Plan.CONFIG_DIR + "/*.yaml")
        .withEnv(env)
        .withPorts(Workload.port("http", BinaryConfig.HTTP_PORT), Workload.port("grpc", BinaryConfig.GRPC_PORT),
            Workload.port("webhook", BinaryConfig.WEBHOOK_PORT))
        .withReadinessProbe(Workloads.healthcheckReadiness("http"))
        .withLivenessProbe(Workloads.healthcheckLiveness("http"))
        .build();
  }

  private List<Ingress> ingresses(IngressSettings settings) {
    List<HTTPIngressPath> httpPaths = KubeObjects.ingressPaths(KubeObjects.HTTP_PATHS, plan.nameWith("http"), BinaryConfig.HTTP_PORT);
    List<HTTPIngressPath> grpcPaths = KubeObjects.ingressPaths(KubeObjects.grpcPaths(), plan.nameWith("grpc"), BinaryConfig.GRPC_PORT);
    if (!settings.separateGrpc()) {
      List<HTTPIngressPath> all = new ArrayList<>(httpPaths);
      all.addAll(grpcPaths);
      return List.of(KubeObjects.ingress(meta(plan.name(), "ingress"), settings, all, settings.httpAnnotations()));
    }
    return List.of(
        KubeObjects.ingress(meta(plan.nameWith("http"), "ingress"), settings, httpPaths, settings.httpAnnotations()),
        KubeObjects.ingress(meta(plan.nameWith("grpc"), "ingress"), settings, grpcPaths, settings.grpcAnnotations()));
  }
}
