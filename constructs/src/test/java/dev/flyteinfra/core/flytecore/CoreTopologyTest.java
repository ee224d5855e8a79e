package dev.flyteinfra.core.flytecore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.manifest.Manifest;
import dev.flyteinfra.core.model.ComponentSettings;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableAutoscaling;
import dev.flyteinfra.core.model.ImmutableComponentSettings;
import dev.flyteinfra.core.model.ImmutableComponents;
import dev.flyteinfra.core.model.ImmutableDataPlaneCluster;
import dev.flyteinfra.core.model.ImmutableIngressSettings;
import dev.flyteinfra.core.model.ImmutableMultiCluster;
import dev.flyteinfra.core.model.ImmutablePropellerSettings;
import dev.flyteinfra.core.model.ImmutablePropellerSharding;
import dev.flyteinfra.core.model.ImmutableS3Storage;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.PropellerSharding;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.Topology;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreTopologyTest {

  private static dev.flyteinfra.core.model.ImmutableFlyteDeployment.Builder base() {
    return FlyteDeployment.builder()
        .name("flyte")
        .topology(Topology.CORE)
        .database(PostgresDatabase.builder().host("db.example.com").passwordSecret(SecretKeyRef.of("flyte-db", "password")).build())
        .storage(ObjectStore.builder().metadataBucket("flyte-metadata").s3(ImmutableS3Storage.builder().region("us-east-1").build()).build());
  }

  private static List<String> names(List<HasMetadata> objects, String kind) {
    return objects.stream().filter(o -> o.getKind().equals(kind)).map(o -> o.getMetadata().getName()).toList();
  }

  @Test
  void aSingleClusterRunsEveryComponentInItsOwnDeployment() {
    List<HasMetadata> objects = FlyteManifests.synthesize(base().build()).objects();

    assertThat(names(objects, "Deployment")).containsExactlyInAnyOrder("flyte-flyteadmin", "flyte-syncresources", "flyte-datacatalog",
        "flyte-flytescheduler", "flyte-flyteconsole", "flyte-flytepropeller", "flyte-pod-webhook");
    assertThat(names(objects, "CustomResourceDefinition")).containsExactly("flyteworkflows.flyte.lyft.com");
    assertThat(names(objects, "PodDisruptionBudget")).isEmpty();
    assertThat(objects).filteredOn(o -> o instanceof Secret).allSatisfy(secret -> {
      assertThat(((Secret) secret).getData()).isNullOrEmpty();
      assertThat(((Secret) secret).getStringData()).isNullOrEmpty();
    });
  }

  @Test
  void replicatedComponentsGetADisruptionBudgetAndAutoscaledOnesAnAutoscaler() {
    ComponentSettings two = ImmutableComponentSettings.builder().replicas(2).build();
    FlyteDeployment d = base().components(ImmutableComponents.builder()
        .flyteadmin(two)
        .flyteconsole(ImmutableComponentSettings.builder().autoscaling(ImmutableAutoscaling.builder().build()).build())
        .build()).build();

    List<HasMetadata> objects = FlyteManifests.synthesize(d).objects();

    assertThat(names(objects, "PodDisruptionBudget")).containsExactlyInAnyOrder("flyte-flyteadmin", "flyte-flyteconsole");
    assertThat(names(objects, "HorizontalPodAutoscaler")).containsExactly("flyte-flyteconsole");
    Deployment console = (Deployment) objects.stream().filter(o -> o.getMetadata().getName().equals("flyte-flyteconsole")
        && o instanceof Deployment).findFirst().orElseThrow();
    assertThat(console.getSpec().getReplicas()).as("the autoscaler owns replicas").isNull();
  }

  @Test
  void shardingRunsTheManagerWithAPodTemplate() {
    FlyteDeployment d = base().propeller(ImmutablePropellerSettings.builder()
        .sharding(ImmutablePropellerSharding.builder().type(PropellerSharding.Type.PROJECT)
            .addShards(List.of("flytesnacks"), List.of("*")).build()).build()).build();

    List<HasMetadata> objects = FlyteManifests.synthesize(d).objects();

    assertThat(names(objects, "Deployment")).contains("flyte-flytepropeller-manager").doesNotContain("flyte-flytepropeller");
    assertThat(names(objects, "PodTemplate")).containsExactly("flyte-flytepropeller-template");
    JsonNode core = yaml(configMap(objects, "flyte-propeller-config").getData().get("core.yaml"));
    assertThat(core.at("/manager/shard/type").asText()).isEqualTo("Project");
    assertThat(core.at("/manager/shard/per-shard-mapping/1/ids/0").asText()).isEqualTo("*");
    assertThat(core.at("/manager/pod-template-name").asText()).isEqualTo("flyte-flytepropeller-template");
  }

  @Test
  void multiClusterSplitsTheControlPlaneFromEachDataPlane() {
    FlyteDeployment d = base().multiCluster(ImmutableMultiCluster.builder()
        .adminEndpoint("dns:///flyte.example.com:443")
        .catalogEndpoint("catalog.example.com:443")
        .addDataPlanes(ImmutableDataPlaneCluster.builder().name("dp-a").endpoint("https://a.example.com").credentialsSecret("dp-a").build())
        .addDataPlanes(ImmutableDataPlaneCluster.builder().name("dp-b").endpoint("https://b.example.com").credentialsSecret("dp-b")
            .addLabels("gpu").build())
        .addDataPlanes(ImmutableDataPlaneCluster.builder().name("dp-c").endpoint("https://c.example.com").credentialsSecret("dp-c")
            .addLabels("gpu").enabled(false).build())
        .build()).build();

    Map<String, Manifest> clusters = FlyteManifests.synthesizeClusters(d);

    assertThat(clusters).containsOnlyKeys("control-plane", "dp-a", "dp-b", "dp-c");
    List<HasMetadata> control = clusters.get("control-plane").objects();
    assertThat(names(control, "Deployment")).containsExactlyInAnyOrder("flyte-flyteadmin", "flyte-syncresources", "flyte-datacatalog",
        "flyte-flytescheduler", "flyte-flyteconsole");
    JsonNode clustersConfig = yaml(configMap(control, "flyte-admin-clusters-config").getData().get("clusters.yaml"));
    assertThat(clustersConfig.at("/clusters/clusterConfigs")).hasSize(3);
    assertThat(clustersConfig.at("/clusters/clusterConfigs/2/enabled").asBoolean()).isFalse();
    assertThat(clustersConfig.at("/clusters/clusterConfigs/0/auth/tokenPath").asText()).isEqualTo("/var/run/credentials/dp-a/token");
    assertThat(clustersConfig.at("/clusters/labelClusterMap/gpu")).singleElement()
        .satisfies(entry -> assertThat(entry.path("id").asText()).isEqualTo("dp-b"));
    Deployment admin = (Deployment) control.stream().filter(o -> o instanceof Deployment && o.getMetadata().getName().equals("flyte-flyteadmin"))
        .findFirst().orElseThrow();
    assertThat(admin.getSpec().getTemplate().getSpec().getVolumes()).extracting(v -> v.getName())
        .contains("cluster-dp-a", "cluster-dp-b", "cluster-dp-c");

    List<HasMetadata> dataPlane = clusters.get("dp-b").objects();
    assertThat(names(dataPlane, "Deployment")).containsExactlyInAnyOrder("flyte-flytepropeller", "flyte-pod-webhook");
    assertThat(names(dataPlane, "ServiceAccount")).contains("flyte-flyteadmin");
    assertThat(dataPlane).filteredOn(o -> o instanceof Secret s && "kubernetes.io/service-account-token".equals(s.getType())).hasSize(1);
    JsonNode admin1 = yaml(configMap(dataPlane, "flyte-propeller-config").getData().get("admin.yaml"));
    assertThat(admin1.at("/admin/endpoint").asText()).isEqualTo("dns:///flyte.example.com:443");
    assertThat(admin1.at("/admin/insecure").asBoolean()).isFalse();
    assertThat(yaml(configMap(dataPlane, "flyte-propeller-config").getData().get("core.yaml")).at("/propeller/cluster-id").asText())
        .isEqualTo("dp-b");
    assertThatThrownBy(() -> FlyteManifests.synthesize(d)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 clusters");
  }

  private static dev.flyteinfra.core.model.ImmutableFlyteDeployment.Builder multiCluster(String catalogEndpoint, boolean separateGrpc) {
    return base().multiCluster(ImmutableMultiCluster.builder()
            .adminEndpoint("dns:///flyte.example.com:443")
            .catalogEndpoint(catalogEndpoint)
            .addDataPlanes(ImmutableDataPlaneCluster.builder().name("dp-a").endpoint("https://a.example.com").credentialsSecret("dp-a").build())
            .build())
        .ingress(ImmutableIngressSettings.builder().host("flyte.example.com").tlsSecret("flyte-tls").separateGrpc(separateGrpc)
            .putGrpcAnnotations("alb.ingress.kubernetes.io/backend-protocol-version", "GRPC").build());
  }

  private static List<Ingress> ingresses(FlyteDeployment d) {
    return FlyteManifests.synthesizeClusters(d).get("control-plane").objects().stream()
        .filter(o -> o instanceof Ingress).map(o -> (Ingress) o).toList();
  }

  private static List<String> paths(IngressRule rule, String service) {
    return rule.getHttp().getPaths().stream().filter(p -> p.getBackend().getService().getName().equals(service))
        .map(p -> p.getPath() + " -> " + p.getBackend().getService().getPort().getNumber()).toList();
  }

  @Test
  void theDataPlanesReachDataCatalogOnItsOwnHostThroughTheGrpcIngress() {
    List<Ingress> ingresses = ingresses(multiCluster("catalog.example.com:443", true).build());

    Ingress grpc = ingresses.stream().filter(i -> i.getMetadata().getName().equals("flyte-grpc")).findFirst().orElseThrow();
    assertThat(grpc.getMetadata().getAnnotations()).containsEntry("alb.ingress.kubernetes.io/backend-protocol-version", "GRPC");
    assertThat(grpc.getSpec().getRules()).extracting(IngressRule::getHost).containsExactly("flyte.example.com", "catalog.example.com");
    assertThat(paths(grpc.getSpec().getRules().get(0), "flyte-datacatalog")).isEmpty();
    assertThat(paths(grpc.getSpec().getRules().get(1), "flyte-datacatalog"))
        .containsExactly("/datacatalog.DataCatalog -> 89", "/datacatalog.DataCatalog/* -> 89");
    assertThat(grpc.getSpec().getRules().get(1).getHttp().getPaths()).hasSize(2);
    assertThat(grpc.getSpec().getTls()).extracting(IngressTLS::getHosts, IngressTLS::getSecretName).containsExactly(
        tuple(List.of("flyte.example.com"), "flyte-tls"), tuple(List.of("catalog.example.com"), "flyte-tls"));
    // The Service port the route names is DataCatalog's gRPC port.
    Service catalog = FlyteManifests.synthesizeClusters(multiCluster("catalog.example.com:443", true).build()).get("control-plane").objects()
        .stream().filter(o -> o instanceof Service && o.getMetadata().getName().equals("flyte-datacatalog")).map(o -> (Service) o)
        .findFirst().orElseThrow();
    assertThat(catalog.getSpec().getPorts()).anySatisfy(port -> {
      assertThat(port.getPort()).isEqualTo(89);
      assertThat(port.getName()).isEqualTo("grpc");
    });
    // On one cluster propeller reaches DataCatalog inside it: no route.
    List<HasMetadata> single = FlyteManifests.synthesize(base().ingress(ImmutableIngressSettings.builder().host("flyte.example.com").build())
        .build()).objects();
    assertThat(single).filteredOn(o -> o instanceof Ingress).isNotEmpty().allSatisfy(ingress ->
        assertThat(((Ingress) ingress).getSpec().getRules()).allSatisfy(rule -> assertThat(paths(rule, "flyte-datacatalog")).isEmpty()));
  }

  @Test
  void onFlytesOwnHostDataCatalogsPathsJoinTheGrpcPaths() {
    Ingress single = ingresses(multiCluster("dns:///flyte.example.com:443", false).build()).get(0);

    assertThat(single.getSpec().getRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getHost()).isEqualTo("flyte.example.com");
      assertThat(paths(rule, "flyte-datacatalog")).containsExactly("/datacatalog.DataCatalog -> 89", "/datacatalog.DataCatalog/* -> 89");
      assertThat(paths(rule, "flyte-flyteadmin")).contains("/flyteidl.service.AdminService/* -> 81");
    });
    assertThat(single.getSpec().getTls()).singleElement().satisfies(tls -> assertThat(tls.getHosts()).containsExactly("flyte.example.com"));
  }

  @Test
  void theEndpointsHostIsWithoutSchemeAndPort() {
    assertThat(CoreIngresses.endpointHost("catalog.example.com:443")).isEqualTo("catalog.example.com");
    assertThat(CoreIngresses.endpointHost("dns:///catalog.example.com:443")).isEqualTo("catalog.example.com");
    assertThat(CoreIngresses.endpointHost("https://catalog.example.com/")).isEqualTo("catalog.example.com");
    assertThat(CoreIngresses.endpointHost("catalog.example.com")).isEqualTo("catalog.example.com");
  }

  @Test
  void eachSectionOfExtraConfigGoesOnlyToTheComponentsThatReadIt() {
    FlyteDeployment d = base().putExtraConfig("task_resources", Map.of("defaults", Map.of("cpu", "500m")))
        .putExtraConfig("storage", Map.of("cache", Map.of("max_size_mbs", 10)))
        .putExtraConfig("plugins", Map.of("k8s", Map.of("inject-finalizer", true), "spark", Map.of("spark-config-default", List.of())))
        .putExtraConfig("application", Map.of("grpcPort", 8089))
        .build();
    List<HasMetadata> objects = FlyteManifests.synthesize(d).objects();

    JsonNode admin = yaml(configMap(objects, "flyte-admin-base-config").getData().get("zz-extra-config.yaml"));
    assertThat(admin.fieldNames()).toIterable().containsExactlyInAnyOrder("task_resources", "storage", "plugins");
    assertThat(admin.at("/plugins").fieldNames()).as("FlyteAdmin reads plugins.k8s, not plugins.spark").toIterable().containsExactly("k8s");
    assertThat(admin.at("/task_resources/defaults/cpu").asText()).isEqualTo("500m");
    assertThat(yaml(configMap(objects, "flyte-scheduler-config").getData().get("zz-extra-config.yaml")).fieldNames())
        .toIterable().containsExactlyInAnyOrder("task_resources", "storage", "plugins");
    assertThat(yaml(configMap(objects, "flyte-datacatalog-config").getData().get("zz-extra-config.yaml")).fieldNames())
        .toIterable().containsExactlyInAnyOrder("storage", "application");
    JsonNode propeller = yaml(configMap(objects, "flyte-propeller-config").getData().get("zz-extra-config.yaml"));
    assertThat(propeller.fieldNames()).toIterable().containsExactlyInAnyOrder("storage", "plugins");
    assertThat(propeller.at("/plugins").fieldNames()).toIterable().containsExactlyInAnyOrder("k8s", "spark");
    assertThat(configMap(objects, "flyte-admin-clusters-config").getData()).doesNotContainKey("zz-extra-config.yaml");
  }

  @Test
  void aProjectQuotaBecomesAFlytectlClusterResourceAttributeFile() {
    FlyteDeployment d = base()
        .domains(List.of(dev.flyteinfra.core.model.ImmutableDomain.builder().name("production")
            .quota(dev.flyteinfra.core.model.ImmutableQuota.builder().cpu("5").memory("4Gi").gpu("0").build()).build()))
        .projects(List.of(dev.flyteinfra.core.model.ImmutableProject.builder().name("ml")
            .putQuotas("production", dev.flyteinfra.core.model.ImmutableQuota.builder().cpu("64").memory("256Gi").gpu("8").build()).build()))
        .build();

    Map<String, String> files = FlyteManifests.files(d);

    assertThat(yaml(files.get("flytectl/cluster-resource-attributes/ml-production.yaml"))).isEqualTo(yaml("""
        project: ml
        domain: production
        attributes:
          projectQuotaCpu: "64"
          projectQuotaMemory: 256Gi
          projectQuotaGpu: "8"
        """));
    JsonNode quota = yaml(configMap(FlyteManifests.synthesize(d).objects(), "flyte-clusterresource-template")
        .getData().get("003_resourcequota.yaml"));
    assertThat(quota.at("/spec/hard/requests.nvidia.com~1gpu").asText()).isEqualTo("{{ projectQuotaGpu }}");
  }

  private static ConfigMap configMap(List<HasMetadata> objects, String name) {
    return (ConfigMap) objects.stream().filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }

  private static JsonNode yaml(String text) {
    try {
      return new YAMLMapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
