package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.flytecore.CoreFixtures.container;
import static dev.flyteinfra.core.flytecore.CoreFixtures.context;
import static dev.flyteinfra.core.flytecore.CoreFixtures.core;
import static dev.flyteinfra.core.flytecore.CoreFixtures.deployment;
import static dev.flyteinfra.core.flytecore.CoreFixtures.initContainers;
import static dev.flyteinfra.core.flytecore.CoreFixtures.kinds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.flytecore.CoreComponent.CoreContext;
import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.model.ImmutableProject;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminComponentTest {
  @Test
  void flyteAdminMigratesSeedsAndSyncsBeforeItServes() {
    // GIVEN a core deployment with one project, and the cluster-resource templates
    CoreContext context = context(core().addProjects(ImmutableProject.builder().name("ml").build()).build());
    ConfigMap templates = context.configMap("flyte-clusterresource-template", "flyteadmin", Map.of("001.yaml", "kind: Namespace"));

    // WHEN FlyteAdmin is rendered
    List<HasMetadata> objects = new AdminComponent(context, templates).objects();

    // THEN its RBAC and config come before the Deployment and its Service
    assertThat(kinds(objects)).containsExactly("ServiceAccount/flyte-flyteadmin", "ClusterRole/flyte-flyte-flyteadmin",
        "ClusterRoleBinding/flyte-flyte-flyteadmin", "ConfigMap/flyte-admin-base-config", "ConfigMap/flyte-admin-clusters-config",
        "ConfigMap/flyte-clusterresource-template", "Deployment/flyte-flyteadmin", "Service/flyte-flyteadmin");
    Deployment admin = deployment(objects);
    assertThat(initContainers(admin)).containsExactly("wait-for-db", "run-migrations", "seed-projects", "sync-cluster-resources");
    assertThat(admin.getSpec().getTemplate().getSpec().getInitContainers().get(2).getCommand()).endsWith("seed-projects", "ml");
    assertThat(container(admin, "flyteadmin").getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactly("http:8088", "grpc:8089", "http-metrics:10254");
    // every config it reads rolls the pods when it changes
    assertThat(admin.getSpec().getTemplate().getMetadata().getAnnotations()).containsOnlyKeys(
        "checksum/flyte-admin-base-config", "checksum/flyte-admin-clusters-config", "checksum/flyte-clusterresource-template");
    assertThat(admin.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()).isNotNull();
  }

  @Test
  void flyteAdminsRoleAlsoCoversThePluginTemplatesAndTheChartsRules() {
    // GIVEN a core deployment
    CoreContext context = context(core().build());

    // WHEN FlyteAdmin's rules are listed
    var rules = new AdminComponent(context, KubeObjects.configMap(context.meta("t", "flyteadmin"), Map.of())).adminRules();

    // THEN the chart's rule on namespaces and their contents comes first
    assertThat(rules.get(0).getResources()).contains("namespaces", "resourcequotas", "flyteworkflows");
    assertThat(rules.get(0).getVerbs()).containsExactly("*");
  }
}
