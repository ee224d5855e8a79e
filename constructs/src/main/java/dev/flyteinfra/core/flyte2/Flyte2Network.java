package dev.flyteinfra.core.flyte2;

import dev.flyteinfra.core.config.PluginConfig;
import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.model.ImmutableIngressSettings;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.core.plugins.FlyteConnector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Who reaches Flyte 2. The binary checks no tokens, so its API must be reachable only through the
 * Ingress (where sign-in belongs) and from Flyte's own pods: NetworkPolicies admit the API and
 * console ports from Flyte's namespace, the task namespace (task pods call the API) and the
 * Ingress's sources, the webhook port from anywhere (the API server calls it), the secret-cache
 * port from Flyte's namespace, the connector's from the binary only. The Ingress routes the console's base path and the Connect services
 * by path prefix, which every controller reads alike.
 */
final class Flyte2Network {
  /** The Connect services of Flyte 2's API that clients call through the Ingress (as the chart routes them). */
  static final List<String> API_SERVICES = List.of(
      "flyteidl2.workflow.RunService", "flyteidl2.workflow.RunLogsService", "flyteidl2.task.TaskService",
      "flyteidl2.workflow.TranslatorService", "flyteidl2.dataproxy.DataProxyService", "flyteidl2.cluster.ClusterService",
      "flyteidl2.secret.SecretService", "flyteidl2.project.ProjectService", "flyteidl2.app.AppService",
      "flyteidl2.app.AppLogsService", "flyteidl2.trigger.TriggerService", "flyteidl2.auth.IdentityService",
      "flyteidl2.settings.SettingsService");
  /** Where clients discover how to sign in, open even behind a sign-in. */
  static final List<String> DISCOVERY_PATHS = List.of("/.well-known/oauth-authorization-server", "/flyteidl2.auth.AuthMetadataService");

  private Flyte2Network() {}

  /** The Ingress a sandbox always has (the cluster's default class: k3s's Traefik), or the one the deployment asks for. */
  static List<HasMetadata> ingress(Plan plan, BiFunction<String, String, ObjectMeta> meta) {
    Optional<IngressSettings> settings = plan.isSandbox() && plan.deployment().ingress().isEmpty()
        ? Optional.of(ImmutableIngressSettings.builder().build()) : plan.deployment().ingress();
    return settings.<List<HasMetadata>>map(s -> {
      List<HTTPIngressPath> paths = new ArrayList<>(
          KubeObjects.ingressPaths(List.of(Flyte2Topology.CONSOLE_PATH), plan.nameWith(Flyte2Topology.CONSOLE), 80, "Prefix"));
      List<String> api = Stream.concat(API_SERVICES.stream().map(service -> "/" + service), DISCOVERY_PATHS.stream()).toList();
      paths.addAll(KubeObjects.ingressPaths(api, plan.nameWith("http"), Flyte2Config.HTTP_PORT, "Prefix"));
      return List.of(KubeObjects.ingress(meta.apply(plan.name(), "ingress"), s, paths, s.httpAnnotations()));
    }).orElse(List.of());
  }

  static List<HasMetadata> policies(Plan plan, BiFunction<String, String, ObjectMeta> meta) {
    List<NetworkPolicyPeer> flyte = List.of(namespace(plan.namespace()));
    List<NetworkPolicyPeer> api = new ArrayList<>(flyte);
    api.add(namespace(plan.taskNamespace()));
    List<NetworkPolicyPeer> edge = edge(plan);
    api.addAll(edge);
    List<NetworkPolicyPeer> console = new ArrayList<>(flyte);
    console.addAll(edge);
    List<HasMetadata> policies = new ArrayList<>(List.of(
        policy(meta.apply(plan.nameWith("binary"), Flyte2Topology.COMPONENT), plan.labels().selector(Flyte2Topology.APP, Flyte2Topology.COMPONENT),
            List.of(
                rule(Flyte2Config.HTTP_PORT, api),
                // The API server calls the pod webhook from outside the pod network.
                rule(Flyte2Config.WEBHOOK_PORT, List.of()),
                rule(Flyte2Config.CACHE_PORT, flyte))),
        policy(meta.apply(plan.nameWith(Flyte2Topology.CONSOLE), Flyte2Topology.CONSOLE),
            plan.labels().selector(Flyte2Topology.APP, Flyte2Topology.CONSOLE),
            List.of(rule(Flyte2Topology.CONSOLE_PORT, console)))));
    if (plan.deployment().plugins().connector().isPresent()) {
      // Only the binary's connector-service plugin calls the connector.
      NetworkPolicyPeer binary = new NetworkPolicyPeerBuilder().withNewPodSelector()
          .withMatchLabels(plan.labels().selector(Flyte2Topology.APP, Flyte2Topology.COMPONENT)).endPodSelector().build();
      policies.add(policy(meta.apply(FlyteConnector.name(plan), FlyteConnector.COMPONENT),
          plan.labels().selector(FlyteConnector.COMPONENT, FlyteConnector.COMPONENT),
          List.of(rule(PluginConfig.CONNECTOR_PORT, List.of(binary)))));
    }
    return policies;
  }

  /** The Ingress's sources: every namespace in a sandbox, else the controller's namespace and the given ranges. */
  private static List<NetworkPolicyPeer> edge(Plan plan) {
    if (plan.isSandbox()) {
      return List.of(new NetworkPolicyPeerBuilder().withNamespaceSelector(new LabelSelector()).build());
    }
    List<NetworkPolicyPeer> peers = new ArrayList<>();
    plan.deployment().ingress().ifPresent(ingress -> {
      ingress.controllerNamespace().ifPresent(namespace -> peers.add(namespace(namespace)));
      ingress.sourceCidrs().forEach(cidr -> peers.add(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build()));
    });
    return peers;
  }

  private static NetworkPolicyPeer namespace(String name) {
    return new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
        .withMatchLabels(Map.of("kubernetes.io/metadata.name", name)).endNamespaceSelector().build();
  }

  /** Traffic to one port from these peers; from anywhere when there are none. */
  private static NetworkPolicyIngressRule rule(int port, List<NetworkPolicyPeer> from) {
    NetworkPolicyPort target = new NetworkPolicyPort(null, new IntOrString(port), "TCP");
    NetworkPolicyIngressRule rule = new NetworkPolicyIngressRule();
    rule.setPorts(List.of(target));
    rule.setFrom(from.isEmpty() ? null : List.copyOf(from));
    return rule;
  }

  private static HasMetadata policy(ObjectMeta meta, Map<String, String> pods, List<NetworkPolicyIngressRule> rules) {
    return new NetworkPolicyBuilder().withMetadata(meta)
        .withNewSpec().withNewPodSelector().withMatchLabels(pods).endPodSelector()
          .withPolicyTypes("Ingress").withIngress(rules).endSpec()
        .build();
  }
}
