package dev.flyteinfra.core.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableS3Storage;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryTopologyTest {
  private static Deployment deployment(List<HasMetadata> objects) {
    return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
  }

  @Test
  void theBinaryIsOneHardenedPodAtATimeThatRollsWhenItsConfigChanges() {
    // GIVEN a binary deployment on S3
    FlyteDeployment d = FlyteDeployment.builder()
        .name("flyte")
        .topology(Topology.BINARY)
        .database(PostgresDatabase.builder().host("db.example.com").passwordSecret(SecretKeyRef.of("flyte-db", "password")).build())
        .storage(ObjectStore.builder().metadataBucket("flyte-metadata").s3(ImmutableS3Storage.builder().region("us-east-1").build()).build())
        .build();

    // WHEN the binary topology is rendered
    Deployment binary = deployment(BinaryTopology.render(Plan.of(d)));

    // THEN one pod, replaced rather than rolled (it holds propeller's and the scheduler's loops), hardened, after the database answers
    assertThat(binary.getMetadata().getName()).isEqualTo("flyte");
    assertThat(binary.getSpec().getReplicas()).isEqualTo(1);
    assertThat(binary.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(binary.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsOnlyKeys("checksum/configuration", "checksum/cluster-resource-templates");
    PodSpec pod = binary.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("flyte");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getAffinity()).as("one pod: nothing to spread").isNull();
    assertThat(pod.getInitContainers()).extracting(Container::getName).containsExactly("wait-for-db");
    Container flyte = pod.getContainers().get(0);
    assertThat(flyte.getCommand()).as("the image's entry point").isEmpty();
    assertThat(flyte.getArgs()).containsExactly("start", "--config", Plan.CONFIG_DIR + "/*.yaml");
    assertThat(flyte.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactly("http:" + BinaryConfig.HTTP_PORT, "grpc:" + BinaryConfig.GRPC_PORT, "webhook:" + BinaryConfig.WEBHOOK_PORT);
    assertThat(flyte.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(flyte.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getReadOnly())
        .containsExactly("config:true", "cluster-resource-templates:true", "db-pass:true", "state:null");
    assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("config", "cluster-resource-templates", "db-pass", "state");
  }
}
