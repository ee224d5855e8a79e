package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.manifest.Manifest;
import dev.flyteinfra.core.manifest.ManifestWriter;
import dev.flyteinfra.core.plugins.OperatorInstall;
import dev.flyteinfra.stacks.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Task plugins against the official charts (the plugin config of flyte-core with every optional
 * plugin, the flyteconnector chart), and what they add around Flyte: RBAC on the operators'
 * resources, Spark's namespace templates, the connector beside every FlytePropeller, and the
 * operators from their own releases. The gate (schema, policy, determinism) runs over the
 * examples and fixtures that enable them.
 */
class TaskPluginsTest {
  private static final Path BINARY_PLUGINS = Repo.ROOT.resolve("tests/src/test/resources/gate/binary-plugins.yaml");
  private static final Path FLEET_PLUGINS = Repo.ROOT.resolve("tests/src/test/resources/gate/core-multicluster-plugins.yaml");
  /** flyte-core on S3 with the plugins the official chart's all-optional rendering enables. */
  private static final String CORE_ALL_PLUGINS = """
      name: flyte
      topology: core
      database: {host: db.example.com, passwordSecret: {name: flyte-db, key: password}}
      storage: {metadataBucket: flyte-metadata, s3: {region: us-east-1}}
      plugins: {spark: {}, ray: {}, dask: {}, pytorch: {}, tensorflow: {}, mpi: {}}
      """;

  private static Map<String, String> propellerConfig(List<ObjectNode> objects) {
    return FlyteConfigView.flatten(objects, name -> name.endsWith("propeller-config") ? "propeller" : null);
  }

  private static List<ObjectNode> objects(Manifest manifest) {
    return new ArrayList<>(manifest.objects().stream().map(ManifestWriter::toTree).toList());
  }

  private static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  private static ObjectNode named(List<ObjectNode> objects, String kind, String name) {
    return ofKind(objects, kind).stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  @Test
  void operatorPluginsAreEnabledAndConfiguredAsTheOfficialChartEnablesThem() {
    Map<String, String> chart = propellerConfig(Repo.chart("flyte-core-eks-all-optional.yaml"));
    Map<String, String> ours = propellerConfig(objects(FlyteManifests.synthesize(ConfigLoader.parse(CORE_ALL_PLUGINS))));
    List<String> keys = chart.keySet().stream()
        .filter(key -> key.startsWith("propeller:tasks.task-plugins.") || key.startsWith("propeller:plugins.spark.")).toList();

    assertThat(keys).contains("propeller:tasks.task-plugins.enabled-plugins", "propeller:plugins.spark.spark-config-default");
    for (String key : keys) {
      assertThat(ours.get(key)).as(key).isEqualTo(chart.get(key));
    }
    assertThat(ours).containsEntry("propeller:plugins.ray.ttlSecondsAfterFinished", "3600");
  }

  @Test
  void withoutPluginsOnlyTheDefaultOnesAreEnabled() {
    Map<String, String> chart = propellerConfig(Repo.chart("flyte-core-eks.yaml"));
    Map<String, String> ours = propellerConfig(Repo.objects(Repo.synthesize(Repo.EXAMPLES.resolve("core-aws.yaml"))));

    assertThat(ours.get("propeller:tasks.task-plugins.enabled-plugins"))
        .isEqualTo(chart.get("propeller:tasks.task-plugins.enabled-plugins"))
        .isEqualTo("[\"connector-service\", \"container\", \"echo\", \"k8s-array\", \"sidecar\"]");
    assertThat(ours.keySet()).noneMatch(key -> key.startsWith("propeller:plugins.spark"));
  }

  @Test
  void sparkTakesTheUsersPropertiesOverTheDefaults() {
    Map<String, String> ours = FlyteConfigView.flatten(Repo.objects(Repo.synthesize(BINARY_PLUGINS)),
        name -> name.equals("flyte-plugins-config") ? "binary" : null);
    String spark = ours.get("binary:plugins.spark.spark-config-default");

    assertThat(spark).contains("{\"spark.executor.memory\":\"4g\"}", "{\"spark.kubernetes.allocation.batch.size\":\"20\"}")
        .doesNotContain("{\"spark.kubernetes.allocation.batch.size\":\"50\"}")
        .contains("{\"spark.hadoop.fs.s3a.aws.credentials.provider\":\"com.amazonaws.auth.DefaultAWSCredentialsProviderChain\"}");
    assertThat(ours).containsEntry("binary:plugins.ray.ttlSecondsAfterFinished", "600")
        .containsEntry("binary:tasks.task-plugins.default-for-task-types.bigquery_query_job_task", "connector-service");
  }

  @Test
  void sparkOnGcsAndMinioGetsTheirStoresConnector() {
    Map<String, String> gcs = propellerConfig(objects(FlyteManifests.synthesizeClusters(Repo.load(FLEET_PLUGINS)).get("dp-a")));
    Map<String, String> minio = propellerConfig(Repo.objects(Repo.synthesize(Repo.EXAMPLES.resolve("onprem.yaml"))));

    assertThat(gcs.get("propeller:plugins.spark.spark-config-default"))
        .contains("{\"spark.hadoop.fs.gs.impl\":\"com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem\"}").doesNotContain("s3a");
    assertThat(minio.get("propeller:plugins.spark.spark-config-default"))
        .contains("{\"spark.hadoop.fs.s3a.endpoint\":\"http://onprem-minio.flyte.svc.cluster.local:9000\"}", "{\"spark.hadoop.fs.s3a.path.style.access\":\"true\"}",
            "{\"spark.hadoop.fs.s3a.connection.ssl.enabled\":\"false\"}");
  }

  @Test
  void theConnectorRunsAsTheOfficialChartRunsItButHardened() {
    List<ObjectNode> chart = Repo.chart("flyteconnector-upstream.yaml");
    List<ObjectNode> ours = Repo.objects(Repo.synthesize(BINARY_PLUGINS));
    JsonNode theirs = ofKind(chart, "Deployment").get(0).path("spec").path("template").path("spec").path("containers").get(0);
    ObjectNode deployment = named(ours, "Deployment", "flyte-plugins-flyteconnector");
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);

    assertThat(container.path("command")).isEqualTo(theirs.path("command"));
    assertThat(container.path("image").asText()).isEqualTo(theirs.path("image").asText());
    assertThat(container.path("ports").get(0).path("containerPort")).isEqualTo(theirs.path("ports").get(0).path("containerPort"));
    assertThat(container.path("ports").get(0).path("name")).isEqualTo(theirs.path("ports").get(0).path("name"));
    assertThat(container.path("readinessProbe").path("grpc").path("port")).isEqualTo(theirs.path("readinessProbe").path("grpc").path("port"));
    assertThat(container.path("resources").path("requests").path("cpu")).isEqualTo(theirs.path("resources").path("requests").path("cpu"));
    assertThat(container.path("resources").path("limits").path("memory")).isEqualTo(theirs.path("resources").path("limits").path("memory"));
    assertThat(container.path("volumeMounts").get(0).path("mountPath")).isEqualTo(theirs.path("volumeMounts").get(0).path("mountPath"));
    assertThat(pod.path("volumes").get(0).path("secret").path("secretName").asText()).isEqualTo("connector-credentials");
    // Hardened where the chart is not: no token, non-root, all capabilities dropped, a liveness probe.
    assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(container.path("securityContext").path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(container.has("livenessProbe")).isTrue();
    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(named(ours, "PodDisruptionBudget", "flyte-plugins-flyteconnector")).isNotNull();
    assertThat(named(ours, "Service", "flyte-plugins-flyteconnector").path("spec").path("ports").get(0).path("port").asInt())
        .isEqualTo(ofKind(chart, "Service").get(0).path("spec").path("ports").get(0).path("port").asInt());
  }

  @Test
  void flyteCallsTheConnectorAsTheOfficialChartConfiguresIt() {
    Map<String, String> chart = FlyteConfigView.flatten(Repo.chart("flyte-binary-eks-auth-connector.yaml"),
        name -> name.endsWith("flyte-binary-config") ? "binary" : null);
    Map<String, String> ours = FlyteConfigView.flatten(Repo.objects(Repo.synthesize(BINARY_PLUGINS)),
        name -> name.equals("flyte-plugins-config") ? "binary" : null);
    List<String> keys = chart.keySet().stream().filter(key -> key.startsWith("binary:plugins.connector-service.")).toList();

    assertThat(keys).hasSizeGreaterThan(3);
    for (String key : keys) {
      if (key.endsWith(".endpoint")) {
        assertThat(ours.get(key)).isEqualTo("k8s://flyte-plugins-flyteconnector.flyte:8000");
      } else {
        assertThat(ours.get(key)).as(key).isEqualTo(chart.get(key));
      }
    }
    assertThat(ours).containsEntry("binary:plugins.connector-service.supportedTaskTypes", "[\"bigquery_query_job_task\"]");
  }

  @Test
  void flytePropellerMayManageTheEnabledOperatorsResources() {
    JsonNode withPlugins = ofKind(Repo.objects(Repo.synthesize(BINARY_PLUGINS)), "ClusterRole").get(0).path("rules");
    JsonNode without = ofKind(Repo.objects(Repo.synthesize(Repo.EXAMPLES.resolve("binary-aws.yaml"))), "ClusterRole").get(0).path("rules");

    List<String> granted = new ArrayList<>();
    withPlugins.forEach(rule -> rule.path("resources").forEach(resource ->
        granted.add(rule.path("apiGroups").get(0).asText() + "/" + resource.asText())));
    assertThat(granted).contains("sparkoperator.k8s.io/sparkapplications", "ray.io/rayjobs", "kubernetes.dask.org/daskjobs",
        "kubeflow.org/pytorchjobs", "kubeflow.org/tfjobs", "kubeflow.org/mpijobs",
        "rbac.authorization.k8s.io/roles", "rbac.authorization.k8s.io/rolebindings", "/persistentvolumeclaims");
    assertThat(without.toString()).doesNotContain("sparkoperator", "kubeflow.org", "rolebindings");
  }

  @Test
  void sparkDriversGetARoleInEveryProjectDomainNamespace() {
    List<ObjectNode> objects = Repo.objects(Repo.synthesize(BINARY_PLUGINS));
    JsonNode templates = named(objects, "ConfigMap", "flyte-plugins-cluster-resource-templates").path("data");
    List<ObjectNode> rendered = new ArrayList<>();
    templates.fields().forEachRemaining(file -> rendered.addAll(Repo.documents(file.getValue().asText()
        .replace("{{ namespace }}", "flytesnacks-development")
        .replace("{{ defaultIamRole }}", "arn:aws:iam::123456789012:role/flyte-tasks"))));

    assertThat(rendered).allSatisfy(object -> assertThat(KubernetesSchema.get().validate(object)).as(Repo.describe(object)).isEmpty());
    ObjectNode role = named(rendered, "Role", "spark-role");
    assertThat(role.path("rules").get(0).path("resources").toString()).contains("pods", "services", "configmaps");
    ObjectNode binding = named(rendered, "RoleBinding", "spark-role-binding");
    assertThat(binding.path("subjects").findValuesAsText("name")).containsExactly("spark", "default");
    assertThat(named(rendered, "ServiceAccount", "spark").path("metadata").path("annotations").path("eks.amazonaws.com/role-arn").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/flyte-tasks");
  }

  @Test
  void theConnectorRunsBesideEveryFlytePropeller() {
    Map<String, Manifest> clusters = FlyteManifests.synthesizeClusters(Repo.load(FLEET_PLUGINS));
    Map<String, List<String>> connectors = clusters.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> e.getValue().objects().stream().filter(o -> o.getMetadata().getName().equals("fleet-flyteconnector"))
            .map(o -> o.getKind()).sorted().toList(), (a, b) -> a, TreeMap::new));

    assertThat(connectors).containsEntry("control-plane", List.of())
        .containsEntry("dp-a", List.of("Deployment", "Service", "ServiceAccount"))
        .containsEntry("dp-b", List.of("Deployment", "Service", "ServiceAccount"));
  }

  @Test
  void theOperatorsComeFromTheirOwnReleasesPinned() {
    SortedMap<String, String> files = Repo.synthesize(Repo.EXAMPLES.resolve("onprem.yaml"));
    JsonNode chart = Repo.documents(files.get(OperatorInstall.CHART)).get(0);
    JsonNode training = Repo.documents(files.get(OperatorInstall.TRAINING_OPERATOR)).get(0);
    var kustomizationSchema = com.networknt.schema.SchemaRegistry.withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_7)
        .getSchema(Repo.readYaml(Repo.REFERENCE.resolve("schemas/kustomization.json")));

    assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
    assertThat(chart.path("dependencies").findValuesAsText("name")).containsExactly("spark-operator", "kuberay-operator");
    assertThat(chart.path("dependencies").findValuesAsText("version")).allMatch(version -> version.matches("\\d+\\.\\d+\\.\\d+"));
    assertThat(chart.path("dependencies").findValuesAsText("repository")).allMatch(url -> url.startsWith("https://"));
    assertThat(training.path("resources").get(0).asText()).contains("kubeflow/training-operator", "ref=v1.7.0");
    assertThat(kustomizationSchema.validate(training)).isEmpty();
    assertThat(Repo.synthesize(BINARY_PLUGINS)).doesNotContainKey(OperatorInstall.CHART);
  }
}
