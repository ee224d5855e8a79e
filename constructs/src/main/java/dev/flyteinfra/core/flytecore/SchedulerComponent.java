package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.manifest.Workload.container;
import static dev.flyteinfra.core.manifest.Workload.mount;
import static dev.flyteinfra.core.manifest.Workload.port;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.ComponentSettings;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;

/**
 * FlyteScheduler: its service account, config and a Deployment of one pod at a time (a second
 * scheduler would fire schedules twice), which checks the database before it runs.
 */
final class SchedulerComponent extends CoreComponent {
  static final String COMPONENT = "flytescheduler";

  SchedulerComponent(CoreContext context) {
    super(context);
  }

  @Override
  List<HasMetadata> objects() {
    String serviceAccount = plan.componentName(COMPONENT);
    ComponentSettings settings = d.components().flytescheduler();
    ConfigMap scheduler = configMap(plan.nameWith("scheduler-config"), COMPONENT, config.scheduler());
    String image = image(COMPONENT);
    List<VolumeMount> mounts = List.of(mount("db-pass", Plan.DB_PASSWORD_DIR), mount("config", CoreConfig.CONFIG_DIR));
    return List.of(serviceAccount(COMPONENT, serviceAccount), scheduler, workload(COMPONENT, plan.nameWith(COMPONENT), serviceAccount)
        .checksum(scheduler.getMetadata().getName(), scheduler.getData())
        .initContainers(List.of(Workloads.waitForDb(plan.images().waitForDb(), d.database()),
            container("flytescheduler-check", image, List.of("flytescheduler", "precheck", "--config", CoreConfig.CONFIG_DIR + "/*.yaml"),
                mounts, Workloads.resources("10m", "32Mi", "128Mi")).build()))
        .container(container(COMPONENT, image, List.of("flytescheduler", "run", "--config", CoreConfig.CONFIG_DIR + "/*.yaml"),
                withAuthMounts(mounts), Workloads.resources(settings.resources()))
            .withPorts(port("http-metrics", CoreConfig.METRICS))
            .withReadinessProbe(metricsReadiness())
            .withLivenessProbe(metricsLiveness())
            .build())
        .volumes(withServiceClientSecret(List.of(dbPassword(),
            KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(), scheduler.getMetadata().getName()))))
        .singleton(settings));
  }
}
