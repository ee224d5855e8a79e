package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.flytecore.CoreFixtures.container;
import static dev.flyteinfra.core.flytecore.CoreFixtures.context;
import static dev.flyteinfra.core.flytecore.CoreFixtures.core;
import static dev.flyteinfra.core.flytecore.CoreFixtures.deployment;
import static dev.flyteinfra.core.flytecore.CoreFixtures.initContainers;
import static dev.flyteinfra.core.flytecore.CoreFixtures.kinds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.flytecore.CoreComponent.CoreContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncResourcesComponentTest {
  @Test
  void syncResourcesRunsAsFlyteAdminAndAppliesItsTemplates() {
    // GIVEN a core deployment and FlyteAdmin's cluster-resource templates
    CoreContext context = context(core().build());

    // WHEN syncresources is rendered
    List<HasMetadata> objects = new SyncResourcesComponent(context,
        context.configMap("flyte-clusterresource-template", "flyteadmin", Map.of("001.yaml", "kind: Namespace"))).objects();

    // THEN a singleton with FlyteAdmin's service account mounts the templates and rolls when they or its config change
    assertThat(kinds(objects)).containsExactly("ConfigMap/flyte-clusterresourcesync-config", "Deployment/flyte-syncresources");
    Deployment sync = deployment(objects);
    assertThat(sync.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("flyte-flyteadmin");
    assertThat(sync.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(sync.getSpec().getTemplate().getMetadata().getAnnotations()).containsOnlyKeys("checksum/config", "checksum/templates");
    assertThat(container(sync, "syncresources").getVolumeMounts()).anySatisfy(mount ->
        assertThat(mount.getMountPath()).isEqualTo(CoreConfig.TEMPLATES_DIR));
  }
}
