package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flyteinfra.pulumi.PulumiPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The committed offline plans of the Pulumi programs ({@code cloud/<cloud>/resources.json}):
 * cloud policy over every resource, no secret in plain text, and the Flyte objects the program
 * deploys through the foundation's gate (strict Kubernetes schema, policy, chart parity).
 */
class PulumiPlansTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Cloud sections and the plan file each writes. */
  private static final Map<String, String> PLAN_FILES = Map.of("gcp", "cloud/gcp/resources.json", "azure", "cloud/azure/resources.json");

  static List<Path> plans() {
    try (Stream<Path> files = Files.find(Repo.SYNTH_OUTPUT, 4, (path, attributes) -> path.endsWith("resources.json")
        && path.getParent().getParent().getFileName().toString().equals("cloud"))) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> resources(Path plan) {
    try {
      List<JsonNode> resources = new ArrayList<>();
      JSON.readTree(plan.toFile()).forEach(resources::add);
      return resources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> ofType(Path plan, String type) {
    return resources(plan).stream().filter(r -> r.path("type").asText().equals(type)).toList();
  }

  /** The Kubernetes objects the program deploys, as the gate reads them; a masked Secret's data stays out of it. */
  static List<ObjectNode> kubernetesObjects(Path plan) {
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode resource : resources(plan)) {
      if (resource.path("type").asText().startsWith("kubernetes:")) {
        ObjectNode object = resource.path("inputs").deepCopy();
        object.properties().removeIf(field -> field.getValue().asText().equals(PulumiPlan.SECRET));
        objects.add(object);
      }
    }
    return objects;
  }

  @Test
  void everyExampleWithACloudSectionHasItsPlan() {
    List<String> missing = new ArrayList<>();
    Repo.exampleFiles().forEach((name, config) -> {
      JsonNode tree = Repo.readYaml(config);
      PLAN_FILES.forEach((section, file) -> {
        if (tree.has(section) && !Files.exists(Repo.SYNTH_OUTPUT.resolve(tree.path("name").asText()).resolve(file))) {
          missing.add(name + " → " + file);
        }
      });
    });
    assertThat(plans()).isNotEmpty();
    assertThat(missing).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void noDatabaseIsReachableFromOutsideTheNetwork(Path plan) {
    List<JsonNode> cloudSql = ofType(plan, "gcp:sql/databaseInstance:DatabaseInstance");
    for (JsonNode instance : cloudSql) {
      JsonNode ip = instance.path("inputs").path("settings").path("ipConfiguration");
      assertThat(ip.path("ipv4Enabled").asBoolean(true)).as("public IPv4 of %s", instance.path("name")).isFalse();
      assertThat(ip.path("privateNetwork").asText()).isNotEmpty();
      assertThat(ip.path("authorizedNetworks").size()).isZero();
    }
    List<JsonNode> flexibleServers = ofType(plan, "azure-native:dbforpostgresql:Server");
    for (JsonNode server : flexibleServers) {
      assertThat(server.path("inputs").path("network").path("delegatedSubnetResourceId").asText()).as("private access").isNotEmpty();
    }
    assertThat(ofType(plan, "azure-native:dbforpostgresql:FirewallRule")).as("firewall rules of a private server").isEmpty();
    assertThat(cloudSql.size() + flexibleServers.size()).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void noFirewallRuleOrAuthorizedNetworkOpensToTheInternet(Path plan) {
    for (JsonNode rule : ofType(plan, "gcp:compute/firewall:Firewall")) {
      for (JsonNode range : rule.path("inputs").path("sourceRanges")) {
        assertThat(range.asText()).as("firewall %s", rule.path("name")).startsWith("10.");
      }
    }
    for (JsonNode rule : ofType(plan, "azure-native:network:SecurityRule")) {
      assertThat(rule.path("inputs").path("sourceAddressPrefix").asText()).as("security rule %s", rule.path("name"))
          .isNotIn("*", "Internet", "0.0.0.0/0");
    }
    for (JsonNode cluster : ofType(plan, "gcp:container/cluster:Cluster")) {
      assertThat(cluster.path("inputs").has("masterAuthorizedNetworksConfig")).isTrue();
      for (JsonNode block : cluster.path("inputs").path("masterAuthorizedNetworksConfig").path("cidrBlocks")) {
        assertThat(block.path("cidrBlock").asText()).isNotEqualTo("0.0.0.0/0");
      }
    }
    for (JsonNode cluster : ofType(plan, "azure-native:containerservice:ManagedCluster")) {
      assertThat(cluster.path("inputs").path("apiServerAccessProfile").path("authorizedIPRanges").toString()).doesNotContain("0.0.0.0/0");
      assertThat(cluster.path("inputs").path("disableLocalAccounts").asBoolean()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void bucketsAndContainersAreNotPublicAndNoGrantGoesToEveryone(Path plan) {
    List<JsonNode> buckets = ofType(plan, "gcp:storage/bucket:Bucket");
    assertThat(buckets).allSatisfy(bucket -> {
      assertThat(bucket.path("inputs").path("publicAccessPrevention").asText()).isEqualTo("enforced");
      assertThat(bucket.path("inputs").path("uniformBucketLevelAccess").asBoolean()).isTrue();
    });
    List<JsonNode> containers = ofType(plan, "azure-native:storage:BlobContainer");
    assertThat(containers).allSatisfy(container -> assertThat(container.path("inputs").path("publicAccess").asText()).isEqualTo("None"));
    assertThat(ofType(plan, "azure-native:storage:StorageAccount")).allSatisfy(account ->
        assertThat(account.path("inputs").path("allowBlobPublicAccess").asBoolean(true)).isFalse());
    assertThat(buckets.size() + containers.size()).isPositive();
    for (JsonNode resource : resources(plan)) {
      String member = resource.path("inputs").path("member").asText();
      assertThat(member).as(resource.path("name").asText()).doesNotContain("allUsers").doesNotContain("allAuthenticatedUsers");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void connectionsAreEncryptedWithModernTls(Path plan) {
    for (JsonNode instance : ofType(plan, "gcp:sql/databaseInstance:DatabaseInstance")) {
      assertThat(instance.path("inputs").path("settings").path("ipConfiguration").path("requireSsl").asBoolean()).isTrue();
    }
    if (!ofType(plan, "azure-native:dbforpostgresql:Server").isEmpty()) {
      assertThat(ofType(plan, "azure-native:dbforpostgresql:Configuration")).anySatisfy(setting ->
          assertThat(setting.path("inputs").path("configurationName").asText() + "=" + setting.path("inputs").path("value").asText())
              .isEqualTo("require_secure_transport=on"));
    }
    assertThat(ofType(plan, "azure-native:storage:StorageAccount")).allSatisfy(account -> {
      assertThat(account.path("inputs").path("minimumTlsVersion").asText()).isEqualTo("TLS1_2");
      assertThat(account.path("inputs").path("enableHttpsTrafficOnly").asBoolean()).isTrue();
    });
    assertThat(Repo.read(plan)).containsPattern("sslmode=(require|verify-ca|verify-full)").doesNotContain("sslmode=disable");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void noSecretIsInPlainText(Path plan) {
    for (JsonNode resource : resources(plan)) {
      String type = resource.path("type").asText();
      if (type.equals("kubernetes:core/v1:Secret") && !resource.path("inputs").has("type")) {
        // The Secrets the program makes from cloud values: the password, the client certificate.
        assertThat(resource.path("inputs").path("stringData").asText()).as(resource.path("name").asText()).isEqualTo(PulumiPlan.SECRET);
      }
      resource.path("inputs").properties().stream().filter(input -> input.getKey().toLowerCase(Locale.ROOT).contains("password"))
          .forEach(input -> assertThat(input.getValue().asText()).as(resource.path("name") + "." + input.getKey()).isEqualTo(PulumiPlan.SECRET));
    }
    assertThat(Repo.read(plan)).doesNotContain("PRIVATE KEY").doesNotContainPattern("(?i)\"password\"\\s*:\\s*\"(?!\\[secret])");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void theDeployedObjectsPassTheGate(Path plan) {
    List<ObjectNode> objects = kubernetesObjects(plan);
    List<String> violations = new ArrayList<>();
    objects.forEach(object -> violations.addAll(KubernetesSchema.get().validate(object)));

    assertThat(objects).hasSizeGreaterThan(10);
    assertThat(violations).isEmpty();
    assertThat(new PolicyGate().evaluate(objects)).isEmpty();
  }

  @Test
  void theObjectsDeployedOnGkeDifferFromTheOfficialChartOnlyWhereTheConfigsObjectsDo() {
    Path plan = Repo.SYNTH_OUTPUT.resolve("core-gcp/cloud/gcp/resources.json");
    ChartParityTest.Pair pair = ChartParityTest.pairs().filter(p -> p.chart().equals("flyte-core-gcp.yaml")).findFirst().orElseThrow();
    Set<String> ofTheConfig = new TreeSet<>(pair.differences().stream().map(ChartParity.Difference::id).toList());
    Set<String> deployed = new TreeSet<>(ChartParity.differences(Repo.chart(pair.chart()), kubernetesObjects(plan), pair.chartPrefix(),
        "core-gcp", pair.valueRename()).stream().map(ChartParity.Difference::id).toList());
    deployed.removeAll(ofTheConfig);

    // Filling in Cloud SQL's address, the Secrets and the service accounts adds no difference of its own.
    assertThat(deployed).as("differences from the chart that only the deployed objects have").isEmpty();
    assertThat(ofTheConfig).as("the comparison runs").isNotEmpty();
  }
}
