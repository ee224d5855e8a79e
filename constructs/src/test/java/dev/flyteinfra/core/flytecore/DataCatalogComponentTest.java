package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.flytecore.CoreFixtures.container;
import static dev.flyteinfra.core.flytecore.CoreFixtures.context;
import static dev.flyteinfra.core.flytecore.CoreFixtures.core;
import static dev.flyteinfra.core.flytecore.CoreFixtures.deployment;
import static dev.flyteinfra.core.flytecore.CoreFixtures.initContainers;
import static dev.flyteinfra.core.flytecore.CoreFixtures.kinds;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataCatalogComponentTest {
  @Test
  void dataCatalogMigratesBeforeItServesGrpcOnPort89() {
    // GIVEN a core deployment
    // WHEN DataCatalog is rendered
    List<HasMetadata> objects = new DataCatalogComponent(context(core().build())).objects();

    // THEN its Deployment waits for the database and migrates, and its Service maps 89 to the gRPC port
    assertThat(kinds(objects)).containsExactly("ServiceAccount/flyte-datacatalog", "ConfigMap/flyte-datacatalog-config",
        "Deployment/flyte-datacatalog", "Service/flyte-datacatalog");
    Deployment catalog = deployment(objects);
    assertThat(initContainers(catalog)).containsExactly("wait-for-db", "run-migrations");
    assertThat(container(catalog, "datacatalog").getCommand()).endsWith("serve");
    assertThat(((Service) objects.get(3)).getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort().getStrVal())
        .containsExactly("grpc:89->grpc", "http-metrics:10254->http-metrics");
  }
}
