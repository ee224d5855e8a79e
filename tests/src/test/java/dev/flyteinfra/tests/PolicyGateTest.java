package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every synthesized workload passes the policy gate; the official chart does not. */
class PolicyGateTest {
  private static final PolicyGate GATE = new PolicyGate();

  static Stream<Path> examples() {
    return Repo.gateConfigs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyWorkloadPassesThePolicy(Path example) {
    List<ObjectNode> objects = Repo.objects(Repo.synthesize(example));

    assertThat(GATE.evaluate(objects)).isEmpty();
  }

  @Test
  void theOfficialEksStarterRenderingFailsTheSameGate() {
    List<PolicyGate.Finding> findings = GATE.evaluate(Repo.chart("flyte-binary-eks-starter.yaml"));

    // The chart leaves the image at latest, and sets no security context and no resources on
    // either container of its Deployment.
    assertThat(findings).extracting(PolicyGate.Finding::toString).containsExactlyInAnyOrder(
        "tagNotSpecified @ Deployment/flyte-backend-flyte-binary container flyte",
        "runAsRootAllowed @ Deployment/flyte-backend-flyte-binary container flyte",
        "runAsRootAllowed @ Deployment/flyte-backend-flyte-binary container wait-for-db",
        "privilegeEscalationAllowed @ Deployment/flyte-backend-flyte-binary container flyte",
        "privilegeEscalationAllowed @ Deployment/flyte-backend-flyte-binary container wait-for-db",
        "insecureCapabilities @ Deployment/flyte-backend-flyte-binary container flyte",
        "insecureCapabilities @ Deployment/flyte-backend-flyte-binary container wait-for-db",
        "cpuRequestsMissing @ Deployment/flyte-backend-flyte-binary container flyte",
        "cpuRequestsMissing @ Deployment/flyte-backend-flyte-binary container wait-for-db",
        "memoryRequestsMissing @ Deployment/flyte-backend-flyte-binary container flyte",
        "memoryRequestsMissing @ Deployment/flyte-backend-flyte-binary container wait-for-db",
        "memoryLimitsMissing @ Deployment/flyte-backend-flyte-binary container flyte",
        "memoryLimitsMissing @ Deployment/flyte-backend-flyte-binary container wait-for-db",
        "seccompRuntimeDefault @ Deployment/flyte-backend-flyte-binary container flyte",
        "seccompRuntimeDefault @ Deployment/flyte-backend-flyte-binary container wait-for-db",
        "capabilitiesDropAll @ Deployment/flyte-backend-flyte-binary container flyte",
        "capabilitiesDropAll @ Deployment/flyte-backend-flyte-binary container wait-for-db");
  }

  @Test
  void aCredentialInAConfigMapIsCaught() {
    List<ObjectNode> objects = Repo.objects(Repo.synthesize(Repo.EXAMPLES.resolve("binary-aws.yaml")));
    ObjectNode config = objects.stream().filter(o -> o.path("data").has("002-database.yaml")).findFirst().orElseThrow();
    ((ObjectNode) config.path("data")).put("002-database.yaml",
        "database:\n  postgres:\n    password: hunter2\nwebhook:\n  secretManagerType: AWS\n");

    assertThat(GATE.evaluate(objects)).extracting(PolicyGate.Finding::toString)
        .containsExactly("configMapPlaintextCredential @ ConfigMap/flyte-aws-config 002-database.yaml database.postgres.password");
  }

  @Test
  void aTemplatedCredentialIsCaughtWhenItsValueIsWrittenInTheConfig() {
    List<ObjectNode> objects = Repo.objects(Repo.synthesize(Repo.EXAMPLES.resolve("sandbox.yaml")));
    assertThat(GATE.evaluate(objects)).isEmpty();
    ObjectNode config = objects.stream().filter(o -> o.path("data").has("000-core.yaml")).findFirst().orElseThrow();
    String core = config.path("data").path("000-core.yaml").asText();
    assertThat(core).contains("env: AWS_SECRET_ACCESS_KEY");
    ((ObjectNode) config.path("data")).put("000-core.yaml", core.replaceAll("valueFrom:\\s+env: AWS_SECRET_ACCESS_KEY", "value: hunter2"));

    assertThat(GATE.evaluate(objects)).extracting(PolicyGate.Finding::target)
        .containsExactly("ConfigMap/sandbox-cluster-resource-templates 004_storage_credentials.yaml stringData.FLYTE_AWS_SECRET_ACCESS_KEY");
  }
}
