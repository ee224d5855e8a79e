package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.manifest.KubeObjects.rule;
import static dev.flyteinfra.core.manifest.Workload.container;
import static dev.flyteinfra.core.manifest.Workload.mount;
import static dev.flyteinfra.core.manifest.Workload.port;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workload;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.ComponentSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FlytePropeller: its service account, cluster role and config, and either its Deployment or, with
 * sharding, flytepropeller-manager and the PodTemplate from which it starts one propeller pod per
 * shard.
 */
final class PropellerComponent extends CoreComponent {
  static final String COMPONENT = "flytepropeller";
  static final String MANAGER = "flytepropeller-manager";
  /** Rules of the official chart's flytepropeller ClusterRole (task plugins create arbitrary kinds). */
  static final List<PolicyRule> RULES = List.of(
      rule(List.of(""), List.of("pods"), "get", "list", "watch"),
      rule(List.of(""), List.of("events"), "create", "update", "delete", "patch"),
      rule(List.of("*"), List.of("*"), "get", "list", "watch", "create", "update", "delete", "patch"),
      rule(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"), "get", "list", "watch", "create", "delete", "update"),
      rule(List.of("flyte.lyft.com"), List.of("flyteworkflows", "flyteworkflows/finalizers"),
          "get", "list", "watch", "create", "update", "delete", "patch", "post", "deletecollection"));

  private final ConfigMap propellerConfig;

  /** {@code propellerConfig}: propeller's config, which the pod webhook reads too. */
  PropellerComponent(CoreContext context, ConfigMap propellerConfig) {
    super(context);
    this.propellerConfig = propellerConfig;
  }

  @Override
  List<HasMetadata> objects() {
    String name = plan.nameWith(COMPONENT);
    String serviceAccount = plan.componentName(COMPONENT);
    ComponentSettings settings = d.components().flytepropeller();
    List<Volume> volumes = withServiceClientSecret(
        List.of(KubeObjects.flyteConfig("config", plan.storageCredentialsConfig(), propellerConfig.getMetadata().getName())));
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount(COMPONENT, serviceAccount));
    objects.addAll(clusterRole(COMPONENT, COMPONENT, serviceAccount, RULES));
    objects.add(propellerConfig);
    String checksum = propellerConfig.getMetadata().getName();
    if (d.propeller().sharding().isEmpty()) {
      Workload propeller = workload(COMPONENT, name, serviceAccount).checksum(checksum, propellerConfig.getData())
          .container(propeller(settings)).volumes(volumes);
      objects.add(propeller.deployment(settings));
      objects.addAll(propeller.availability(name, settings));
      return objects;
    }
    // Sharded: flytepropeller-manager starts one propeller pod per shard from this template.
    Workload template = Workload.of(() -> meta(CoreNames.propellerTemplate(plan), COMPONENT), selector(COMPONENT))
        .podLabels(Map.of("app", "flytepropeller"))
        .serviceAccount(serviceAccount)
        .checksum(checksum, propellerConfig.getData())
        .container(propeller(settings))
        .volumes(volumes);
    objects.add(new PodTemplateBuilder()
        .withMetadata(meta(CoreNames.propellerTemplate(plan), COMPONENT))
        .withTemplate(template.podTemplate())
        .build());
    String managerName = plan.nameWith(MANAGER);
    Workload manager = workload(MANAGER, managerName, serviceAccount).checksum(checksum, propellerConfig.getData())
        .container(manager()).volumes(volumes);
    objects.add(manager.deployment(settings));
    objects.addAll(manager.availability(managerName, settings));
    return objects;
  }

  private Container propeller(ComponentSettings settings) {
    List<EnvVar> env = new ArrayList<>(KubeObjects.podIdentityEnv());
    env.addAll(minioEnv());
    return container(COMPONENT, image(COMPONENT), List.of("flytepropeller", "--config", CoreConfig.CONFIG_DIR + "/*.yaml"),
            withAuthMounts(List.of(mount("config", CoreConfig.CONFIG_DIR))), Workloads.resources(settings.resources()))
        .withPorts(port("http-metrics", CoreConfig.METRICS))
        .withEnv(env)
        .withReadinessProbe(metricsReadiness())
        .withLivenessProbe(metricsLiveness())
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
  }

  private Container manager() {
    return container(MANAGER, image(COMPONENT),
            List.of("flytepropeller-manager", "--manager.pod-template-namespace", plan.namespace(), "--config", CoreConfig.CONFIG_DIR + "/*.yaml"),
            List.of(mount("config", CoreConfig.CONFIG_DIR)), Workloads.resources("50m", "128Mi", "256Mi"))
        .withPorts(port("http-metrics", CoreConfig.METRICS))
        .withEnv(KubeObjects.podIdentityEnv())
        .withReadinessProbe(metricsReadiness())
        .withLivenessProbe(metricsLiveness())
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
  }
}
