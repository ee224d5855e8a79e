package dev.flyteinfra.core.cdk8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.manifest.ManifestWriter;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableIngressSettings;
import dev.flyteinfra.core.model.ImmutableS3Storage;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.WorkloadIdentity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cdk8s chart holds exactly the objects the YAML writer writes (one jsii process for the class). */
class FlyteChartTest {
  private static final FlyteDeployment DEPLOYMENT = FlyteDeployment.builder()
      .name("flyte")
      .database(PostgresDatabase.builder().host("db.example.com").passwordSecret(SecretKeyRef.of("flyte-db", "password")).build())
      .storage(ObjectStore.builder().metadataBucket("flyte-metadata").s3(ImmutableS3Storage.builder().region("us-east-1").build()).build())
      .identity(WorkloadIdentity.awsRole("arn:aws:iam::123456789012:role/flyte"))
      .ingress(ImmutableIngressSettings.builder().className("alb").host("flyte.example.com").build())
      .build();

  @TempDir
  static Path outdir;

  private static String first;
  private static String second;

  @BeforeAll
  static void synthesizeTwice() {
    first = synth();
    second = synth();
  }

  private static String synth() {
    App app = new App(AppProps.builder().outdir(outdir.toString()).build());
    new FlyteChart(app, "flyte", DEPLOYMENT);
    return app.synthYaml();
  }

  @Test
  void holdsTheSameObjectsAsTheManifest() throws Exception {
    List<String> expected = new ArrayList<>();
    for (var object : FlyteManifests.synthesize(DEPLOYMENT).objects()) {
      expected.add(canonical(ManifestWriter.toTree(object)));
    }
    List<String> actual = new ArrayList<>();
    for (JsonNode doc : documents(first)) {
      actual.add(canonical(doc));
    }

    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aMultiClusterDeploymentGetsOneChartPerCluster() {
    FlyteDeployment multi = FlyteDeployment.builder().from(DEPLOYMENT)
        .topology(dev.flyteinfra.core.model.Topology.CORE)
        .multiCluster(dev.flyteinfra.core.model.ImmutableMultiCluster.builder()
            .adminEndpoint("dns:///flyte.example.com:443").catalogEndpoint("catalog.example.com:443")
            .addDataPlanes(dev.flyteinfra.core.model.ImmutableDataPlaneCluster.builder()
                .name("dp-a").endpoint("https://a.example.com").credentialsSecret("dp-a").build())
            .build())
        .build();
    App app = new App(AppProps.builder().outdir(outdir.toString()).build());

    FlyteChart dataPlane = new FlyteChart(app, "dp-a", multi, "dp-a");

    assertThat(dataPlane.toJson()).hasSize(FlyteManifests.synthesizeClusters(multi).get("dp-a").objects().size());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FlyteChart(app, "nope", multi, "dp-z"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no cluster 'dp-z'");
  }

  @Test
  void isDeterministic() {
    assertThat(second).isEqualTo(first);
  }

  /** JSON with sorted keys and plain numbers, so an int and a long of the same value compare equal. */
  private static String canonical(JsonNode node) throws Exception {
    ObjectMapper sorted = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    return sorted.writeValueAsString(sorted.treeToValue(node, Object.class));
  }

  private static List<JsonNode> documents(String yaml) throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }
}
