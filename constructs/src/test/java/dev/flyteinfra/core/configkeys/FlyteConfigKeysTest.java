package dev.flyteinfra.core.configkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlyteConfigKeysTest {
  private static final FlyteConfigKeys KEYS = FlyteConfigKeys.flyte1();
  private static final Set<String> ADMIN = Set.of("flyteadmin/cmd");

  @Test
  void theCarriedListKnowsFlytesSectionsAndTheirReaders() {
    assertThat(KEYS.kind("task_resources.defaults.ephemeralStorage")).contains("quantity");
    assertThat(KEYS.kind("Task_Resources.Defaults.CPU")).as("case-insensitive").contains("quantity");
    assertThat(KEYS.sections().get("webhook")).containsExactlyInAnyOrder("cmd", "flytepropeller/cmd/controller");
  }

  @Test
  void aMisplacedOrMisspeltKeyNamesTheKeyMeant() {
    var problems = KEYS.problems(Map.of("task_resources", Map.of("defaults", Map.of("storage", "1Gi")),
        "storage", Map.of("cahce", Map.of("max_size_mbs", 10))), ADMIN);

    assertThat(problems).extracting(Object::toString).containsExactlyInAnyOrder(
        "task_resources.defaults.storage: is not a key Flyte reads (did you mean task_resources.defaults.ephemeralStorage?)",
        "storage.cahce: is not a key Flyte reads (did you mean storage.cache?)");
  }

  @Test
  void valuesAreCheckedAgainstTheirKind() {
    var problems = KEYS.problems(Map.of("propeller", Map.of("workflow-reeval-duration", 30, "gc-interval", "12h",
        "workers", "many"), "plugins", Map.of("k8s", Map.of("default-env-vars", List.of(Map.of("A", "b"))))),
        Set.of("flytepropeller/cmd/controller"));

    assertThat(problems).extracting(Object::toString).containsExactlyInAnyOrder(
        "propeller.workflow-reeval-duration: is a duration such as 30s or 1h30m (a bare number is read as nanoseconds), not 30",
        "propeller.workers: is an int, not 'many'");
  }

  @Test
  void aSectionNoneOfTheReadersReadsIsSaidSo() {
    assertThat(KEYS.problems(Map.of("webhook", Map.of("certDir", "/etc/webhook/certs")), ADMIN)).extracting(Object::toString)
        .containsExactly("webhook: is a section read by [cmd, flytepropeller/cmd/controller], not by [flyteadmin/cmd]");
  }

  @Test
  void theFlyte2ListKnowsTheV2SectionsAndTheirReaders() {
    FlyteConfigKeys v2 = FlyteConfigKeys.flyte2();

    assertThat(v2).isSameAs(FlyteConfigKeys.flyte2()).isNotSameAs(KEYS);
    assertThat(v2.kind("runs.database.postgres.passwordPath")).contains("string");
    assertThat(v2.kind("Runs.Server.Port")).as("case-insensitive").contains("int");
    assertThat(v2.kind("plugins.k8s.default-tolerations[]")).contains("k8s:io.k8s.api.core.v1.Toleration");
    assertThat(v2.sections().get("runs")).containsExactlyInAnyOrder("manager/cmd", "runs/cmd");
    assertThat(v2.binaries()).containsExactlyInAnyOrder("manager/cmd", "runs/cmd", "actions/cmd", "executor/cmd",
        "events/cmd", "secret/cmd", "cache_service/cmd", "dataproxy/cmd");
    // Flyte 1's sections that Flyte 2 no longer reads.
    assertThat(v2.kind("propeller")).isEmpty();
    assertThat(v2.kind("admin.endpoint")).isEmpty();
    assertThat(v2.kind("task_resources")).isEmpty();
  }

  @Test
  void theFlyte2ListChecksAFlyte2Config() {
    Set<String> binary = Set.of("manager/cmd");
    var problems = FlyteConfigKeys.flyte2().problems(Map.of(
        "runs", Map.of("server", Map.of("port", 8090), "storagePrefx", "s3://b"),
        "webhook", Map.of("secretManagerType", "Vaultt"),
        "propeller", Map.of("workers", 4),
        "executor", Map.of("requeueDuration", 10)), binary);

    assertThat(problems).extracting(Object::toString).containsExactlyInAnyOrder(
        "runs.storagePrefx: is not a key Flyte reads (did you mean runs.storagePrefix?)",
        "webhook.secretManagerType: is one of [AWS, Azure, Embedded, GCP, Global, K8s, Vault, aws, azure, embedded, gcp,"
            + " global, k8s, vault], not 'Vaultt'",
        "propeller: is not a key Flyte reads",
        "executor.requeueDuration: is a duration such as 30s or 1h30m (a bare number is read as nanoseconds), not 10");
    assertThat(FlyteConfigKeys.flyte2().problems(Map.of("runs", Map.of("server", Map.of("port", 8090))), Set.of("executor/cmd")))
        .extracting(Object::toString).containsExactly("runs: is a section read by [manager/cmd, runs/cmd], not by [executor/cmd]");
  }

  @Test
  void forVersionPicksTheListOfTheMajorVersion() {
    assertThat(FlyteConfigKeys.forVersion("1.16.8")).isSameAs(FlyteConfigKeys.flyte1());
    assertThat(FlyteConfigKeys.forVersion("v1.15.0")).isSameAs(FlyteConfigKeys.flyte1());
    assertThat(FlyteConfigKeys.forVersion("2.0.42")).isSameAs(FlyteConfigKeys.flyte2());
    assertThat(FlyteConfigKeys.forVersion("v2.1.0")).isSameAs(FlyteConfigKeys.flyte2());
    assertThat(FlyteConfigKeys.forVersion("2")).isSameAs(FlyteConfigKeys.flyte2());
    for (String unknown : new String[] {"3.0.0", "0.9", "12.0.1", "latest", "", "v", null}) {
      assertThatThrownBy(() -> FlyteConfigKeys.forVersion(unknown)).as(String.valueOf(unknown))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no config key list for Flyte version");
    }
  }
}
