package dev.flyteinfra.core.plugins;

import dev.flyteinfra.core.config.PluginConfig;
import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.TaskPlugins.ConnectorPlugin;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The FlyteConnector: a Deployment serving Flyte's connector gRPC API on port
 * {@value PluginConfig#CONNECTOR_PORT}, its Service and service account, as the official
 * flyteconnector chart renders them, hardened like every Flyte pod here (restricted security
 * context, no service account token, liveness probe, a PodDisruptionBudget with more than one
 * replica). It runs in every cluster that runs FlytePropeller, whose connector-service plugin
 * calls it.
 */
public final class FlyteConnector {
  /** The component label and file name of the connector's objects. */
  public static final String COMPONENT = "flyteconnector";
  /** Where connectors read their credentials, as the chart mounts them. */
  public static final String SECRETS_DIR = "/etc/secrets";
  private static final String PORT_NAME = "connector-grpc";

  private FlyteConnector() {}

  /** {@code <name>-flyteconnector} ({@code flyteconnector} as the charts name it), the name of each of its objects. */
  public static String name(Plan plan) {
    return plan.componentName(COMPONENT);
  }

  /** The Service as {@code <name>.<namespace>}, for the connector-service plugin's endpoint. */
  public static String service(Plan plan) {
    return name(plan) + "." + plan.namespace();
  }

  /**
   * The connector's objects, or none when the deployment has no connector.
   *
   * @param defaultImage the image when the deployment names none: its generation's
   * @param command how that generation's connector image starts
   */
  public static List<HasMetadata> render(Plan plan, String defaultImage, List<String> command) {
    Optional<ConnectorPlugin> settings = plan.deployment().plugins().connector();
    if (settings.isEmpty()) {
      return List.of();
    }
    ConnectorPlugin connector = settings.get();
    String name = name(plan);
    Map<String, String> selector = plan.labels().selector(COMPONENT, COMPONENT);
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(new ServiceAccountBuilder().withMetadata(meta(plan)).withAutomountServiceAccountToken(false).build());
    objects.add(KubeObjects.clusterIpService(meta(plan), selector,
        List.of(KubeObjects.servicePort(PORT_NAME, PluginConfig.CONNECTOR_PORT, PORT_NAME))));
    List<VolumeMount> mounts = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    connector.secret().ifPresent(secret -> {
      volumes.add(KubeObjects.secretVolume("secrets", secret));
      mounts.add(new VolumeMountBuilder().withName("secrets").withMountPath(SECRETS_DIR).withReadOnly(true).build());
    });
    objects.add(new DeploymentBuilder()
        .withMetadata(meta(plan))
        .withNewSpec()
          .withReplicas(connector.replicas())
          .withNewSelector().withMatchLabels(selector).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(plan.labels().standard(COMPONENT, COMPONENT)).endMetadata()
            .withNewSpec()
              .withServiceAccountName(name)
              .withAutomountServiceAccountToken(false)
              .withSecurityContext(Workloads.restrictedPodSecurityContext())
              .withContainers(new ContainerBuilder()
                  .withName(COMPONENT)
                  .withImage(connector.image().orElse(defaultImage))
                  .withImagePullPolicy("IfNotPresent")
                  .withCommand(command)
                  .addNewPort().withName(PORT_NAME).withContainerPort(PluginConfig.CONNECTOR_PORT).withProtocol("TCP").endPort()
                  .withReadinessProbe(grpcProbe(1, 3))
                  .withLivenessProbe(grpcProbe(30, 6))
                  .withVolumeMounts(mounts)
                  .withResources(Workloads.resources(connector.resources()))
                  .withSecurityContext(Workloads.restrictedContainerSecurityContext())
                  .build())
              .withVolumes(volumes)
            .endSpec()
          .endTemplate()
        .endSpec()
        .build());
    if (connector.replicas() > 1) {
      objects.add(new PodDisruptionBudgetBuilder().withMetadata(meta(plan))
          .withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector().withMatchLabels(selector).endSelector().endSpec()
          .build());
    }
    return objects;
  }

  /** The gRPC health check the connector serves, as the chart probes it. */
  private static Probe grpcProbe(int initialDelaySeconds, int failureThreshold) {
    GRPCAction grpc = new GRPCAction();
    grpc.setPort(PluginConfig.CONNECTOR_PORT);
    return new ProbeBuilder().withGrpc(grpc).withInitialDelaySeconds(initialDelaySeconds).withPeriodSeconds(10)
        .withFailureThreshold(failureThreshold).build();
  }

  private static ObjectMeta meta(Plan plan) {
    return new ObjectMetaBuilder().withName(name(plan)).withNamespace(plan.namespace())
        .withLabels(plan.labels().standard(COMPONENT, COMPONENT)).build();
  }
}
