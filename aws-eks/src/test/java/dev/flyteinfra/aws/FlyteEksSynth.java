package dev.flyteinfra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableS3Storage;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.Topology;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/** One synthesized stack per test class: synthesis takes seconds, so tests share it. */
final class FlyteEksSynth {
  final Stack stack;
  final FlyteEks flyte;
  final Template template;
  /** The template as a JSON tree. */
  final JsonNode json;

  private FlyteEksSynth(FlyteEksProps props) {
    App app = new App();
    stack = new Stack(app, "FlyteAws", StackProps.builder()
        .env(Environment.builder().account("123456789012").region("us-east-1").build()).build());
    flyte = new FlyteEks(stack, "Flyte", props);
    Aspects.of(app).add(new AwsSolutionsChecks());
    template = Template.fromStack(stack);
    json = new ObjectMapper().valueToTree(template.toJSON());
  }

  /** The template's resources of one type. */
  List<JsonNode> resources(String type) {
    List<JsonNode> found = new ArrayList<>();
    json.path("Resources").forEach(resource -> {
      if (resource.path("Type").asText().equals(type)) {
        found.add(resource);
      }
    });
    return found;
  }

  static FlyteEksSynth of(FlyteEksProps props) {
    return new FlyteEksSynth(props);
  }

  /** The binary example's Flyte: the host and password come from RDS, identities from the construct. */
  static FlyteDeployment binary() {
    return FlyteDeployment.builder()
        .name("flyte-aws")
        .topology(Topology.BINARY)
        .database(PostgresDatabase.builder().host("replaced.by.rds").passwordSecret(SecretKeyRef.of("unused", "password")).build())
        .storage(ObjectStore.builder().metadataBucket("my-organization-flyte-metadata").userDataBucket("my-organization-flyte-data")
            .s3(ImmutableS3Storage.builder().region("us-east-1").build()).build())
        .build();
  }
}
