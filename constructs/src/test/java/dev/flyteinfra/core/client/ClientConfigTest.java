package dev.flyteinfra.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableIngressSettings;
import dev.flyteinfra.core.model.ImmutableS3Storage;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.Topology;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientConfigTest {
  private static ImmutableFlyteDeployment.Builder cloud() {
    return FlyteDeployment.builder().name("flyte")
        .database(PostgresDatabase.builder().host("db.example.com").passwordSecret(SecretKeyRef.of("flyte-db", "password")).build())
        .storage(ObjectStore.builder().metadataBucket("flyte-metadata").s3(ImmutableS3Storage.builder().region("us-east-1").build()).build());
  }

  @Test
  void behindAnIngressTheToolsDialItsHostOverTls() {
    FlyteDeployment flyte = cloud().ingress(ImmutableIngressSettings.builder().host("flyte.example.com").build()).build();

    Map<String, Object> config = ClientConfig.of(flyte, ClientConfig.Options.interactive());

    assertThat(config.get("admin")).isEqualTo(Map.of("endpoint", "dns:///flyte.example.com", "insecure", false, "authType", "Pkce"));
    assertThat(config.get("console")).isEqualTo(Map.of("endpoint", "https://flyte.example.com/console"));
    assertThat(config).doesNotContainKeys("project", "domain");
  }

  @Test
  void withoutAnIngressTheyDialAPortForwardAndTheSandboxItsNodePort() {
    assertThat(ClientConfig.of(cloud().build(), ClientConfig.Options.interactive()).get("admin"))
        .isEqualTo(Map.of("endpoint", "dns:///localhost:8089", "insecure", true, "authType", "Pkce"));
    FlyteDeployment sandbox = FlyteDeployment.builder().name("sandbox").topology(Topology.SANDBOX).build();
    assertThat(ClientConfig.yaml(sandbox, ClientConfig.Options.interactive()))
        .contains("endpoint: dns:///localhost:30081", "insecure: true", "endpoint: http://localhost:30080");
  }

  @Test
  void aMachineNamesTheVariableOfItsSecretNeverTheSecret() {
    ClientConfig.Options ci = new ClientConfig.Options(ClientConfig.AuthType.CLIENT_SECRET, Optional.of("flyte-ci"),
        Optional.of("FLYTE_CLIENT_SECRET"), Optional.of("flytesnacks"), Optional.of("production"));

    Map<String, Object> config = ClientConfig.of(cloud().build(), ci);

    assertThat(config.get("admin")).isEqualTo(Map.of("endpoint", "dns:///localhost:8089", "insecure", true,
        "authType", "ClientSecret", "clientId", "flyte-ci", "clientSecretEnvVar", "FLYTE_CLIENT_SECRET"));
    assertThat(config).containsEntry("project", "flytesnacks").containsEntry("domain", "production");
  }
}
