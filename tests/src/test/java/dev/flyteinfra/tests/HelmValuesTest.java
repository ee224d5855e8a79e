package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flyteinfra.core.binary.BinaryHelmValues;
import dev.flyteinfra.core.flytecore.CoreHelmValues;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableAuth;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart values written by {@code helm-values}, against the charts' own default values (every
 * key a knob of the chart) and their example values: flyte-binary's EKS and GKE starters,
 * flyte-core's values-eks (the same settings for the same deployment). The chart's templates are not on this machine (../shared/reference holds
 * its renderings and values files only), so the values are not rendered with helm here.
 */
class HelmValuesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Subtrees whose keys are the user's, not the chart's: free-form maps and lists of Kubernetes objects. */
  private static final List<String> FREE_FORM = List.of(
      "configuration.inline", "clusterResourceTemplates.inline", "serviceAccount.annotations", "ingress.commonAnnotations",
      "ingress.httpAnnotations", "ingress.grpcAnnotations", "deployment.podLabels", "deployment.securityContext",
      // Documented in the chart's values.yaml as a commented-out example (deployment.resources).
      "deployment.resources",
      // Kubernetes objects: probes, the wait-for-db container's and the pod's security contexts.
      "deployment.livenessProbe", "deployment.readinessProbe", "deployment.waitForDB.securityContext", "deployment.podSecurityContext",
      "enabled_plugins.tasks.task-plugins.default-for-task-types");

  /** flyte-core's free-form subtrees: Flyte config files, Kubernetes objects, annotations and labels. */
  private static final List<String> CORE_FREE_FORM = List.of("configmap", "common.ingress.annotations",
      "common.ingress.separateGrpcIngressAnnotations", "cluster_resource_manager.config", "workflow_notifications.config", "storage.custom");
  private static final List<String> CORE_COMPONENT_FREE_FORM = List.of("serviceAccount.annotations", "podLabels", "resources",
      "serviceMonitor.labels", "securityContext", "affinity", "strategy", "livenessProbe", "readinessProbe");
  /** Knobs the chart reads that its default values leave out, as the inventory of ../shared/reference lists them (3.6, 3.7). */
  private static final List<String> CORE_DOCUMENTED = List.of("db.admin.database.passwordPath", "db.admin.database.options",
      "db.datacatalog.database.passwordPath", "db.datacatalog.database.options", "common.ingress.host", "common.ingress.tls.secretName",
      "storage.gcs.projectId");

  static Stream<Path> coreConfigs() {
    return Repo.gateConfigs().filter(path -> CoreHelmValues.problems(Repo.load(path)).isEmpty());
  }

  private static boolean coreFreeForm(String path) {
    return CORE_FREE_FORM.stream().anyMatch(free -> path.equals(free) || path.startsWith(free + "."))
        || CORE_COMPONENT_FREE_FORM.stream().anyMatch(free -> path.matches("[a-z_]+\\." + java.util.regex.Pattern.quote(free) + "(\\..*)?"));
  }

  @ParameterizedTest
  @MethodSource("coreConfigs")
  void everyFlyteCoreValueIsAKnobOfTheChart(Path config) {
    JsonNode defaults = Repo.readYaml(Repo.CHARTS.resolve("values/flyte-core-values.yaml"));
    JsonNode ours = JSON.valueToTree(CoreHelmValues.of(Plan.of(Repo.load(config))));
    List<String> unknown = new ArrayList<>();
    coreLeaves(ours, "", unknown, defaults);
    assertThat(unknown).as(config.getFileName().toString()).isEmpty();
  }

  private static void coreLeaves(JsonNode node, String path, List<String> unknown, JsonNode defaults) {
    if (!path.isEmpty() && coreFreeForm(path)) {
      return;
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> coreLeaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), unknown, defaults));
    } else if (!CORE_DOCUMENTED.contains(path) && defaults.at("/" + path.replace(".", "/")).isMissingNode()) {
      unknown.add(path);
    }
  }

  @Test
  void theEksValuesSettingsAreReproducedForTheSameDeployment() {
    JsonNode eks = Repo.readYaml(Repo.CHARTS.resolve("values/flyte-core-values-eks.yaml"));
    JsonNode ours = JSON.valueToTree(CoreHelmValues.of(Plan.of(Repo.load(Repo.EXAMPLES.resolve("core-aws.yaml")))));

    for (String key : List.of("/flyteadmin/replicaCount", "/datacatalog/replicaCount", "/flytepropeller/replicaCount",
        "/flytepropeller/manager", "/storage/type", "/db/admin/database/port", "/db/admin/database/username", "/db/admin/database/dbname",
        "/configmap/core/propeller/workers", "/configmap/core/propeller/max-workflow-retries", "/configmap/enabled_plugins",
        "/workflow_scheduler/enabled", "/workflow_scheduler/type", "/cluster_resource_manager/enabled", "/common/ingress/separateGrpcIngress",
        "/common/ingress/separateGrpcIngressAnnotations", "/flytepropeller/resources/limits/memory", "/flytepropeller/resources/requests/memory")) {
      assertThat(ours.at(key)).as(key).isEqualTo(eks.at(key));
    }
    assertThat(ours.at("/flytepropeller/resources/limits/cpu").asText()).isEqualTo(eks.at("/flytepropeller/resources/limits/cpu").asText());
    assertThat(ours.at("/flyteadmin/serviceAccount/annotations/eks.amazonaws.com~1role-arn").asText())
        .isEqualTo(eks.at("/flyteadmin/serviceAccount/annotations/eks.amazonaws.com~1role-arn").asText()
            .replace("{{ .Values.userSettings.accountNumber }}", "123456789012"));
    // The same per-domain quotas and task role reach the namespaces through the same customData keys.
    assertThat(ours.at("/cluster_resource_manager/config/cluster_resources/customData").toString())
        .contains("projectQuotaCpu", "projectQuotaMemory", "defaultIamRole");
    // Deliberately different: no Secret with a known client secret, the password file as the Secret's key names it.
    assertThat(ours.at("/secrets/adminOauthClientCredentials/enabled").asBoolean()).isFalse();
    assertThat(ours.at("/db/admin/database/passwordPath").asText()).isEqualTo("/etc/db/password");
  }

  @Test
  void flyteCoreSignInReadsYourSecretsAndKeepsTheChartsGeneratedKeys() {
    JsonNode ours = JSON.valueToTree(CoreHelmValues.of(Plan.of(Repo.load(Repo.ROOT.resolve("tests/src/test/resources/gate/core-auth-external.yaml")))));

    assertThat(ours.at("/configmap/adminServer/auth/appAuth/authServerType").asText()).isEqualTo("External");
    assertThat(ours.at("/configmap/adminServer/auth/userAuth/openId/clientSecretFile").asText()).isEqualTo("/etc/flyte/oidc/client_secret");
    assertThat(ours.at("/configmap/adminServer/server/security/useAuth").asBoolean()).isTrue();
    assertThat(ours.at("/flyteadmin/additionalVolumes/0/secret/secretName").asText()).isEqualTo("flyte-oidc");
    assertThat(ours.at("/configmap/admin/admin/clientSecretLocation").asText()).isEqualTo("/etc/secrets/client_secret");
    assertThat(ours.at("/secrets/adminOauthClientCredentials/secretName").asText()).isEqualTo("flyte-propeller-auth");
    assertThat(ours.at("/secrets/adminOauthClientCredentials/enabled").asBoolean()).isFalse();
  }

  static Stream<Path> binaryConfigs() {
    return Repo.gateConfigs().filter(path -> {
      FlyteDeployment deployment = Repo.load(path);
      return BinaryHelmValues.problems(deployment).isEmpty();
    });
  }

  private static JsonNode values(Path config) {
    return JSON.valueToTree(BinaryHelmValues.of(Plan.of(Repo.load(config))));
  }

  private static Map<String, JsonNode> leaves(JsonNode node, String path, Map<String, JsonNode> into) {
    if (node.isObject() && !FREE_FORM.contains(path)) {
      node.fields().forEachRemaining(e -> leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), into));
    } else {
      into.put(path, node);
    }
    return into;
  }

  @ParameterizedTest
  @MethodSource("binaryConfigs")
  void everyValueIsAKnobOfTheChart(Path config) {
    JsonNode defaults = Repo.readYaml(Repo.CHARTS.resolve("values/flyte-binary-values.yaml"));
    List<String> unknown = new ArrayList<>();
    leaves(values(config), "", new TreeMap<>()).keySet().forEach(path -> {
      if (!FREE_FORM.contains(path) && defaults.at("/" + path.replace(".", "/")).isMissingNode()) {
        unknown.add(path);
      }
    });
    assertThat(unknown).as(config.getFileName().toString()).isEmpty();
  }

  @Test
  void theEksStarterSettingsAreReproducedForTheSameDeployment() {
    Map<String, JsonNode> starter = leaves(Repo.readYaml(Repo.CHARTS.resolve("values/flyte-binary-eks-starter.yaml")), "", new TreeMap<>());
    Map<String, JsonNode> ours = leaves(values(Repo.EXAMPLES.resolve("binary-aws.yaml")), "", new TreeMap<>());

    assertThat(ours).containsEntry("configuration.logging.plugins.cloudwatch.enabled", starter.get("configuration.logging.plugins.cloudwatch.enabled"))
        .containsEntry("configuration.storage.provider", starter.get("configuration.storage.provider"))
        .containsEntry("configuration.storage.providerConfig.s3.authType", starter.get("configuration.storage.providerConfig.s3.authType"))
        .containsEntry("configuration.database.dbname", starter.get("configuration.database.dbname"))
        .containsEntry("configuration.logging.level", starter.get("configuration.logging.level"))
        .containsEntry("ingress.create", starter.get("ingress.create"))
        .containsEntry("ingress.ingressClassName", starter.get("ingress.ingressClassName"))
        .containsEntry("serviceAccount.create", starter.get("serviceAccount.create"));
    // The starter's CloudWatch link, with its placeholders filled in as the example fills them.
    assertThat(ours.get("configuration.logging.plugins.cloudwatch.templateUri").asText()).isEqualTo(
        starter.get("configuration.logging.plugins.cloudwatch.templateUri").asText()
            .replace("<AWS_REGION>", "us-east-1").replace("<EKS_CLUSTER_NAME>", "flyte"));
    // The task role reaches the namespaces' default service account through the same customData key.
    assertThat(ours.get("configuration.inline").at("/cluster_resources/customData/0/development/0/defaultIamRole/value").asText())
        .startsWith("arn:aws:iam::");
    assertThat(starter.get("configuration.inline").at("/cluster_resources/customData/0/production/0").has("defaultIamRole")).isTrue();
    // Deliberately different: the password is a file from a Secret, never a value.
    assertThat(ours).doesNotContainKey("configuration.database.password")
        .containsEntry("configuration.database.passwordPath", JSON.valueToTree("/etc/db/pass.txt"));
  }

  @Test
  void theGkeStarterSettingsAreReproducedForTheSameDeployment() {
    Map<String, JsonNode> starter = leaves(Repo.readYaml(Repo.CHARTS.resolve("values/flyte-binary-gke-starter.yaml")), "", new TreeMap<>());
    Map<String, JsonNode> ours = leaves(values(Repo.EXAMPLES.resolve("binary-gcp.yaml")), "", new TreeMap<>());

    for (String key : List.of("configuration.storage.provider", "configuration.storage.providerConfig.gcs.project",
        "configuration.storage.metadataContainer", "configuration.storage.userDataContainer", "configuration.logging.plugins.stackdriver.enabled",
        "configuration.database.username", "configuration.database.dbname")) {
      if (!starter.get(key).asText().startsWith("<")) {
        assertThat(ours.get(key)).as(key).isEqualTo(starter.get(key));
      }
      assertThat(ours).as(key).containsKey(key);
    }
    // The starter's Stackdriver link (which it wraps in quotes), with the example's project.
    assertThat(ours.get("configuration.logging.plugins.stackdriver.templateUri").asText()).isEqualTo(
        starter.get("configuration.logging.plugins.stackdriver.templateUri").asText().strip().replace("\"", "")
            .replace("<GCP_PROJECT_ID>", "my-organization-gcp-project"));
    assertThat(ours.get("serviceAccount.annotations").has("iam.gke.io/gcp-service-account")).isTrue();
    assertThat(ours.get("configuration.inline").at("/cluster_resources/customData/0/development/0").has("defaultIamServiceAccount")).isTrue();
  }

  @Test
  void whatTheFlyteCoreChartCannotExpressIsListedWithFieldPaths() {
    assertThat(CoreHelmValues.problems(Repo.load(Repo.EXAMPLES.resolve("binary-aws.yaml")))).extracting(Problem::path).containsExactly("topology");
    assertThat(CoreHelmValues.problems(Repo.load(Repo.EXAMPLES.resolve("core-multicluster.yaml")))).extracting(Problem::path)
        .containsExactly("multiCluster");
    assertThat(CoreHelmValues.problems(Repo.load(Repo.EXAMPLES.resolve("onprem.yaml")))).extracting(Problem::path)
        .contains("database.inCluster", "storage.minio");
  }

  @Test
  void whatTheChartCannotExpressIsListedWithFieldPaths() {
    assertThat(BinaryHelmValues.problems(Repo.load(Repo.EXAMPLES.resolve("core-aws.yaml")))).extracting(Problem::path).containsExactly("topology");
    assertThat(BinaryHelmValues.problems(Repo.load(Repo.EXAMPLES.resolve("onprem.yaml")))).extracting(Problem::path)
        .contains("database.inCluster");
    FlyteDeployment withAuth = Repo.load(Repo.ROOT.resolve("tests/src/test/resources/gate/binary-auth.yaml"));
    FlyteDeployment twoSecrets = ImmutableFlyteDeployment.copyOf(withAuth).withAuth(ImmutableAuth.copyOf(withAuth.auth().orElseThrow())
        .withServiceClientSecret(SecretKeyRef.of("flyte-propeller-auth", "client_secret")));
    assertThat(BinaryHelmValues.problems(withAuth)).isEmpty();
    assertThat(BinaryHelmValues.problems(twoSecrets)).extracting(Problem::path).containsExactly("auth.clientSecret");
  }

  @Test
  void signInUsesTheChartsKnobsAndItsSecretOfClientSecrets() {
    JsonNode auth = values(Repo.ROOT.resolve("tests/src/test/resources/gate/binary-auth.yaml")).at("/configuration/auth");

    assertThat(auth.path("enabled").asBoolean()).isTrue();
    assertThat(auth.path("enableAuthServer").asBoolean()).isTrue();
    assertThat(auth.at("/oidc/baseUrl").asText()).isEqualTo("https://idp.example.com/oauth2/default");
    assertThat(auth.at("/internal/clientSecretHash").asText()).startsWith("JDJhJDEw");
    assertThat(auth.path("clientSecretsExternalSecretRef").asText()).isEqualTo("flyte-client-secrets");
    assertThat(auth.at("/oidc/clientSecret").isMissingNode()).as("no secret in the values").isTrue();
  }
}
