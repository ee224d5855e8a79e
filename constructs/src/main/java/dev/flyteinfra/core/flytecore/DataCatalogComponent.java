package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.manifest.KubeObjects.servicePort;
import static dev.flyteinfra.core.manifest.Workload.container;
import static dev.flyteinfra.core.manifest.Workload.mount;
import static dev.flyteinfra.core.manifest.Workload.port;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workload;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.ComponentSettings;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/** DataCatalog: its service account, config, the Deployment that migrates before it serves, and its Service. */
final class DataCatalogComponent extends CoreComponent {
  static final String COMPONENT = "datacatalog";

  DataCatalogComponent(CoreContext context) {
    super(context);
  }

  @Override
  List<HasMetadata> objects() {
    String name = CoreNames.datacatalog(plan);
    String serviceAccount = plan.componentName(COMPONENT);
    ComponentSettings settings = d.components().datacatalog();
    ConfigMap catalog = configMap(plan.nameWith("datacatalog-config"), COMPONENT, config.datacatalog());
    String image = image(COMPONENT);
    List<VolumeMount> mounts = List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("config", CoreConfig.CATALOG_CONFIG_DIR));
    Workload workload = workload(COMPONENT, name, serviceAccount)
        .checksum(catalog.getMetadata().getName(), catalog.getData())
        .initContainers(List.of(Workloads.waitForDb(plan.images().waitForDb(), d.database()),
            container("run-migrations", image, List.of("datacatalog", "--config", CoreConfig.CATALOG_CONFIG_DIR + "/*.yaml", "migrate", "run"),
                mounts, Workloads.resources("50m", "64Mi", "256Mi")).build()))
        .container(container(COMPONENT, image, List.of("datacatalog", "--config", CoreConfig.CATALOG_CONFIG_DIR + "/*.yaml", "serve"),
                mounts, Workloads.resources(settings.resources()))
            .withPorts(port("http", CoreConfig.CATALOG_HTTP), port("grpc", CoreConfig.CATALOG_GRPC), port("http-metrics", CoreConfig.METRICS))
            .withReadinessProbe(metricsReadiness())
            .withLivenessProbe(metricsLiveness())
            .withEnv(minioEnv())
            .build())
        .volumes(List.of(dbPassword(), KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(), catalog.getMetadata().getName())));
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount(COMPONENT, serviceAccount));
    objects.add(catalog);
    objects.add(workload.deployment(settings));
    objects.add(KubeObjects.clusterIpService(meta(name, COMPONENT), selector(COMPONENT), List.of(
        servicePort("grpc", CoreConfig.CATALOG_SERVICE_GRPC, "grpc"), servicePort("http-metrics", CoreConfig.METRICS, "http-metrics"))));
    objects.addAll(workload.availability(name, settings));
    return objects;
  }
}
