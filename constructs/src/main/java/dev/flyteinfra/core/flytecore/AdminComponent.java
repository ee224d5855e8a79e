package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.manifest.KubeObjects.servicePort;
import static dev.flyteinfra.core.manifest.Workload.container;
import static dev.flyteinfra.core.manifest.Workload.mount;
import static dev.flyteinfra.core.manifest.Workload.port;
import static dev.flyteinfra.core.manifest.Workload.writable;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workload;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.ComponentSettings;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * FlyteAdmin: its service account and cluster role, its config, the cluster-resource templates,
 * with auth the client hashes and the keys Job, and the Deployment that waits for the database,
 * migrates, seeds the projects and syncs the cluster resources once before it serves.
 */
final class AdminComponent extends CoreComponent {
  static final String COMPONENT = "flyteadmin";

  private final ConfigMap templates;

  /** {@code templates}: the cluster-resource templates, which syncresources applies too. */
  AdminComponent(CoreContext context, ConfigMap templates) {
    super(context);
    this.templates = templates;
  }

  @Override
  List<HasMetadata> objects() {
    String name = CoreNames.admin(plan);
    String serviceAccount = plan.componentName(COMPONENT);
    ComponentSettings settings = d.components().flyteadmin();
    ConfigMap base = configMap(plan.nameWith("admin-base-config"), COMPONENT, config.adminBase());
    ConfigMap clusters = configMap(plan.nameWith("admin-clusters-config"), COMPONENT, config.clusters());
    String image = image(COMPONENT);
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount(COMPONENT, serviceAccount));
    objects.addAll(clusterRole(COMPONENT, COMPONENT, serviceAccount, adminRules()));
    objects.add(base);
    objects.add(clusters);
    objects.add(templates);
    Workload workload = workload(COMPONENT, name, serviceAccount)
        .checksum(base.getMetadata().getName(), base.getData())
        .checksum(clusters.getMetadata().getName(), clusters.getData())
        .checksum(templates.getMetadata().getName(), templates.getData());
    Optional<Secret> clientHashes = auth.flatMap(a -> a.clientHashes(secret -> meta(secret, COMPONENT)));
    clientHashes.ifPresent(secret -> {
      objects.add(secret);
      workload.checksum(secret.getMetadata().getName(), secret.getStringData());
    });
    auth.ifPresent(a -> objects.addAll(a.keysJob(job -> meta(job, "auth-keys"), image,
        List.of("flyteadmin", "--config", CoreConfig.CONFIG_DIR + "/*.yaml"),
        KubeObjects.projectedConfigMaps("config", base.getMetadata().getName()), CoreConfig.CONFIG_DIR)));
    objects.add(workload.initContainers(init(image)).container(main(image, settings)).volumes(volumes(base, clusters))
        .deployment(settings));
    objects.add(KubeObjects.clusterIpService(meta(name, COMPONENT), selector(COMPONENT), List.of(
        servicePort("http", CoreConfig.ADMIN_SERVICE_HTTP, "http"), servicePort("grpc", CoreConfig.ADMIN_SERVICE_GRPC, "grpc"),
        servicePort("http-metrics", CoreConfig.METRICS, "http-metrics"))));
    objects.addAll(workload.availability(name, settings));
    return objects;
  }

  private List<Volume> volumes(ConfigMap base, ConfigMap clusters) {
    Volume configVolume = KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(),
        base.getMetadata().getName(), clusters.getMetadata().getName());
    List<Volume> volumes = new ArrayList<>(List.of(
        dbPassword(),
        KubeObjects.projectedConfigMaps("base-config", base.getMetadata().getName()),
        // With the internal authorization server, the config holds its client hashes too.
        auth.map(a -> a.withClientHashes(configVolume)).orElse(configVolume),
        KubeObjects.projectedConfigMaps("resource-templates", templates.getMetadata().getName()),
        KubeObjects.emptyDir("shared-data")));
    volumes.addAll(credentialVolumes());
    auth.ifPresent(a -> volumes.add(a.adminSecrets(AUTH_VOLUME, false)));
    volumes.addAll(Workloads.sendgridApiKey(d.notifications()));
    return volumes;
  }

  /** Wait for the database, migrate, seed the projects, sync the cluster resources once. */
  private List<Container> init(String image) {
    List<String> seed = new ArrayList<>(List.of("flyteadmin", "--config", CoreConfig.CONFIG_DIR + "/*.yaml", "migrate", "seed-projects"));
    d.projects().forEach(p -> seed.add(p.name()));
    List<VolumeMount> baseMounts = List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("base-config", CoreConfig.CONFIG_DIR));
    List<VolumeMount> syncMounts = new ArrayList<>(List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("config", CoreConfig.CONFIG_DIR),
        mount("resource-templates", CoreConfig.TEMPLATES_DIR)));
    syncMounts.addAll(credentialMounts());
    return List.of(
        Workloads.waitForDb(plan.images().waitForDb(), d.database()),
        container("run-migrations", image, List.of("flyteadmin", "--config", CoreConfig.CONFIG_DIR + "/*.yaml", "migrate", "run"),
            baseMounts, Workloads.resources("50m", "128Mi", "512Mi")).build(),
        container("seed-projects", image, seed, baseMounts, Workloads.resources("50m", "128Mi", "512Mi")).build(),
        container("sync-cluster-resources", image,
            List.of("flyteadmin", "--config", CoreConfig.CONFIG_DIR + "/*.yaml", "clusterresource", "sync"), syncMounts,
            Workloads.resources("50m", "128Mi", "512Mi")).withEnv(minioEnv()).build());
  }

  private Container main(String image, ComponentSettings settings) {
    List<VolumeMount> mounts = new ArrayList<>(List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("config", CoreConfig.CONFIG_DIR),
        writable("shared-data", "/srv/flyte")));
    mounts.addAll(credentialMounts());
    mounts.addAll(authMounts());
    mounts.addAll(Workloads.sendgridApiKeyMount(d.notifications()));
    return container(COMPONENT, image, List.of("flyteadmin", "--config", CoreConfig.CONFIG_DIR + "/*.yaml", "serve"), mounts,
            Workloads.resources(settings.resources()))
        .withPorts(port("http", CoreConfig.ADMIN_HTTP), port("grpc", CoreConfig.ADMIN_GRPC), port("http-metrics", CoreConfig.METRICS))
        .withReadinessProbe(Workloads.healthcheckReadiness("http"))
        .withLivenessProbe(Workloads.healthcheckLiveness("http"))
        .withEnv(minioEnv())
        .build();
  }
}
