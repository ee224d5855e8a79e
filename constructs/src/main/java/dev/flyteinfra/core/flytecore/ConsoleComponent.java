package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.manifest.KubeObjects.servicePort;
import static dev.flyteinfra.core.manifest.Workload.container;
import static dev.flyteinfra.core.manifest.Workload.port;
import static dev.flyteinfra.core.manifest.Workload.writable;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workload;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.ComponentSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;

/** FlyteConsole: its service account, its environment as a ConfigMap, the Deployment and its Service on port 80. */
final class ConsoleComponent extends CoreComponent {
  static final String COMPONENT = "flyteconsole";

  ConsoleComponent(CoreContext context) {
    super(context);
  }

  /** The console's readiness probe, on its port (also what the flyte-core Helm values set). */
  static Probe readiness() {
    return KubeObjects.tcpProbe(CoreConfig.CONSOLE, 5, 3);
  }

  /** The console's liveness probe, on its port (also what the flyte-core Helm values set). */
  static Probe liveness() {
    return KubeObjects.tcpProbe(CoreConfig.CONSOLE, 15, 6);
  }

  @Override
  List<HasMetadata> objects() {
    String name = plan.nameWith(COMPONENT);
    ComponentSettings settings = d.components().flyteconsole();
    ConfigMap console = configMap(plan.nameWith("console-config"), COMPONENT, config.console());
    Workload workload = workload(COMPONENT, name, name)
        .checksum(console.getMetadata().getName(), console.getData())
        .container(container(COMPONENT, plan.images().console(), List.of(), List.of(writable("shared-data", "/srv/flyte")),
                Workloads.resources(settings.resources()))
            .withCommand()
            .addNewEnvFrom().withNewConfigMapRef().withName(console.getMetadata().getName()).endConfigMapRef().endEnvFrom()
            .withPorts(port("http", CoreConfig.CONSOLE))
            .withReadinessProbe(readiness())
            .withLivenessProbe(liveness())
            .build())
        .volumes(List.of(KubeObjects.emptyDir("shared-data")));
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount(COMPONENT, name));
    objects.add(console);
    objects.add(workload.deployment(settings));
    objects.add(KubeObjects.clusterIpService(meta(name, COMPONENT), selector(COMPONENT), List.of(servicePort("http", 80, "http"))));
    objects.addAll(workload.availability(name, settings));
    return objects;
  }
}
