package dev.flyteinfra.core.flytecore;

import dev.flyteinfra.core.flytecore.CoreComponent.CoreContext;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableS3Storage;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/** A core deployment on S3 and the lookups the component tests share. */
final class CoreFixtures {
  private CoreFixtures() {}

  static ImmutableFlyteDeployment.Builder core() {
    return FlyteDeployment.builder()
        .name("flyte")
        .topology(Topology.CORE)
        .database(PostgresDatabase.builder().host("db.example.com").passwordSecret(SecretKeyRef.of("flyte-db", "password")).build())
        .storage(ObjectStore.builder().metadataBucket("flyte-metadata").s3(ImmutableS3Storage.builder().region("us-east-1").build()).build());
  }

  static CoreContext context(FlyteDeployment deployment) {
    return CoreContext.of(Plan.of(deployment));
  }

  static List<String> kinds(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }

  static Deployment deployment(List<HasMetadata> objects) {
    return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
  }

  static Container container(Deployment deployment, String name) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals(name))
        .findFirst().orElseThrow();
  }

  static List<String> initContainers(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getInitContainers().stream().map(Container::getName).toList();
  }
}
