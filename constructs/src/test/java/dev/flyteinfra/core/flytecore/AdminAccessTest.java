package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.flytecore.CoreFixtures.context;
import static dev.flyteinfra.core.flytecore.CoreFixtures.core;
import static dev.flyteinfra.core.flytecore.CoreFixtures.kinds;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminAccessTest {
  @Test
  void aDataPlaneGivesFlyteAdminAServiceAccountWithItsRoleAndAToken() {
    // GIVEN a core deployment
    // WHEN a data plane's access for FlyteAdmin is rendered
    List<HasMetadata> objects = new AdminAccess(context(core().build())).objects();

    // THEN FlyteAdmin's service account gets FlyteAdmin's cluster role and a token Secret Kubernetes fills in
    assertThat(kinds(objects)).containsExactly("ServiceAccount/flyte-flyteadmin", "ClusterRole/flyte-flyte-flyteadmin",
        "ClusterRoleBinding/flyte-flyte-flyteadmin", "Secret/flyte-flyteadmin-token");
    assertThat(((ClusterRole) objects.get(1)).getRules()).isEqualTo(CoreComponent.ADMIN_RULES);
    Secret token = (Secret) objects.get(3);
    assertThat(token.getType()).isEqualTo("kubernetes.io/service-account-token");
    assertThat(token.getMetadata().getAnnotations()).containsEntry("kubernetes.io/service-account.name", "flyte-flyteadmin");
    assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getLabels()).containsValue("flyteadmin-access"));
  }
}
