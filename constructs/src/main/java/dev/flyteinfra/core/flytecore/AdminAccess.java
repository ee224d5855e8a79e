package dev.flyteinfra.core.flytecore;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.ArrayList;
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
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount(COMPONENT, name));
    objects.addAll(clusterRole(AdminComponent.COMPONENT, COMPONENT, name, adminRules()));
    objects.add(new SecretBuilder().withMetadata(token).withType("kubernetes.io/service-account-token").build());
    return objects;
  }
}
