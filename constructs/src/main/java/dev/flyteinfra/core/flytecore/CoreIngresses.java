package dev.flyteinfra.core.flytecore;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.model.IngressSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Ingresses of the control plane: the console's and FlyteAdmin's HTTP paths, FlyteAdmin's gRPC
 * services, and with multi-cluster DataCatalog's gRPC service for the data planes — in one Ingress,
 * or HTTP and gRPC apart when the settings ask for it.
 */
final class CoreIngresses extends CoreComponent {
  private final IngressSettings settings;

  CoreIngresses(CoreContext context, IngressSettings settings) {
    super(context);
    this.settings = settings;
  }

  @Override
  List<HasMetadata> objects() {
    String admin = CoreNames.admin(plan);
    List<HTTPIngressPath> http = new ArrayList<>(KubeObjects.ingressPaths(KubeObjects.CONSOLE_PATHS, plan.nameWith(ConsoleComponent.COMPONENT), 80));
    http.addAll(KubeObjects.ingressPaths(KubeObjects.ADMIN_HTTP_PATHS, admin, CoreConfig.ADMIN_SERVICE_HTTP));
    List<HTTPIngressPath> grpc = new ArrayList<>(KubeObjects.ingressPaths(KubeObjects.grpcPaths(), admin, CoreConfig.ADMIN_SERVICE_GRPC));
    // Data planes reach DataCatalog at catalogEndpoint: route its gRPC service there, on Flyte's host
    // when it is the same (or the Ingress matches every host), else on a rule of its own.
    Optional<String> catalogHost = d.multiCluster().map(multi -> endpointHost(multi.catalogEndpoint()));
    List<HTTPIngressPath> catalog = catalogHost.isEmpty() ? List.of() : KubeObjects.ingressPaths(
        KubeObjects.grpcPaths(List.of(KubeObjects.DATACATALOG_GRPC_SERVICE)), CoreNames.datacatalog(plan), CoreConfig.CATALOG_SERVICE_GRPC);
    Optional<String> ownCatalogHost = catalogHost.filter(host -> settings.host().isPresent() && !settings.host().get().equalsIgnoreCase(host));
    if (ownCatalogHost.isEmpty()) {
      grpc.addAll(catalog);
    }
    Ingress grpcIngress;
    List<HasMetadata> ingresses = new ArrayList<>();
    if (!settings.separateGrpc()) {
      http.addAll(grpc);
      grpcIngress = KubeObjects.ingress(meta(plan.name(), "ingress"), settings, http, settings.httpAnnotations());
    } else {
      ingresses.add(KubeObjects.ingress(meta(plan.nameWith("http"), "ingress"), settings, http, settings.httpAnnotations()));
      grpcIngress = KubeObjects.ingress(meta(plan.nameWith("grpc"), "ingress"), settings, grpc, settings.grpcAnnotations());
    }
    ownCatalogHost.ifPresent(host -> KubeObjects.withHost(grpcIngress, settings, host, catalog));
    ingresses.add(grpcIngress);
    return ingresses;
  }

  /** The host of a gRPC endpoint: {@code host:port}, {@code dns:///host:port} or a URL. */
  static String endpointHost(String endpoint) {
    String host = endpoint.contains("://") ? endpoint.substring(endpoint.indexOf("://") + 3) : endpoint;
    host = host.replaceFirst("^/+", "");
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    int colon = host.lastIndexOf(':');
    return colon >= 0 ? host.substring(0, colon) : host;
  }
}
