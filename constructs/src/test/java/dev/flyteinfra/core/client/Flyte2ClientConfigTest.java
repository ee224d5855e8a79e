package dev.flyteinfra.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.model.ImmutableIngressSettings;
import dev.flyteinfra.core.model.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Flyte2ClientConfigTest {
  private static final FlyteEndpoint SELF_HOSTED = new FlyteEndpoint("flyte.example.com", false, true);

  private static Flyte2ClientConfig.Options machine(Flyte2ClientConfig.ImageBuilder builder, Optional<String> clientId) {
    return new Flyte2ClientConfig.Options(Optional.of(ClientConfig.AuthType.CLIENT_SECRET), clientId, Optional.of("FLYTE_CLIENT_SECRET"),
        List.of("api://flyte/.default"), Optional.of("/etc/ssl/corp-ca.pem"), builder, Optional.of("ghcr.io/acme"), Optional.of("acme"),
        Optional.of("flytesnacks"), Optional.of("development"));
  }

  @Test
  void aMachineGetsEveryKeyTheFlyte2CliReadsAndNoSecret() {
    Map<String, Object> config = Flyte2ClientConfig.of(SELF_HOSTED, machine(Flyte2ClientConfig.ImageBuilder.LOCAL, Optional.of("flyte-ci")));

    assertThat(config).containsOnlyKeys("admin", "image", "task");
    assertThat(config.get("admin")).isEqualTo(Map.of("endpoint", "dns:///flyte.example.com", "insecure", false, "authType", "ClientSecret",
        "clientId", "flyte-ci", "clientSecretEnvVar", "FLYTE_CLIENT_SECRET", "scopes", List.of("api://flyte/.default"),
        "caCertFilePath", "/etc/ssl/corp-ca.pem"));
    assertThat(config.get("image")).isEqualTo(Map.of("builder", "local", "registry", "ghcr.io/acme"));
    assertThat(config.get("task")).isEqualTo(Map.of("org", "acme", "project", "flytesnacks", "domain", "development"));
  }

  @Test
  void aPersonSignsInWithABrowserAndAnApiKeyNamesNoSignIn() {
    assertThat(Flyte2ClientConfig.of(SELF_HOSTED, Flyte2ClientConfig.Options.interactive()))
        .isEqualTo(Map.of("admin", Map.of("endpoint", "dns:///flyte.example.com", "insecure", false, "authType", "Pkce"),
            "image", Map.of("builder", "local")));
    Flyte2ClientConfig.Options apiKey = new Flyte2ClientConfig.Options(Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty(), Flyte2ClientConfig.ImageBuilder.REMOTE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(Flyte2ClientConfig.yaml(FlyteEndpoint.hosted("acme.hosted.example.com"), apiKey))
        .contains("endpoint: dns:///acme.hosted.example.com", "builder: remote").doesNotContain("authType", "clientId");
  }

  @Test
  void aDeploymentIsReachedAtItsIngressHostOrThroughAPortForwardOfItsHttpService() {
    FlyteDeployment open = FlyteDeployment.builder().name("flyte").flyteVersion("2.0.42").build();
    FlyteDeployment withHost = FlyteDeployment.builder().from(open)
        .ingress(ImmutableIngressSettings.builder().host("flyte.example.com").build()).build();

    assertThat(FlyteEndpoint.of(open)).isEqualTo(new FlyteEndpoint("localhost:8090", true, true));
    assertThat(FlyteEndpoint.of(withHost)).isEqualTo(SELF_HOSTED);
    assertThat(Flyte2ClientConfig.yaml(open, Flyte2ClientConfig.Options.interactive()))
        .contains("endpoint: dns:///localhost:8090", "insecure: true");
  }

  @Test
  void refusesAClientWithoutIdAndTheRemoteBuilderOfASelfHostedFlyte() {
    Flyte2ClientConfig.Options bad = new Flyte2ClientConfig.Options(Optional.of(ClientConfig.AuthType.CLIENT_SECRET), Optional.empty(),
        Optional.of("FLYTE_CLIENT_SECRET"), List.of(), Optional.empty(), Flyte2ClientConfig.ImageBuilder.REMOTE,
        Optional.of("ghcr.io/acme:latest"), Optional.empty(), Optional.empty(), Optional.empty());

    assertThat(Flyte2ClientConfig.problems(SELF_HOSTED, bad)).extracting(Problem::path).containsExactly("client-id", "image-builder", "registry");
    assertThat(Flyte2ClientConfig.problems(FlyteEndpoint.hosted("acme.hosted.example.com"), bad)).extracting(Problem::path)
        .containsExactly("client-id", "registry");
    assertThat(Flyte2ClientConfig.problems(SELF_HOSTED, machine(Flyte2ClientConfig.ImageBuilder.LOCAL, Optional.of("flyte-ci")))).isEmpty();
  }

  @Test
  void theGenerationIsTheModelsFromTheFlyteVersion() {
    assertThat(FlyteDeployment.builder().name("a").flyteVersion("2.0.42").build().generation()).isEqualTo(Generation.FLYTE_2);
    assertThat(FlyteDeployment.builder().name("a").flyteVersion("1.16.8").build().generation()).isEqualTo(Generation.FLYTE_1);
    assertThat(FlyteDeployment.builder().name("a").build().generation()).isEqualTo(Generation.FLYTE_1);
  }
}
