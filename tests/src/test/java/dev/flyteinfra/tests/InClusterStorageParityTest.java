package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flyte's storage config for the in-cluster MinIO, of the sandbox and the on-prem example, against
 * what the official flyte-sandbox chart renders ({@code flyte-sandbox-default.yaml}), for every key
 * both set. Names that are the deployment's own (the MinIO Service, the bucket) are compared by
 * what they must point at; the one deliberate difference is named and asserted.
 */
class InClusterStorageParityTest {
  private static final JsonNode OFFICIAL = storageOf(Repo.chart("flyte-sandbox-default.yaml"));

  @ParameterizedTest
  @ValueSource(strings = {"sandbox.yaml", "onprem.yaml"})
  void storageConfigMatchesTheOfficialSandbox(String example) {
    List<ObjectNode> objects = Repo.objects(Repo.synthesize(Repo.EXAMPLES.resolve(example)));
    JsonNode ours = storageOf(objects);
    JsonNode config = ours.at("/stow/config");
    JsonNode official = OFFICIAL.at("/stow/config");

    assertThat(ours.path("type").asText()).isEqualTo(OFFICIAL.path("type").asText()).isEqualTo("stow");
    assertThat(ours.at("/stow/kind").asText()).isEqualTo(OFFICIAL.at("/stow/kind").asText()).isEqualTo("s3");
    for (String key : List.of("auth_type", "disable_ssl", "region")) {
      assertThat(config.path(key)).as(key).isEqualTo(official.path(key));
    }
    // Deliberate: AWS retired Signature V2; MinIO (and every S3-compatible store) speaks V4.
    assertThat(official.path("v2_signing").asBoolean()).isTrue();
    assertThat(config.path("v2_signing").asBoolean()).isFalse();

    // The endpoint: plain HTTP to port 9000 of the deployment's own MinIO Service, as upstream's is of its own.
    URI endpoint = URI.create(config.path("endpoint").asText());
    URI officialEndpoint = URI.create(official.path("endpoint").asText());
    assertThat(endpoint.getScheme()).isEqualTo(officialEndpoint.getScheme()).isEqualTo("http");
    assertThat(endpoint.getPort()).isEqualTo(officialEndpoint.getPort()).isEqualTo(9000);
    assertThat(officialEndpoint.getHost()).isEqualTo(serviceHost(Repo.chart("flyte-sandbox-default.yaml"), "minio"));
    assertThat(endpoint.getHost()).isEqualTo(serviceHost(objects, "minio") + ".svc.cluster.local");

    // The container: a bucket that the deployment's MinIO is made to have (upstream: MinIO's default bucket).
    assertThat(bucketsCreated(objects)).contains(ours.path("container").asText());
    assertThat(OFFICIAL.path("container").asText()).isEqualTo("my-s3-bucket");

    if (example.equals("sandbox.yaml")) {
      assertThat(ours.at("/signedUrl/stowConfigOverride/endpoint").asText())
          .isEqualTo(OFFICIAL.at("/signedURL/stowConfigOverride/endpoint").asText()).isEqualTo("http://localhost:30002");
    }
  }

  /** The merged {@code storage} section of every Flyte config file in the objects' ConfigMaps. */
  private static JsonNode storageOf(List<ObjectNode> objects) {
    ObjectNode storage = JsonNodeFactory.instance.objectNode();
    for (ObjectNode object : objects) {
      if (object.path("kind").asText().equals("ConfigMap")) {
        object.path("data").fields().forEachRemaining(file -> FlyteConfigView.parse(file.getValue().asText())
            .map(config -> config.path("storage")).filter(JsonNode::isObject)
            .ifPresent(section -> FlyteConfigView.merge(storage, section)));
      }
    }
    assertThat(storage.isEmpty()).as("no storage config").isFalse();
    return storage;
  }

  /** {@code <service>.<namespace>} of the one Service whose name ends with {@code -<suffix>}. */
  private static String serviceHost(List<ObjectNode> objects, String suffix) {
    List<String> hosts = objects.stream().filter(o -> o.path("kind").asText().equals("Service"))
        .filter(o -> o.at("/metadata/name").asText().endsWith("-" + suffix))
        .map(o -> o.at("/metadata/name").asText() + "." + o.at("/metadata/namespace").asText()).toList();
    assertThat(hosts).hasSize(1);
    return hosts.get(0);
  }

  private static List<String> bucketsCreated(List<ObjectNode> objects) {
    return objects.stream().filter(o -> o.path("kind").asText().equals("Job"))
        .flatMap(job -> Stream.of(job.at("/spec/template/spec/containers/0/env")))
        .flatMap(env -> Stream.iterate(0, i -> i < env.size(), i -> i + 1).map(env::get))
        .filter(var -> var.path("name").asText().equals("BUCKETS"))
        .flatMap(var -> Stream.of(var.path("value").asText().split(" "))).toList();
  }
}
