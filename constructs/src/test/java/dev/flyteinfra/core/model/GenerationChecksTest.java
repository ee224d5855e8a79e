package dev.flyteinfra.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationChecksTest {
  private static final String CONSOLE = "ghcr.io/unionai-oss/flyteconsole-v2:v0.1.0";

  private static ImmutableFlyteDeployment flyte2() {
    return FlyteDeployment.builder()
        .name("flyte")
        .flyteVersion("2.0.42")
        .components(ImmutableComponents.builder().console(ConsoleSettings.of(CONSOLE)).build())
        .database(PostgresDatabase.builder().host("db.example.com").passwordSecret(SecretKeyRef.of("flyte-db", "password")).build())
        .storage(ObjectStore.builder().metadataBucket("flyte-data").s3(ImmutableS3Storage.builder().region("us-east-1").build()).build())
        .build();
  }

  private static List<String> paths(FlyteDeployment d) {
    return d.validate().stream().map(Problem::path).toList();
  }

  @Test
  void theVersionChoosesTheGeneration() {
    assertThat(Generation.of("1.16.8")).isEqualTo(Generation.FLYTE_1);
    assertThat(Generation.of("2.0.42")).isEqualTo(Generation.FLYTE_2);
    assertThat(Generation.of("v2.0.42")).as("judged by Flyte 1's rules, which refuse it").isEqualTo(Generation.FLYTE_1);
    assertThat(flyte2().generation()).isEqualTo(Generation.FLYTE_2);
    assertThat(Generation.FLYTE_2.accepts("2.0.42")).isTrue();
    assertThat(Generation.FLYTE_2.accepts("2.1.0")).isFalse();
  }

  @Test
  void aFlyte2DescriptionWithItsConsolePinnedIsValid() {
    assertThat(flyte2().validate()).isEmpty();
  }

  @Test
  void theMissingConsoleImageIsNamedWhereTheUserAddsIt() {
    ImmutableFlyteDeployment none = flyte2().withComponents(ImmutableComponents.builder().build());
    assertThat(paths(none)).containsExactly("components");
    ImmutableFlyteDeployment onlyBinary = flyte2().withComponents(ImmutableComponents.builder()
        .binary(ComponentSettings.of(1, "1", "2Gi", "4Gi")).build());
    assertThat(paths(onlyBinary)).containsExactly("components.console");
    ImmutableFlyteDeployment consoleWithoutImage = flyte2().withComponents(ImmutableComponents.builder()
        .console(ImmutableConsoleSettings.builder().replicas(2).build()).build());
    assertThat(paths(consoleWithoutImage)).containsExactly("components.console.image");
  }

  @Test
  void flyte2RefusesWhatUpstreamHasNot() {
    assertThat(paths(flyte2().withTopology(Topology.CORE))).contains("topology");
    assertThat(paths(flyte2().withDomains(ImmutableDomain.builder().name("development")
        .quota(ImmutableQuota.builder().cpu("1").memory("1Gi").build()).build())))
        .containsExactly("domains[0].quota");
  }

  @Test
  void flyte1RefusesFlyte2sOptions() {
    ImmutableFlyteDeployment flyte1 = flyte2().withFlyteVersion("1.16.8").withComponents(ImmutableComponents.builder().build())
        .withTasks(ImmutableTaskPods.builder().namespace("flyte-tasks").build())
        .withApps(ImmutableAppServing.builder().baseDomain("apps.example.com").build());
    assertThat(paths(flyte1)).containsExactly("tasks", "apps");
  }
}
