package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.manifest.Workload.container;
import static dev.flyteinfra.core.manifest.Workload.mount;
import static dev.flyteinfra.core.manifest.Workload.port;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.ComponentSettings;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * syncresources: FlyteAdmin's cluster-resource controller as a pod of its own (one at a time),
 * applying the namespace templates to every project and domain — on each data plane with
 * multi-cluster. It runs as FlyteAdmin's service account.
 */
final class SyncResourcesComponent extends CoreComponent {
  static final String COMPONENT = "syncresources";

  private final ConfigMap templates;

  /** {@code templates}: FlyteAdmin's cluster-resource templates. */
  SyncResourcesComponent(CoreContext context, ConfigMap templates) {
    super(context);
    this.templates = templates;
  }

  @Override
  List<HasMetadata> objects() {
    ComponentSettings settings = d.components().syncresources();
    ConfigMap sync = configMap(plan.nameWith("clusterresourcesync-config"), COMPONENT, config.clusterResourceSync());
    List<Volume> volumes = new ArrayList<>(List.of(dbPassword(),
        KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(), sync.getMetadata().getName()),
        KubeObjects.projectedConfigMaps("resource-templates", templates.getMetadata().getName())));
    volumes.addAll(credentialVolumes());
    return List.of(sync, workload(COMPONENT, plan.nameWith(COMPONENT), plan.componentName(AdminComponent.COMPONENT))
        .checksum("config", sync.getData())
        .checksum("templates", templates.getData())
        .container(main(settings))
        .volumes(volumes)
        .singleton(settings));
  }

  private Container main(ComponentSettings settings) {
    List<VolumeMount> mounts = new ArrayList<>(List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("config", CoreConfig.CONFIG_DIR),
        mount("resource-templates", CoreConfig.TEMPLATES_DIR)));
    mounts.addAll(credentialMounts());
    return container(COMPONENT, image(AdminComponent.COMPONENT),
            List.of("flyteadmin", "--config", CoreConfig.CONFIG_DIR + "/*.yaml", "clusterresource", "run"), mounts,
            Workloads.resources(settings.resources()))
        .withPorts(port("http-metrics", CoreConfig.METRICS))
        .withReadinessProbe(metricsReadiness())
        .withLivenessProbe(metricsLiveness())
        .withEnv(minioEnv())
        .build();
  }
}
