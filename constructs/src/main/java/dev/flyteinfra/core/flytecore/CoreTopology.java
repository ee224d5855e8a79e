package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.manifest.KubeObjects.rule;
import static dev.flyteinfra.core.manifest.KubeObjects.servicePort;

import dev.flyteinfra.core.auth.FlyteAuth;
import dev.flyteinfra.core.config.FlyteConfigSections;
import dev.flyteinfra.core.manifest.Checksums;
import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.ComponentSettings;
import dev.flyteinfra.core.model.Components;
import dev.flyteinfra.core.model.DataPlaneCluster;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.model.MultiCluster;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.core.plugins.PluginRbac;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code core} topology: what the official flyte-core chart renders — flyteadmin with its
 * migrations and cluster-resource sync, syncresources, datacatalog, flytescheduler,
 * flytepropeller (or flytepropeller-manager with sharding), the pod webhook, flyteconsole, the
 * FlyteWorkflow CRD and the Ingresses — hardened like the binary, plus what production needs and
 * the chart leaves out: a PodDisruptionBudget for every component with more than one replica and
 * HorizontalPodAutoscalers for flyteadmin and flyteconsole. With {@code multiCluster}, one
 * manifest for the control plane and one per data plane.
 */
public final class CoreTopology {
  /** Rules of the official chart's flyteadmin ClusterRole: it manages project namespaces and their contents. */
  static final List<PolicyRule> ADMIN_RULES = List.of(rule(List.of("", "flyte.lyft.com", "rbac.authorization.k8s.io"),
      List.of("configmaps", "flyteworkflows", "namespaces", "pods", "resourcequotas", "roles", "rolebindings", "secrets",
          "services", "serviceaccounts", "spark-role", "limitranges"), "*"));
  /** Rules of the official chart's flytepropeller ClusterRole (task plugins create arbitrary kinds). */
  static final List<PolicyRule> PROPELLER_RULES = List.of(
      rule(List.of(""), List.of("pods"), "get", "list", "watch"),
      rule(List.of(""), List.of("events"), "create", "update", "delete", "patch"),
      rule(List.of("*"), List.of("*"), "get", "list", "watch", "create", "update", "delete", "patch"),
      rule(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"), "get", "list", "watch", "create", "delete", "update"),
      rule(List.of("flyte.lyft.com"), List.of("flyteworkflows", "flyteworkflows/finalizers"),
          "get", "list", "watch", "create", "update", "delete", "patch", "post", "deletecollection"));
  /** Rules of the official chart's pod-webhook ClusterRole. */
  static final List<PolicyRule> WEBHOOK_RULES = List.of(rule(List.of("*"),
      List.of("mutatingwebhookconfigurations", "secrets", "pods", "replicasets/finalizers"), "get", "create", "update", "patch"));

  private static final String AUTH_VOLUME = "auth";

  private final Plan plan;
  private final FlyteDeployment d;
  private final CoreConfig config;
  private final Optional<FlyteAuth> auth;

  private CoreTopology(Plan plan) {
    this.plan = plan;
    this.d = plan.deployment();
    this.config = new CoreConfig(plan);
    this.auth = FlyteAuth.of(plan);
  }

  /** Cluster name → its objects in apply order; {@link Plan#SINGLE_CLUSTER} without multi-cluster. */
  public static Map<String, List<HasMetadata>> render(Plan plan) {
    return new CoreTopology(plan).clusters();
  }

  private Map<String, List<HasMetadata>> clusters() {
    Map<String, List<HasMetadata>> clusters = new LinkedHashMap<>();
    Optional<MultiCluster> multi = d.multiCluster();
    if (multi.isEmpty()) {
      List<HasMetadata> all = new ArrayList<>(namespace());
      all.add(crd());
      all.addAll(controlPlane());
      all.addAll(dataPlane(Optional.empty()));
      d.ingress().ifPresent(ingress -> all.addAll(ingresses(ingress)));
      clusters.put(Plan.SINGLE_CLUSTER, all);
      return clusters;
    }
    List<HasMetadata> control = new ArrayList<>(namespace());
    control.addAll(controlPlane());
    d.ingress().ifPresent(ingress -> control.addAll(ingresses(ingress)));
    clusters.put(multi.get().controlPlaneName(), control);
    for (DataPlaneCluster cluster : multi.get().dataPlanes()) {
      List<HasMetadata> objects = new ArrayList<>(namespace());
      objects.add(crd());
      objects.addAll(adminAccess());
      objects.addAll(dataPlane(Optional.of(cluster)));
      clusters.put(cluster.name(), objects);
    }
    return clusters;
  }

  private List<HasMetadata> namespace() {
    return List.of(KubeObjects.restrictedNamespace(plan.namespace(), plan.labels().standard("flyte", "namespace")));
  }

  private List<HasMetadata> controlPlane() {
    // flyteadmin's first sync and syncresources apply the same templates.
    ConfigMap templates = KubeObjects.configMap(meta(plan.nameWith("clusterresource-template"), "flyteadmin"),
        FlyteConfigSections.clusterResourceTemplates(d));
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(flyteadmin(templates));
    objects.addAll(syncresources(templates));
    objects.addAll(datacatalog());
    objects.addAll(flytescheduler());
    objects.addAll(flyteconsole());
    return objects;
  }

  private List<HasMetadata> dataPlane(Optional<DataPlaneCluster> cluster) {
    // The webhook reads propeller's config too.
    ConfigMap propellerConfig = KubeObjects.configMap(meta(plan.nameWith("propeller-config"), "flytepropeller"),
        config.propeller(cluster));
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(flytepropeller(propellerConfig));
    objects.addAll(webhook(propellerConfig));
    return objects;
  }

  // ---- components ----

  private List<HasMetadata> flyteadmin(ConfigMap templates) {
    String component = "flyteadmin";
    String name = CoreNames.admin(plan);
    ConfigMap base = KubeObjects.configMap(meta(plan.nameWith("admin-base-config"), component), config.adminBase());
    ConfigMap clusters = KubeObjects.configMap(meta(plan.nameWith("admin-clusters-config"), component), config.clusters());
    List<Volume> volumes = new ArrayList<>(List.of(
        dbPassword(),
        KubeObjects.projectedConfigMaps("base-config", base.getMetadata().getName()),
        withClientHashes(KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(),
            base.getMetadata().getName(), clusters.getMetadata().getName())),
        KubeObjects.projectedConfigMaps("resource-templates", templates.getMetadata().getName()),
        KubeObjects.emptyDir("shared-data")));
    volumes.addAll(credentialVolumes());
    auth.ifPresent(a -> volumes.add(a.adminSecrets(AUTH_VOLUME, false)));
    volumes.addAll(Workloads.sendgridApiKey(d.notifications()));
    String image = image("flyteadmin");
    List<String> seed = new ArrayList<>(List.of("flyteadmin", "--config", CoreConfig.CONFIG_DIR + "/*.yaml", "migrate", "seed-projects"));
    d.projects().forEach(p -> seed.add(p.name()));
    List<VolumeMount> syncMounts = new ArrayList<>(List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("config", CoreConfig.CONFIG_DIR),
        mount("resource-templates", CoreConfig.TEMPLATES_DIR)));
    syncMounts.addAll(credentialMounts());
    List<Container> init = List.of(
        Workloads.waitForDb(plan.images().waitForDb(), d.database()),
        container("run-migrations", image, List.of("flyteadmin", "--config", CoreConfig.CONFIG_DIR + "/*.yaml", "migrate", "run"),
            List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("base-config", CoreConfig.CONFIG_DIR)), Workloads.resources("50m", "128Mi", "512Mi")).build(),
        container("seed-projects", image, seed,
            List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("base-config", CoreConfig.CONFIG_DIR)), Workloads.resources("50m", "128Mi", "512Mi")).build(),
        container("sync-cluster-resources", image,
            List.of("flyteadmin", "--config", CoreConfig.CONFIG_DIR + "/*.yaml", "clusterresource", "sync"), syncMounts,
            Workloads.resources("50m", "128Mi", "512Mi")).withEnv(minioEnv()).build());
    List<VolumeMount> mounts = new ArrayList<>(List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("config", CoreConfig.CONFIG_DIR),
        writable("shared-data", "/srv/flyte")));
    mounts.addAll(credentialMounts());
    mounts.addAll(authMounts());
    mounts.addAll(Workloads.sendgridApiKeyMount(d.notifications()));
    Container main = container(component, image,
            List.of("flyteadmin", "--config", CoreConfig.CONFIG_DIR + "/*.yaml", "serve"), mounts, Workloads.resources(settings(component).resources()))
        .withPorts(port("http", CoreConfig.ADMIN_HTTP), port("grpc", CoreConfig.ADMIN_GRPC), port("http-metrics", CoreConfig.METRICS))
        .withReadinessProbe(Workloads.healthcheckReadiness("http"))
        .withLivenessProbe(Workloads.healthcheckLiveness("http"))
        .withEnv(minioEnv())
        .build();
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount(component, plan.componentName(component)));
    objects.add(KubeObjects.clusterRole(meta(clusterScoped(component), component), adminRules()));
    objects.add(KubeObjects.clusterRoleBinding(meta(clusterScoped(component), component), plan.componentName(component), plan.namespace()));
    objects.add(base);
    objects.add(clusters);
    objects.add(templates);
    Map<String, String> annotations = checksums(base, clusters, templates);
    Optional<Secret> clientHashes = auth.flatMap(a -> a.clientHashes(secret -> meta(secret, component)));
    clientHashes.ifPresent(secret -> {
      objects.add(secret);
      annotations.put("checksum/" + secret.getMetadata().getName(), Checksums.sha256(secret.getStringData()));
    });
    auth.ifPresent(a -> objects.addAll(a.keysJob(job -> meta(job, "auth-keys"), image,
        List.of("flyteadmin", "--config", CoreConfig.CONFIG_DIR + "/*.yaml"),
        KubeObjects.projectedConfigMaps("config", base.getMetadata().getName()), CoreConfig.CONFIG_DIR)));
    objects.add(deployment(component, name, plan.componentName(component), init, main, volumes, annotations, false));
    objects.add(KubeObjects.clusterIpService(meta(name, component), selector(component), List.of(
        servicePort("http", CoreConfig.ADMIN_SERVICE_HTTP, "http"), servicePort("grpc", CoreConfig.ADMIN_SERVICE_GRPC, "grpc"),
        servicePort("http-metrics", CoreConfig.METRICS, "http-metrics"))));
    objects.addAll(availability(component, name));
    return objects;
  }

  private List<HasMetadata> syncresources(ConfigMap templates) {
    String component = "syncresources";
    String name = plan.nameWith(component);
    ConfigMap sync = KubeObjects.configMap(meta(plan.nameWith("clusterresourcesync-config"), component), config.clusterResourceSync());
    List<Volume> volumes = new ArrayList<>(List.of(dbPassword(),
        KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(), sync.getMetadata().getName()),
        KubeObjects.projectedConfigMaps("resource-templates", templates.getMetadata().getName())));
    volumes.addAll(credentialVolumes());
    List<VolumeMount> mounts = new ArrayList<>(List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("config", CoreConfig.CONFIG_DIR),
        mount("resource-templates", CoreConfig.TEMPLATES_DIR)));
    mounts.addAll(credentialMounts());
    Container main = container(component, image("flyteadmin"),
            List.of("flyteadmin", "--config", CoreConfig.CONFIG_DIR + "/*.yaml", "clusterresource", "run"), mounts,
            Workloads.resources(settings(component).resources()))
        .withPorts(port("http-metrics", CoreConfig.METRICS))
        .withReadinessProbe(metricsHealthcheck(10, 3))
        .withLivenessProbe(metricsHealthcheck(30, 6))
        .withEnv(minioEnv())
        .build();
    return List.of(sync, deployment(component, name, plan.componentName("flyteadmin"), List.of(), main, volumes,
        Map.of("checksum/config", Checksums.sha256(sync.getData()), "checksum/templates", Checksums.sha256(templates.getData())),
        true));
  }

  private List<HasMetadata> datacatalog() {
    String component = "datacatalog";
    String name = CoreNames.datacatalog(plan);
    ConfigMap catalog = KubeObjects.configMap(meta(plan.nameWith("datacatalog-config"), component), config.datacatalog());
    String image = image("datacatalog");
    List<VolumeMount> mounts = List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("config", CoreConfig.CATALOG_CONFIG_DIR));
    Container main = container(component, image,
            List.of("datacatalog", "--config", CoreConfig.CATALOG_CONFIG_DIR + "/*.yaml", "serve"), mounts, Workloads.resources(settings(component).resources()))
        .withPorts(port("http", CoreConfig.CATALOG_HTTP), port("grpc", CoreConfig.CATALOG_GRPC), port("http-metrics", CoreConfig.METRICS))
        .withReadinessProbe(metricsHealthcheck(10, 3))
        .withLivenessProbe(metricsHealthcheck(30, 6))
        .withEnv(minioEnv())
        .build();
    List<Container> init = List.of(Workloads.waitForDb(plan.images().waitForDb(), d.database()),
        container("run-migrations", image, List.of("datacatalog", "--config", CoreConfig.CATALOG_CONFIG_DIR + "/*.yaml", "migrate", "run"),
            mounts, Workloads.resources("50m", "64Mi", "256Mi")).build());
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount(component, plan.componentName(component)));
    objects.add(catalog);
    objects.add(deployment(component, name, plan.componentName(component), init, main,
        List.of(dbPassword(), KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(), catalog.getMetadata().getName())),
        checksums(catalog), false));
    objects.add(KubeObjects.clusterIpService(meta(name, component), selector(component), List.of(
        servicePort("grpc", CoreConfig.CATALOG_SERVICE_GRPC, "grpc"), servicePort("http-metrics", CoreConfig.METRICS, "http-metrics"))));
    objects.addAll(availability(component, name));
    return objects;
  }

  private List<HasMetadata> flytescheduler() {
    String component = "flytescheduler";
    String name = plan.nameWith(component);
    ConfigMap scheduler = KubeObjects.configMap(meta(plan.nameWith("scheduler-config"), component), config.scheduler());
    String image = image("flytescheduler");
    List<VolumeMount> mounts = List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("config", CoreConfig.CONFIG_DIR));
    Container main = container(component, image,
            List.of("flytescheduler", "run", "--config", CoreConfig.CONFIG_DIR + "/*.yaml"), withAuthMounts(mounts),
            Workloads.resources(settings(component).resources()))
        .withPorts(port("http-metrics", CoreConfig.METRICS))
        .withReadinessProbe(metricsHealthcheck(10, 3))
        .withLivenessProbe(metricsHealthcheck(30, 6))
        .build();
    List<Container> init = List.of(Workloads.waitForDb(plan.images().waitForDb(), d.database()),
        container("flytescheduler-check", image, List.of("flytescheduler", "precheck", "--config", CoreConfig.CONFIG_DIR + "/*.yaml"),
            mounts, Workloads.resources("10m", "32Mi", "128Mi")).build());
    return List.of(serviceAccount(component, plan.componentName(component)), scheduler,
        deployment(component, name, plan.componentName(component), init, main,
            withServiceClientSecret(List.of(dbPassword(),
                KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(), scheduler.getMetadata().getName()))),
            checksums(scheduler), true));
  }

  private List<HasMetadata> flyteconsole() {
    String component = "flyteconsole";
    String name = plan.nameWith(component);
    ConfigMap console = KubeObjects.configMap(meta(plan.nameWith("console-config"), component), config.console());
    Container main = container(component, plan.images().console(), List.of(),
            List.of(writable("shared-data", "/srv/flyte")), Workloads.resources(settings(component).resources()))
        .withCommand()
        .addNewEnvFrom().withNewConfigMapRef().withName(console.getMetadata().getName()).endConfigMapRef().endEnvFrom()
        .withPorts(port("http", CoreConfig.CONSOLE))
        .withReadinessProbe(consoleReadiness())
        .withLivenessProbe(consoleLiveness())
        .build();
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount(component, name));
    objects.add(console);
    objects.add(deployment(component, name, name, List.of(), main, List.of(KubeObjects.emptyDir("shared-data")), checksums(console), false));
    objects.add(KubeObjects.clusterIpService(meta(name, component), selector(component), List.of(servicePort("http", 80, "http"))));
    objects.addAll(availability(component, name));
    return objects;
  }

  private List<HasMetadata> flytepropeller(ConfigMap propeller) {
    String component = "flytepropeller";
    String name = plan.nameWith(component);
    Container main = container(component, image("flytepropeller"),
            List.of("flytepropeller", "--config", CoreConfig.CONFIG_DIR + "/*.yaml"), withAuthMounts(List.of(mount("config", CoreConfig.CONFIG_DIR))),
            Workloads.resources(settings(component).resources()))
        .withPorts(port("http-metrics", CoreConfig.METRICS))
        .withEnv(withMinio(KubeObjects.podIdentityEnv()))
        .withReadinessProbe(metricsHealthcheck(10, 3))
        .withLivenessProbe(metricsHealthcheck(30, 6))
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
    List<Volume> volumes = withServiceClientSecret(
        List.of(KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(), propeller.getMetadata().getName())));
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount(component, plan.componentName(component)));
    objects.add(KubeObjects.clusterRole(meta(clusterScoped(component), component), PROPELLER_RULES));
    objects.add(KubeObjects.clusterRoleBinding(meta(clusterScoped(component), component), plan.componentName(component), plan.namespace()));
    objects.add(propeller);
    Map<String, String> annotations = checksums(propeller);
    if (d.propeller().sharding().isEmpty()) {
      objects.add(deployment(component, name, plan.componentName(component), List.of(), main, volumes, annotations, false));
      objects.addAll(availability(component, name));
      return objects;
    }
    // Sharded: flytepropeller-manager starts one propeller pod per shard from this template.
    Map<String, String> podLabels = new TreeMap<>(selector(component));
    podLabels.put("app", "flytepropeller");
    objects.add(new PodTemplateBuilder()
        .withMetadata(meta(CoreNames.propellerTemplate(plan), component))
        .withNewTemplate()
          .withNewMetadata().withLabels(podLabels).withAnnotations(annotations).endMetadata()
          .withSpec(podSpec(plan.componentName(component), List.of(), main, volumes, Optional.empty()))
        .endTemplate()
        .build());
    String managerComponent = "flytepropeller-manager";
    Container manager = container(managerComponent, image("flytepropeller"),
            List.of("flytepropeller-manager", "--manager.pod-template-namespace", plan.namespace(), "--config", CoreConfig.CONFIG_DIR + "/*.yaml"),
            List.of(mount("config", CoreConfig.CONFIG_DIR)), Workloads.resources("50m", "128Mi", "256Mi"))
        .withPorts(port("http-metrics", CoreConfig.METRICS))
        .withEnv(KubeObjects.podIdentityEnv())
        .withReadinessProbe(metricsHealthcheck(10, 3))
        .withLivenessProbe(metricsHealthcheck(30, 6))
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
    objects.add(deployment(managerComponent, plan.nameWith(managerComponent), plan.componentName(component), List.of(), manager, volumes, annotations, false,
        settings(component)));
    objects.addAll(availability(managerComponent, plan.nameWith(managerComponent), settings(component)));
    return objects;
  }

  private List<HasMetadata> webhook(ConfigMap propellerConfig) {
    String component = "pod-webhook";
    String name = CoreNames.webhook(plan);
    String image = image("flytepropeller");
    List<String> args = List.of("webhook", "--config", CoreConfig.CONFIG_DIR + "/*.yaml");
    Container init = container("generate-secrets", image, List.of("flytepropeller"),
            List.of(mount("config", CoreConfig.CONFIG_DIR)), Workloads.resources("10m", "32Mi", "128Mi"))
        .withArgs("webhook", "init-certs", "--config", CoreConfig.CONFIG_DIR + "/*.yaml")
        .withEnv(KubeObjects.podIdentityEnv())
        .build();
    Container main = container("webhook", image, List.of("flytepropeller"),
            List.of(mount("config", CoreConfig.CONFIG_DIR), mount("webhook-certs", CoreConfig.WEBHOOK_CERTS_DIR)),
            Workloads.resources(settings("webhook").resources()))
        .withArgs(args)
        .withEnv(KubeObjects.podIdentityEnv())
        .withPorts(port("https", CoreConfig.WEBHOOK))
        .withReadinessProbe(KubeObjects.tcpProbe(CoreConfig.WEBHOOK, 5, 3))
        .withLivenessProbe(KubeObjects.tcpProbe(CoreConfig.WEBHOOK, 15, 6))
        .build();
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount(component, name));
    objects.add(KubeObjects.clusterRole(meta(clusterScoped(component), component), WEBHOOK_RULES));
    objects.add(KubeObjects.clusterRoleBinding(meta(clusterScoped(component), component), name, plan.namespace()));
    // Empty: the init container writes the webhook's certificates into it at start-up.
    objects.add(new SecretBuilder().withMetadata(meta(name, component)).withType("Opaque").build());
    objects.add(deployment(component, name, name, List.of(init), main,
        List.of(KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(), propellerConfig.getMetadata().getName()),
            KubeObjects.secretVolume("webhook-certs", name)),
        Map.of("checksum/config", Checksums.sha256(propellerConfig.getData())), false, settings("webhook")));
    objects.add(KubeObjects.clusterIpService(meta(name, component), selector(component), List.of(servicePort("https", 443, "https"))));
    objects.addAll(availability(component, name, settings("webhook")));
    return objects;
  }

  /**
   * In a data plane, what the control plane's FlyteAdmin uses to reach it: a service account with
   * FlyteAdmin's cluster role, and a token Secret that Kubernetes fills in for it.
   */
  private List<HasMetadata> adminAccess() {
    String component = "flyteadmin-access";
    String name = plan.componentName("flyteadmin");
    ObjectMeta token = meta(plan.nameWith("flyteadmin-token"), component);
    token.setAnnotations(Map.of("kubernetes.io/service-account.name", name));
    return List.of(
        serviceAccount(component, name),
        KubeObjects.clusterRole(meta(clusterScoped("flyteadmin"), component), adminRules()),
        KubeObjects.clusterRoleBinding(meta(clusterScoped("flyteadmin"), component), name, plan.namespace()),
        new SecretBuilder().withMetadata(token).withType("kubernetes.io/service-account-token").build());
  }

  private HasMetadata crd() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("flyteworkflows.flyte.lyft.com").withLabels(plan.labels().standard("flyte", "crd")).endMetadata()
        .withNewSpec()
          .withGroup("flyte.lyft.com")
          .withScope("Namespaced")
          .withNewNames().withKind("FlyteWorkflow").withPlural("flyteworkflows").withSingular("flyteworkflow").withShortNames("fly").endNames()
          .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
            .withNewSchema().withOpenAPIV3Schema(new JSONSchemaPropsBuilder().withType("object").withXKubernetesPreserveUnknownFields(true).build())
            .endSchema()
          .endVersion()
        .endSpec()
        .build();
  }

  private List<HasMetadata> ingresses(IngressSettings settings) {
    String admin = CoreNames.admin(plan);
    List<HTTPIngressPath> http = new ArrayList<>(KubeObjects.ingressPaths(KubeObjects.CONSOLE_PATHS, plan.nameWith("flyteconsole"), 80));
    http.addAll(KubeObjects.ingressPaths(KubeObjects.ADMIN_HTTP_PATHS, admin, CoreConfig.ADMIN_SERVICE_HTTP));
    List<HTTPIngressPath> grpc = new ArrayList<>(KubeObjects.ingressPaths(KubeObjects.grpcPaths(), admin, CoreConfig.ADMIN_SERVICE_GRPC));
    // Data planes reach DataCatalog at catalogEndpoint: route its gRPC service there, on Flyte's host
    // when it is the same (or the Ingress matches every host), else on a rule of its own.
    Optional<String> catalogHost = d.multiCluster().map(multi -> endpointHost(multi.catalogEndpoint()));
    List<HTTPIngressPath> catalog = catalogHost.isEmpty() ? List.of() : KubeObjects.ingressPaths(
        KubeObjects.grpcPaths(List.of(KubeObjects.DATACATALOG_GRPC_SERVICE)), CoreNames.datacatalog(plan), CoreConfig.CATALOG_SERVICE_GRPC);
    Optional<String> ownCatalogHost = catalogHost.filter(host -> settings.host().isPresent() && !settings.host().get().equalsIgnoreCase(host));
    if (ownCatalogHost.isEmpty()) {
      grpc.addAll(catalog);
    }
    Ingress grpcIngress;
    List<HasMetadata> ingresses = new ArrayList<>();
    if (!settings.separateGrpc()) {
      http.addAll(grpc);
      grpcIngress = KubeObjects.ingress(meta(plan.name(), "ingress"), settings, http, settings.httpAnnotations());
    } else {
      ingresses.add(KubeObjects.ingress(meta(plan.nameWith("http"), "ingress"), settings, http, settings.httpAnnotations()));
      grpcIngress = KubeObjects.ingress(meta(plan.nameWith("grpc"), "ingress"), settings, grpc, settings.grpcAnnotations());
    }
    ownCatalogHost.ifPresent(host -> KubeObjects.withHost(grpcIngress, settings, host, catalog));
    ingresses.add(grpcIngress);
    return ingresses;
  }

  /** The host of a gRPC endpoint: {@code host:port}, {@code dns:///host:port} or a URL. */
  static String endpointHost(String endpoint) {
    String host = endpoint.contains("://") ? endpoint.substring(endpoint.indexOf("://") + 3) : endpoint;
    host = host.replaceFirst("^/+", "");
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    int colon = host.lastIndexOf(':');
    return colon >= 0 ? host.substring(0, colon) : host;
  }

  // ---- shared pieces ----

  private ComponentSettings settings(String component) {
    Components c = d.components();
    return switch (component) {
      case "flyteadmin" -> c.flyteadmin();
      case "flytepropeller" -> c.flytepropeller();
      case "datacatalog" -> c.datacatalog();
      case "flyteconsole" -> c.flyteconsole();
      case "flytescheduler" -> c.flytescheduler();
      case "webhook", "pod-webhook" -> c.webhook();
      case "syncresources" -> c.syncresources();
      default -> throw new IllegalArgumentException("no settings for " + component);
    };
  }

  /**
   * FlyteAdmin's rules (its cluster-resource sync applies the namespace templates), and what the
   * plugins' templates need. FlytePropeller's rules already allow every kind the plugins create.
   */
  private List<PolicyRule> adminRules() {
    List<PolicyRule> rules = new ArrayList<>(ADMIN_RULES);
    rules.addAll(PluginRbac.resourceSync(d.plugins()));
    return rules;
  }

  private String image(String component) {
    return plan.images().component(component);
  }

  private ObjectMeta meta(String name, String component) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(plan.namespace());
    meta.setLabels(plan.labels().standard(component, component));
    return meta;
  }

  private Map<String, String> selector(String component) {
    return plan.labels().selector(component, component);
  }

  private String clusterScoped(String component) {
    return plan.clusterScopedName() + "-" + component;
  }

  /**
   * A component's service account: the backend identity on those {@link CloudRequirements} lists
   * (the one place that says which), and an API token only for components that call the API.
   */
  private HasMetadata serviceAccount(String component, String name) {
    ObjectMeta meta = meta(name, component);
    boolean cloudIdentity = CloudRequirements.CORE_IDENTITY_COMPONENTS.contains(component);
    if (cloudIdentity) {
      d.identity().ifPresent(identity -> meta.setAnnotations(Plan.serviceAccountAnnotations(identity)));
    }
    boolean callsApi = cloudIdentity || component.equals("pod-webhook") || component.equals("flyteadmin-access");
    return new ServiceAccountBuilder().withMetadata(meta).withAutomountServiceAccountToken(callsApi).build();
  }

  private Volume dbPassword() {
    return Workloads.databaseCredentials(d.database());
  }

  /** One volume per data plane with its token and CA, for FlyteAdmin and syncresources. */
  private List<Volume> credentialVolumes() {
    return d.multiCluster().map(MultiCluster::dataPlanes).orElse(List.of()).stream()
        .map(c -> KubeObjects.secretVolume("cluster-" + c.name(), c.credentialsSecret()))
        .toList();
  }

  /** FlyteAdmin's config volume with the internal authorization server's client hashes, when Flyte has one. */
  private Volume withClientHashes(Volume config) {
    return auth.map(a -> a.withClientHashes(config)).orElse(config);
  }

  /** The volumes, and with auth the service client's secret, which FlytePropeller and FlyteScheduler sign in with. */
  private List<Volume> withServiceClientSecret(List<Volume> volumes) {
    List<Volume> all = new ArrayList<>(volumes);
    auth.ifPresent(a -> all.add(a.serviceClientSecret(AUTH_VOLUME)));
    return all;
  }

  private List<VolumeMount> withAuthMounts(List<VolumeMount> mounts) {
    List<VolumeMount> all = new ArrayList<>(mounts);
    all.addAll(authMounts());
    return all;
  }

  /** Where Flyte reads its auth secrets, with auth. */
  private List<VolumeMount> authMounts() {
    return auth.isPresent() ? List.of(mount(AUTH_VOLUME, FlyteAuth.SECRETS_DIR)) : List.of();
  }

  private List<VolumeMount> credentialMounts() {
    return d.multiCluster().map(MultiCluster::dataPlanes).orElse(List.of()).stream()
        .map(c -> mount("cluster-" + c.name(), CoreConfig.CREDENTIALS_DIR + "/" + c.name()))
        .toList();
  }

  private List<EnvVar> minioEnv() {
    return d.storage().minio().isPresent() ? Workloads.minioCredentials(d.storage().minio().get()) : List.of();
  }

  private List<EnvVar> withMinio(List<EnvVar> env) {
    List<EnvVar> all = new ArrayList<>(env);
    all.addAll(minioEnv());
    return all;
  }

  /** Flyte's components serve {@code /healthcheck} on their metrics (profiler) port. */
  private static Probe metricsHealthcheck(int initialDelaySeconds, int failureThreshold) {
    return KubeObjects.httpProbe("/healthcheck", "http-metrics", initialDelaySeconds, failureThreshold);
  }

  private static VolumeMount mount(String volume, String path) {
    VolumeMount mount = writable(volume, path);
    mount.setReadOnly(true);
    return mount;
  }

  private static VolumeMount writable(String volume, String path) {
    VolumeMount mount = new VolumeMount();
    mount.setName(volume);
    mount.setMountPath(path);
    return mount;
  }

  private static ContainerPort port(String name, int port) {
    ContainerPort containerPort = new ContainerPort();
    containerPort.setName(name);
    containerPort.setContainerPort(port);
    containerPort.setProtocol("TCP");
    return containerPort;
  }

  /** A container's common settings; callers add ports, probes and environment before they build it. */
  private static ContainerBuilder container(String name, String image, List<String> command, List<VolumeMount> mounts,
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

  private static Map<String, String> checksums(ConfigMap... configMaps) {
    Map<String, String> annotations = new TreeMap<>();
    for (ConfigMap configMap : configMaps) {
      annotations.put("checksum/" + configMap.getMetadata().getName(), Checksums.sha256(configMap.getData()));
    }
    return annotations;
  }

  private HasMetadata deployment(String component, String name, String serviceAccount, List<Container> init, Container main,
      List<Volume> volumes, Map<String, String> podAnnotations, boolean singleton) {
    return deployment(component, name, serviceAccount, init, main, volumes, podAnnotations, singleton, settings(component));
  }

  private HasMetadata deployment(String component, String name, String serviceAccount, List<Container> init, Container main,
      List<Volume> volumes, Map<String, String> podAnnotations, boolean singleton, ComponentSettings settings) {
    Map<String, String> podLabels = new TreeMap<>(selector(component));
    d.identity().ifPresent(identity -> podLabels.putAll(Plan.identityPodLabels(identity)));
    // Assembled from plain objects: each fabric8 builder step (withSpec, editSpec, build) deep-copies
    // the whole pod spec, and that copying was a third of the synthesis time.
    PodTemplateSpec template = new PodTemplateSpec(
        new ObjectMetaBuilder().withLabels(podLabels).withAnnotations(new TreeMap<>(podAnnotations)).build(),
        podSpec(serviceAccount, init, main, volumes, Optional.of(component)));
    DeploymentSpec spec = new DeploymentSpec();
    spec.setSelector(new LabelSelectorBuilder().withMatchLabels(selector(component)).build());
    spec.setTemplate(template);
    if (settings.autoscaling().isEmpty()) {
      spec.setReplicas(singleton ? 1 : settings.replicas());
    }
    if (singleton) {
      // Never two at once: a second scheduler would fire schedules twice.
      spec.setStrategy(new DeploymentStrategyBuilder().withType("Recreate").build());
    }
    Deployment deployment = new Deployment();
    deployment.setMetadata(meta(name, component));
    deployment.setSpec(spec);
    return deployment;
  }

  private PodSpec podSpec(String serviceAccount, List<Container> init, Container main, List<Volume> volumes, Optional<String> spreadComponent) {
    // Set on a plain PodSpec: a PodSpecBuilder would deep-copy every container and volume twice.
    PodSpec spec = new PodSpec();
    spec.setServiceAccountName(serviceAccount);
    spec.setSecurityContext(Workloads.restrictedPodSecurityContext());
    spec.setInitContainers(init);
    spec.setContainers(List.of(main));
    spec.setVolumes(volumes);
    // Replicas on different nodes when the cluster has them (preferred: a one-node cluster still schedules).
    spreadComponent.ifPresent(component -> spec.setAffinity(Workloads.spreadOverNodes(selector(component))));
    return spec;
  }

  static Probe consoleReadiness() {
    return KubeObjects.tcpProbe(CoreConfig.CONSOLE, 5, 3);
  }

  static Probe consoleLiveness() {
    return KubeObjects.tcpProbe(CoreConfig.CONSOLE, 15, 6);
  }

  private List<HasMetadata> availability(String component, String name) {
    return availability(component, name, settings(component));
  }

  /** A PodDisruptionBudget when there is more than one replica, and the autoscaler when asked for. */
  private List<HasMetadata> availability(String component, String name, ComponentSettings settings) {
    List<HasMetadata> objects = new ArrayList<>();
    int minimum = settings.autoscaling().isPresent() ? settings.autoscaling().get().minReplicas() : settings.replicas();
    if (minimum > 1) {
      objects.add(new PodDisruptionBudgetBuilder()
          .withMetadata(meta(name, component))
          .withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector().withMatchLabels(selector(component)).endSelector().endSpec()
          .build());
    }
    settings.autoscaling().ifPresent(autoscaling -> objects.add(new HorizontalPodAutoscalerBuilder()
        .withMetadata(meta(name, component))
        .withNewSpec()
          .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name).endScaleTargetRef()
          .withMinReplicas(autoscaling.minReplicas())
          .withMaxReplicas(autoscaling.maxReplicas())
          .addNewMetric().withType("Resource").withNewResource().withName("cpu")
            .withNewTarget().withType("Utilization").withAverageUtilization(autoscaling.targetCpuUtilizationPercent()).endTarget()
          .endResource().endMetric()
        .endSpec()
        .build()));
    return objects;
  }
}
