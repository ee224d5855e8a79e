package dev.flyteinfra.core.flyte2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.ImmutableIngressSettings;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class Flyte2NetworkTest {
  private static List<HasMetadata> render(dev.flyteinfra.core.model.FlyteDeployment d) {
    return Flyte2Topology.render(Plan.of(d));
  }

  private static NetworkPolicy policy(List<HasMetadata> objects, String name) {
    return objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
        .filter(p -> p.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }

  private static NetworkPolicyIngressRule onPort(NetworkPolicy policy, int port) {
    return policy.getSpec().getIngress().stream().filter(r -> r.getPorts().get(0).getPort().getIntVal() == port).findFirst().orElseThrow();
  }

  @Test
  void theApiAdmitsFlytesNamespacesAndTheIngressControllerOnly() {
    var d = Flyte2Fixtures.binary().withIngress(ImmutableIngressSettings.builder().host("flyte.example.com")
        .controllerNamespace("ingress-nginx").addSourceCidrs("10.0.0.0/16").build());
    NetworkPolicy binary = policy(render(d), "flyte-binary");

    NetworkPolicyIngressRule api = onPort(binary, 8090);
    assertThat(api.getFrom()).extracting(peer -> peer.getNamespaceSelector() == null ? "cidr:" + peer.getIpBlock().getCidr()
            : peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
        .containsExactly("flyte", "flyte-tasks", "ingress-nginx", "cidr:10.0.0.0/16");
    assertThat(onPort(binary, 9443).getFrom()).as("the API server calls the webhook").isNull();
    assertThat(onPort(binary, 9444).getFrom()).hasSize(1);
  }

  @Test
  void withoutAnIngressTheApiAdmitsOnlyFlytesOwnPods() {
    NetworkPolicy binary = policy(render(Flyte2Fixtures.binary()), "flyte-binary");
    assertThat(onPort(binary, 8090).getFrom()).hasSize(2);
    assertThat(render(Flyte2Fixtures.binary())).noneMatch(Ingress.class::isInstance);
  }

  @Test
  void theIngressRoutesTheConsoleAndTheConnectServicesByPrefix() {
    var d = Flyte2Fixtures.binary().withIngress(ImmutableIngressSettings.builder().host("flyte.example.com")
        .controllerNamespace("ingress-nginx").build());
    Ingress ingress = render(d).stream().filter(Ingress.class::isInstance).map(Ingress.class::cast).findFirst().orElseThrow();
    List<HTTPIngressPath> paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();

    assertThat(paths).allSatisfy(path -> assertThat(path.getPathType()).isEqualTo("Prefix"));
    assertThat(paths).filteredOn(p -> p.getPath().equals("/v2")).singleElement()
        .satisfies(p -> assertThat(p.getBackend().getService().getName()).isEqualTo("flyte-console"));
    assertThat(paths).extracting(HTTPIngressPath::getPath).contains("/flyteidl2.workflow.RunService",
        "/flyteidl2.dataproxy.DataProxyService", "/.well-known/oauth-authorization-server", "/flyteidl2.auth.AuthMetadataService");
    assertThat(paths).hasSize(1 + Flyte2Network.API_SERVICES.size() + Flyte2Network.DISCOVERY_PATHS.size());
  }

  @Test
  void aSandboxAlwaysHasAnIngressOnTheClustersDefaultClass() {
    Ingress ingress = render(Flyte2Fixtures.sandbox()).stream().filter(Ingress.class::isInstance).map(Ingress.class::cast)
        .findFirst().orElseThrow();
    assertThat(ingress.getSpec().getIngressClassName()).isNull();
    assertThat(ingress.getSpec().getRules().get(0).getHost()).isNull();
  }
}
