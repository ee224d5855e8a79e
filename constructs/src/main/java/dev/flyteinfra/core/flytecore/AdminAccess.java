package dev.flyteinfra.core.flytecore;

import dev.flyteinfra.core.manifest.KubeObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;

/**
 * In a data plane, what the control plane's FlyteAdmin uses to reach it: a service account with
 * FlyteAdmin's cluster role, and a token Secret that Kubernetes fills in for it.
 */
final class AdminAccess extends CoreComponent {
  static final String COMPONENT = "flyteadmin-access";

  AdminAccess(CoreContext context) {
    super(context);
  }

  @Override
  List<HasMetadata> objects() {
    String name = plan.componentName(AdminComponent.COMPONENT);
    ObjectMeta token = meta(plan.nameWith("flyteadmin-token"), COMPONENT);
    token.setAnnotations(Map.of("kubernetes.io/service-account.name", name));
    return List.of(
        serviceAccount(COMPONENT, name),
        KubeObjects.clusterRole(meta(clusterScoped(AdminComponent.COMPONENT), COMPONENT), adminRules()),
        KubeObjects.clusterRoleBinding(meta(clusterScoped(AdminComponent.COMPONENT), COMPONENT), name, plan.namespace()),
        new SecretBuilder().withMetadata(token).withType("kubernetes.io/service-account-token").build());
  }
}
