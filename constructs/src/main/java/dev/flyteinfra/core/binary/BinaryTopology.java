package dev.flyteinfra.core.binary;

import dev.flyteinfra.core.manifest.Checksums;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.ComponentSettings;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.model.MinioStorage;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpecBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

  private static final List<String> HTTP_PATHS = List.of(
      "/console", "/console/*", "/api", "/api/*", "/healthcheck", "/v1/*", "/.well-known", "/.well-known/*",
      "/login", "/login/*", "/logout", "/logout/*", "/callback", "/callback/*", "/me", "/config", "/config/*",
      "/oauth2", "/oauth2/*");
  private static final List<String> GRPC_SERVICES = List.of(
      "/flyteidl.service.AdminService", "/flyteidl.service.AuthMetadataService", "/flyteidl.service.DataProxyService",
      "/flyteidl.service.IdentityService", "/flyteidl.service.SignalService", "/grpc.health.v1.Health");

  private final Plan plan;

  private BinaryTopology(Plan plan) {
    this.plan = plan;
  }

  /** Every object of the binary topology, in apply order. */
  public static List<HasMetadata> render(Plan plan) {
    return new BinaryTopology(plan).objects();
  }

  private List<HasMetadata> objects() {
    Map<String, String> configFiles = BinaryConfig.files(plan);
    Map<String, String> templateFiles = BinaryConfig.clusterResourceTemplates(plan);
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(namespace());
    objects.add(serviceAccount());
    objects.add(clusterRole());
    objects.add(clusterRoleBinding());
    ConfigMap config = configMap(plan.nameWith("config"), configFiles);
    ConfigMap templates = configMap(plan.nameWith("cluster-resource-templates"), templateFiles);
    objects.add(config);
    objects.add(templates);
    objects.add(deployment(config, templates));
    objects.add(service("http", "http", BinaryConfig.HTTP_PORT));
    objects.add(service("grpc", "grpc", BinaryConfig.GRPC_PORT));
    objects.add(service("webhook", "webhook", 443));
    plan.deployment().ingress().ifPresent(ingress -> objects.addAll(ingresses(ingress)));
    return objects;
  }

  private ObjectMeta meta(String name, String component) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(plan.namespace())
        .withLabels(plan.labels().standard(APP, component))
        .build();
  }

  private HasMetadata namespace() {
    Map<String, String> labels = new TreeMap<>(plan.labels().standard(APP, "namespace"));
    // Every pod here meets the restricted Pod Security Standard; let the API server hold us to it.
    labels.put("pod-security.kubernetes.io/enforce", "restricted");
    return new NamespaceBuilder()
        .withNewMetadata().withName(plan.namespace()).withLabels(labels).endMetadata()
        .build();
  }

  private HasMetadata serviceAccount() {
    ObjectMeta meta = meta(plan.name(), COMPONENT);
    plan.deployment().identity().ifPresent(identity -> meta.setAnnotations(Plan.serviceAccountAnnotations(identity)));
    return new ServiceAccountBuilder().withMetadata(meta).build();
  }

  /** The same rules as the official chart's ClusterRole. */
  private ClusterRole clusterRole() {
    ObjectMeta meta = meta(plan.clusterScopedName(), COMPONENT);
    meta.setNamespace(null);
    return new ClusterRoleBuilder()
        .withMetadata(meta)
        .withRules(
            rule("", List.of("namespaces", "resourcequotas", "secrets", "serviceaccounts"), "create", "get", "list", "patch", "update"),
            rule("", List.of("pods"), "create", "delete", "get", "list", "patch", "update", "watch"),
            rule("", List.of("events"), "create", "delete", "patch", "update"),
            rule("", List.of("podtemplates"), "get", "list", "watch"),
            rule("flyte.lyft.com", List.of("flyteworkflows"),
                "create", "delete", "deletecollection", "get", "list", "patch", "post", "update", "watch"),
            rule("apiextensions.k8s.io", List.of("customresourcedefinitions"), "create", "get", "list"),
            rule("admissionregistration.k8s.io", List.of("mutatingwebhookconfigurations"), "create", "get", "list", "patch", "update"))
        .build();
  }

  private static PolicyRule rule(String apiGroup, List<String> resources, String... verbs) {
    return new PolicyRuleBuilder().withApiGroups(apiGroup).withResources(resources).withVerbs(verbs).build();
  }

  private ClusterRoleBinding clusterRoleBinding() {
    ObjectMeta meta = meta(plan.clusterScopedName(), COMPONENT);
    meta.setNamespace(null);
    return new ClusterRoleBindingBuilder()
        .withMetadata(meta)
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", plan.clusterScopedName())
        .addNewSubject().withKind("ServiceAccount").withName(plan.name()).withNamespace(plan.namespace()).endSubject()
        .build();
  }

  private ConfigMap configMap(String name, Map<String, String> files) {
    return new ConfigMapBuilder().withMetadata(meta(name, COMPONENT)).withData(files).build();
  }

  private Deployment deployment(ConfigMap config, ConfigMap templates) {
    FlyteDeployment d = plan.deployment();
    ComponentSettings settings = d.components().binary();
    Map<String, String> podLabels = new TreeMap<>(plan.labels().selector(APP, COMPONENT));
    d.identity().ifPresent(identity -> podLabels.putAll(Plan.identityPodLabels(identity)));
    Map<String, String> podAnnotations = new TreeMap<>();
    podAnnotations.put("checksum/configuration", Checksums.sha256(config.getData()));
    podAnnotations.put("checksum/cluster-resource-templates", Checksums.sha256(templates.getData()));
    return new DeploymentBuilder()
        .withMetadata(meta(plan.name(), COMPONENT))
        .withNewSpec()
          .withReplicas(settings.replicas())
          // One pod at a time: the binary holds propeller's and the scheduler's singleton loops.
          .withNewStrategy().withType("Recreate").endStrategy()
          .withNewSelector().withMatchLabels(plan.labels().selector(APP, COMPONENT)).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(podLabels).withAnnotations(podAnnotations).endMetadata()
            .withNewSpec()
              .withServiceAccountName(plan.name())
              .withSecurityContext(Workloads.restrictedPodSecurityContext())
              .withInitContainers(waitForDb(d.database()))
              .withContainers(flyteContainer(settings))
              .withVolumes(
                  new VolumeBuilder().withName("config")
                      .withNewProjected().addNewSource().withNewConfigMap().withName(config.getMetadata().getName())
                      .endConfigMap().endSource().endProjected().build(),
                  new VolumeBuilder().withName("cluster-resource-templates")
                      .withNewProjected().addNewSource().withNewConfigMap().withName(templates.getMetadata().getName())
                      .endConfigMap().endSource().endProjected().build(),
                  new VolumeBuilder().withName("db-pass")
                      .withNewSecret().withSecretName(d.database().passwordSecret().name())
                      .addNewItem().withKey(d.database().passwordSecret().key()).withPath(Plan.DB_PASSWORD_FILE).endItem()
                      .withDefaultMode(0440).endSecret().build(),
                  new VolumeBuilder().withName("state").withNewEmptyDir().endEmptyDir().build())
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  /** Waits until PostgreSQL answers, so Flyte's migrations do not crash-loop on a cold start. */
  private Container waitForDb(PostgresDatabase db) {
    return new ContainerBuilder()
        .withName("wait-for-db")
        .withImage(plan.images().waitForDb())
        .withImagePullPolicy("IfNotPresent")
        .withCommand("sh", "-ec", "until pg_isready; do echo waiting for database; sleep 1; done")
        // pg_isready reads the standard libpq variables: no value is spliced into the script.
        .withEnv(env("PGHOST", db.host()), env("PGPORT", Integer.toString(db.port())), env("PGUSER", db.username()),
            env("PGDATABASE", db.dbname()))
        .withResources(Workloads.resources("10m", "16Mi", "64Mi"))
        .withSecurityContext(Workloads.restrictedContainerSecurityContext())
        .build();
  }

  private Container flyteContainer(ComponentSettings settings) {
    List<EnvVar> env = new ArrayList<>(List.of(fieldRef("POD_NAME", "metadata.name"), fieldRef("POD_NAMESPACE", "metadata.namespace")));
    plan.deployment().storage().minio().ifPresent(minio -> env.addAll(minioCredentials(minio)));
    return new ContainerBuilder()
        .withName("flyte")
        .withImage(plan.images().flyteBinary())
        .withImagePullPolicy("IfNotPresent")
        .withArgs("start", "--config", Plan.CONFIG_DIR + "/*.yaml")
        .withEnv(env)
        .addNewPort().withName("http").withContainerPort(BinaryConfig.HTTP_PORT).withProtocol("TCP").endPort()
        .addNewPort().withName("grpc").withContainerPort(BinaryConfig.GRPC_PORT).withProtocol("TCP").endPort()
        .addNewPort().withName("webhook").withContainerPort(BinaryConfig.WEBHOOK_PORT).withProtocol("TCP").endPort()
        .withReadinessProbe(healthcheck(15, 3))
        .withLivenessProbe(healthcheck(30, 6))
        .withResources(Workloads.resources(settings.resources()))
        .withSecurityContext(Workloads.restrictedContainerSecurityContext())
        .withVolumeMounts(
            new VolumeMountBuilder().withName("config").withMountPath(Plan.CONFIG_DIR).withReadOnly(true).build(),
            new VolumeMountBuilder().withName("cluster-resource-templates").withMountPath(Plan.TEMPLATES_DIR).withReadOnly(true).build(),
            new VolumeMountBuilder().withName("db-pass").withMountPath(Plan.DB_PASSWORD_DIR).withReadOnly(true).build(),
            new VolumeMountBuilder().withName("state").withMountPath("/var/run/flyte").build())
        .build();
  }

  private static Probe healthcheck(int initialDelaySeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath("/healthcheck").withPort(new IntOrString("http")).endHttpGet()
        .withInitialDelaySeconds(initialDelaySeconds)
        .withPeriodSeconds(10)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  private static List<EnvVar> minioCredentials(MinioStorage minio) {
    return List.of(
        secretEnv("AWS_ACCESS_KEY_ID", minio.accessKeyId().name(), minio.accessKeyId().key()),
        secretEnv("AWS_SECRET_ACCESS_KEY", minio.secretAccessKey().name(), minio.secretAccessKey().key()));
  }

  private static EnvVar env(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static EnvVar fieldRef(String name, String fieldPath) {
    return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(fieldPath)
        .endFieldRef().endValueFrom().build();
  }

  private static EnvVar secretEnv(String name, String secret, String key) {
    return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key)
        .endSecretKeyRef().endValueFrom().build();
  }

  private Service service(String suffix, String portName, int port) {
    return new ServiceBuilder()
        .withMetadata(meta(plan.nameWith(suffix), COMPONENT))
        .withNewSpec()
          .withType("ClusterIP")
          .withSelector(plan.labels().selector(APP, COMPONENT))
          .addNewPort().withName(portName).withPort(port).withTargetPort(new IntOrString(portName)).withProtocol("TCP").endPort()
        .endSpec()
        .build();
  }

  private List<Ingress> ingresses(IngressSettings settings) {
    List<HTTPIngressPath> httpPaths = paths(HTTP_PATHS, plan.nameWith("http"), BinaryConfig.HTTP_PORT);
    List<HTTPIngressPath> grpcPaths = new ArrayList<>();
    for (String service : GRPC_SERVICES) {
      grpcPaths.addAll(paths(List.of(service, service + "/*"), plan.nameWith("grpc"), BinaryConfig.GRPC_PORT));
    }
    if (!settings.separateGrpc()) {
      List<HTTPIngressPath> all = new ArrayList<>(httpPaths);
      all.addAll(grpcPaths);
      return List.of(ingress(settings, plan.name(), all, settings.httpAnnotations()));
    }
    return List.of(
        ingress(settings, plan.nameWith("http"), httpPaths, settings.httpAnnotations()),
        ingress(settings, plan.nameWith("grpc"), grpcPaths, settings.grpcAnnotations()));
  }

  private static List<HTTPIngressPath> paths(List<String> paths, String service, int port) {
    return paths.stream().map(path -> new HTTPIngressPathBuilder()
        .withPath(path)
        .withPathType("ImplementationSpecific")
        .withNewBackend().withNewService().withName(service).withNewPort().withNumber(port).endPort().endService().endBackend()
        .build()).toList();
  }

  private Ingress ingress(IngressSettings settings, String name, List<HTTPIngressPath> paths, Map<String, String> own) {
    ObjectMeta meta = meta(name, "ingress");
    Map<String, String> annotations = new TreeMap<>(settings.annotations());
    annotations.putAll(own);
    if (!annotations.isEmpty()) {
      meta.setAnnotations(annotations);
    }
    IngressSpecBuilder spec = new IngressSpecBuilder();
    settings.className().ifPresent(spec::withIngressClassName);
    spec.addNewRule().withHost(settings.host().orElse(null)).withNewHttp().withPaths(paths).endHttp().endRule();
    settings.tlsSecret().ifPresent(secret ->
        spec.addNewTl().withHosts(settings.host().orElseThrow()).withSecretName(secret).endTl());
    return new IngressBuilder().withMetadata(meta).withSpec(spec.build()).build();
  }
}
