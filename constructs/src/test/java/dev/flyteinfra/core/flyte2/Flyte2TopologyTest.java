package dev.flyteinfra.core.flyte2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class Flyte2TopologyTest {
  private final List<HasMetadata> objects = Flyte2Topology.render(Plan.of(Flyte2Fixtures.binary()));

  private <T extends HasMetadata> T named(Class<T> kind, String name) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).filter(o -> o.getMetadata().getName().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
  }

  @Test
  void theBinaryIsOneHardenedPodThatIsReadyOnlyWhenItsChecksPass() {
    Deployment binary = named(Deployment.class, "flyte");

    assertThat(binary.getSpec().getReplicas()).isEqualTo(1);
    assertThat(binary.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(binary.getSpec().getTemplate().getMetadata().getAnnotations()).containsOnlyKeys("checksum/configuration");
    PodSpec pod = binary.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("flyte");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container flyte = pod.getContainers().get(0);
    assertThat(flyte.getImage()).isEqualTo("cr.flyte.org/flyteorg/flyte-binary-v2:v2.0.42");
    assertThat(flyte.getArgs()).containsExactly("--config", Plan.CONFIG_DIR + "/*.yaml");
    assertThat(flyte.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactly("http:8090", "webhook:9443", "cache-internal:9444");
    assertThat(flyte.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(flyte.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(flyte.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(flyte.getResources().getLimits()).containsKey("memory");
    assertThat(flyte.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(pod.getInitContainers()).extracting(Container::getName).containsExactly("wait-for-db");
    assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("config", "db-pass", "webhook-certs");
  }

  @Test
  void theConsoleRunsItsPinnedImageWithoutAKubernetesToken() {
    Deployment console = named(Deployment.class, "flyte-console");
    PodSpec pod = console.getSpec().getTemplate().getSpec();

    assertThat(pod.getContainers().get(0).getImage()).isEqualTo(Flyte2Fixtures.CONSOLE);
    assertThat(pod.getContainers().get(0).getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v2");
    assertThat(pod.getServiceAccountName()).isEqualTo("flyte-console");
    assertThat(named(ServiceAccount.class, "flyte-console").getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void tasksRunInTheirOwnNamespaceAsTheirOwnServiceAccountWithTheTaskIdentity() {
    Namespace tasks = named(Namespace.class, "flyte-tasks");
    ServiceAccount account = named(ServiceAccount.class, "flyte-task");

    assertThat(tasks.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "baseline")
        .containsEntry("pod-security.kubernetes.io/warn", "restricted");
    assertThat(account.getMetadata().getNamespace()).isEqualTo("flyte-tasks");
    assertThat(account.getAutomountServiceAccountToken()).isFalse();
    assertThat(account.getMetadata().getAnnotations())
        .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/flyte-tasks");
    assertThat(named(ServiceAccount.class, "flyte").getMetadata().getAnnotations())
        .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/flyte");
  }

  @Test
  void theServicesAreTheChartsWithTheSecretCacheHeadless() {
    assertThat(named(Service.class, "flyte-http").getSpec().getPorts().get(0).getPort()).isEqualTo(8090);
    assertThat(named(Service.class, "flyte-console").getSpec().getPorts().get(0).getPort()).isEqualTo(80);
    assertThat(named(Service.class, "flyte-webhook").getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(9443);
    Service headless = named(Service.class, "flyte-webhook-headless");
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getPorts().get(0).getPort()).isEqualTo(9444);
  }

  @Test
  void theConfigNamesThisDeploymentsTaskNamespaceServiceAccountAndBucket() {
    var config = Flyte2Config.sections(Plan.of(Flyte2Fixtures.binary()));
    assertThat(config).containsOnlyKeys("000-core.yaml", "001-plugins.yaml", "002-database.yaml", "003-storage.yaml");
    var core = config.get("000-core.yaml");
    assertThat(core).extractingByKey("executor").isEqualTo(java.util.Map.of("defaultK8sServiceAccount", "flyte-task"));
    assertThat(core.get("runs").toString()).contains("storagePrefix=s3://flyte-data");
    assertThat(core.get("webhook").toString()).contains("namespaceSelector={matchLabels={kubernetes.io/metadata.name=flyte-tasks}}");
    assertThat(config.get("002-database.yaml").toString()).contains("passwordPath=" + Plan.DB_PASSWORD_DIR + "/" + Plan.DB_PASSWORD_FILE);
  }
}
