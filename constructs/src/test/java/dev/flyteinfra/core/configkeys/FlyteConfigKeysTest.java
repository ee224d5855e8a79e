package dev.flyteinfra.core.configkeys;

import static org.assertj.core.api.Assertions.assertThat;

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
}
