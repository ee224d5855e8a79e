package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.flytecore.CoreFixtures.context;
import static dev.flyteinfra.core.flytecore.CoreFixtures.core;
import static dev.flyteinfra.core.flytecore.CoreFixtures.kinds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.ImmutableIngressSettings;
import dev.flyteinfra.core.model.IngressSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreIngressesTest {
  private static List<String> routes(Ingress ingress) {
    return ingress.getSpec().getRules().get(0).getHttp().getPaths().stream()
        .map(HTTPIngressPath::getPath).toList();
  }

  private static String service(Ingress ingress, String path) {
    return ingress.getSpec().getRules().get(0).getHttp().getPaths().stream().filter(p -> p.getPath().equals(path))
        .findFirst().orElseThrow().getBackend().getService().getName();
  }

  @Test
  void oneIngressRoutesTheConsoleAndFlyteAdminsHttpAndGrpc() {
    // GIVEN ingress settings on one host, gRPC not kept apart
    IngressSettings settings = ImmutableIngressSettings.builder().host("flyte.example.com").separateGrpc(false).build();

    // WHEN the Ingresses are rendered
    List<HasMetadata> objects = new CoreIngresses(context(core().ingress(settings).build()), settings).objects();

    // THEN one Ingress named after the deployment sends /console to the console and the rest to FlyteAdmin
    assertThat(kinds(objects)).containsExactly("Ingress/flyte");
    Ingress ingress = (Ingress) objects.get(0);
    assertThat(service(ingress, "/console")).isEqualTo("flyte-flyteconsole");
    assertThat(service(ingress, "/api")).isEqualTo("flyte-flyteadmin");
    assertThat(service(ingress, "/flyteidl.service.AdminService/*")).isEqualTo("flyte-flyteadmin");
  }

  @Test
  void separateGrpcGivesHttpAndGrpcAnIngressEach() {
    // GIVEN ingress settings that keep gRPC apart (as an ALB needs)
    IngressSettings settings = ImmutableIngressSettings.builder().host("flyte.example.com").separateGrpc(true).build();

    // WHEN the Ingresses are rendered
    List<HasMetadata> objects = new CoreIngresses(context(core().ingress(settings).build()), settings).objects();

    // THEN the HTTP one has no gRPC path and the gRPC one only gRPC paths
    assertThat(kinds(objects)).containsExactly("Ingress/flyte-http", "Ingress/flyte-grpc");
    assertThat(routes((Ingress) objects.get(0))).contains("/console", "/api").noneMatch(path -> path.startsWith("/flyteidl"));
    assertThat(routes((Ingress) objects.get(1))).allMatch(path -> path.startsWith("/flyteidl") || path.startsWith("/grpc.health"));
  }
}
