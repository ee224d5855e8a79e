package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.manifest.ManifestWriter;
import dev.flyteinfra.stacks.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in (OIDC) against the official flyte-binary chart's auth rendering
 * ({@code flyte-binary-eks-auth-connector.yaml}: Okta-style issuer, Flyte's internal authorization
 * server), and the external authorization server on flyte-core, where FlytePropeller and
 * FlyteScheduler sign in with client credentials. The gate (schema, policy, determinism) runs
 * over the fixtures {@code binary-auth.yaml} and {@code core-auth-external.yaml}.
 */
class AuthTest {
  /** The chart overlay's auth values, as this library's description (the hash is a real bcrypt hash, base64). */
  private static final String CHART_EQUIVALENT = """
      name: flyte-backend
      database: {host: db.example.com, passwordSecret: {name: flyte-db, key: password}}
      storage: {metadataBucket: flyte-metadata, s3: {region: us-east-1}}
      ingress: {host: flyte.mydomain.com, tlsSecret: flyte-tls}
      auth:
        provider: okta
        issuer: https://idp.example.com/oauth2/default
        clientId: <OIDC_CLIENT_ID>
        clientSecret: {name: flyte-oidc, key: client_secret}
        serviceClientSecret: {name: flyte-propeller-auth, key: client_secret}
        serviceClientSecretHash: JDJhJDEwJDdZdE16RXRBVE5YUWEwRlJCOWJMdi44UWtxOHNwYUl6Z25HOC9abzVsWUg1N2xVcGRFQWxH
      """;

  private static List<ObjectNode> synthesize(String config) {
    return new ArrayList<>(FlyteManifests.synthesize(ConfigLoader.parse(config)).objects().stream().map(ManifestWriter::toTree).toList());
  }

  private static Map<String, String> config(List<ObjectNode> objects, String configMap) {
    return FlyteConfigView.flatten(objects, name -> name.equals(configMap) ? "config" : null);
  }

  private static ObjectNode named(List<ObjectNode> objects, String kind, String name) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static List<String> projectedPaths(JsonNode podSpec, String volume) {
    List<String> paths = new ArrayList<>();
    for (JsonNode v : podSpec.path("volumes")) {
      if (v.path("name").asText().equals(volume)) {
        v.at("/projected/sources").forEach(source -> source.at("/secret/items").forEach(item -> paths.add(item.path("path").asText())));
      }
    }
    return paths;
  }

  private static String mountPath(JsonNode container, String volume) {
    return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
        .filter(m -> m.path("name").asText().equals(volume)).map(m -> m.path("mountPath").asText()).findFirst().orElse("");
  }

  @Test
  void internalAuthorizationServerIsConfiguredAsTheOfficialChartConfiguresIt() {
    Map<String, String> chart = config(Repo.chart("flyte-binary-eks-auth-connector.yaml"), "flyte-backend-flyte-binary-config");
    List<ObjectNode> objects = synthesize(CHART_EQUIVALENT);
    Map<String, String> ours = config(objects, "flyte-backend-config");
    List<String> keys = chart.keySet().stream().filter(key -> key.startsWith("config:auth.") || key.startsWith("config:server.")).toList();

    assertThat(keys).contains("config:auth.appAuth.selfAuthServer.staticClients.flytepropeller.grant_types",
        "config:auth.appAuth.thirdPartyConfig.flyteClient.redirectUri", "config:auth.userAuth.openId.baseUrl",
        "config:server.security.useAuth");
    for (String key : keys) {
      switch (key) {
        // The chart's Service is <release>-flyte-binary, this library's <name>-http: the same four forms.
        case "config:auth.authorizedUris" -> assertThat(ours.get(key))
            .isEqualTo(chart.get(key).replace("flyte-backend-flyte-binary", "flyte-backend-http"));
        // Okta issues refresh tokens for offline_access: users stay signed in.
        case "config:auth.userAuth.openId.scopes" -> {
          assertThat(chart.get(key)).isEqualTo("[\"openid\", \"profile\"]");
          assertThat(ours.get(key)).isEqualTo("[\"offline_access\", \"openid\", \"profile\"]");
        }
        default -> assertThat(ours.get(key)).as(key).isEqualTo(chart.get(key));
      }
    }
    // The chart leaves these at Flyte's defaults; spelled out here.
    assertThat(ours).containsEntry("config:auth.appAuth.authServerType", "Self")
        .containsEntry("config:admin.clientId", "flytepropeller")
        .containsEntry("config:admin.clientSecretLocation", "/etc/secrets/client_secret");

    // The hash reaches the same config key through a Secret, as the chart's 014-auth-secrets.yaml does.
    String clients = named(objects, "Secret", "flyte-backend-auth-clients").at("/stringData").get("auth-clients.yaml").asText();
    JsonNode hash = FlyteConfigView.parse(clients).orElseThrow().at("/auth/appAuth/selfAuthServer/staticClients/flytepropeller/client_secret");
    assertThat(hash.asText()).isEqualTo("JDJhJDEwJDdZdE16RXRBVE5YUWEwRlJCOWJMdi44UWtxOHNwYUl6Z25HOC9abzVsWUg1N2xVcGRFQWxH");
    String chartSecrets = named(Repo.chart("flyte-binary-eks-auth-connector.yaml"), "Secret", "flyte-backend-flyte-binary-config-secret")
        .at("/stringData").get("014-auth-secrets.yaml").asText();
    assertThat(FlyteConfigView.parse(chartSecrets).orElseThrow()
        .at("/auth/appAuth/selfAuthServer/staticClients/flytepropeller/client_secret").isMissingNode()).isFalse();

    // Flyte reads the OIDC client's and its own client's secrets in /etc/secrets, as in the chart.
    JsonNode pod = named(objects, "Deployment", "flyte-backend").at("/spec/template/spec");
    JsonNode chartPod = named(Repo.chart("flyte-binary-eks-auth-connector.yaml"), "Deployment", "flyte-backend-flyte-binary").at("/spec/template/spec");
    assertThat(mountPath(pod.at("/containers/0"), "auth")).isEqualTo(mountPath(chartPod.at("/containers/0"), "auth")).isEqualTo("/etc/secrets");
    assertThat(projectedPaths(pod, "auth")).containsExactlyInAnyOrder("oidc_client_secret", "client_secret");
    assertThat(projectedPaths(pod, "config")).contains("auth-clients.yaml");
  }

  @Test
  void adminKeysAreGeneratedOnceByFlyteAndKeptFromThenOn() {
    List<ObjectNode> objects = synthesize(CHART_EQUIVALENT);
    JsonNode job = named(objects, "Job", "flyte-backend-auth-keys").at("/spec/template/spec");
    JsonNode role = named(objects, "Role", "flyte-backend-auth-keys");

    assertThat(job.at("/initContainers/0/image").asText()).isEqualTo("cr.flyte.org/flyteorg/flyte-binary-release:v1.16.8");
    assertThat(job.at("/initContainers/0/command").toString()).contains("\"secrets\",\"init\",\"--localPath\",\"/work/keys\"");
    assertThat(role.at("/rules/1/resourceNames").toString()).isEqualTo("[\"flyte-backend-auth-keys\"]");
    assertThat(role.at("/rules/1/verbs").toString()).doesNotContain("delete");
    // The Deployment mounts the whole generated Secret (cookie keys, claim key, token-signing key).
    JsonNode pod = named(objects, "Deployment", "flyte-backend").at("/spec/template/spec");
    assertThat(StreamSupport.stream(pod.path("volumes").spliterator(), false)
        .filter(v -> v.path("name").asText().equals("auth"))
        .flatMap(v -> StreamSupport.stream(v.at("/projected/sources").spliterator(), false))
        .map(source -> source.at("/secret/name").asText())).contains("flyte-backend-auth-keys");
  }

  /**
   * The keys Job's store step, exactly as in the Job, with its environment, over the files Flyte's
   * {@code secrets init} writes, against a stand-in kubectl that keeps Secrets as folders
   * (onprem-minio's): the first run creates the Secret from them, the next keeps it as it is.
   */
  @Test
  void theKeysSecretIsCreatedOnceAndKeptOnTheNextRun(@TempDir Path dir) throws Exception {
    JsonNode store = named(synthesize(CHART_EQUIVALENT), "Job", "flyte-backend-auth-keys").at("/spec/template/spec/containers/0");
    Path state = Files.createDirectories(dir.resolve("state/secrets")).getParent();
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(Repo.ROOT.resolve("onprem-minio/src/test/resources/dev/flyteinfra/onprem/fake-kubectl.sh"), bin.resolve("kubectl"));
    assertThat(bin.resolve("kubectl").toFile().setExecutable(true)).isTrue();

    String first = runStoreStep(store, dir, state, bin, "first");
    String second = runStoreStep(store, dir, state, bin, "second");

    assertThat(first).contains("secret/flyte-backend-auth-keys created");
    assertThat(second).contains("Secret flyte-backend-auth-keys exists, kept").doesNotContain("created");
    Path secret = state.resolve("secrets/flyte-backend-auth-keys");
    assertThat(Files.list(secret).map(f -> f.getFileName().toString()).sorted().toList())
        .containsExactly("claim_symmetric_key", "cookie_block_key", "cookie_hash_key", "token_rsa_key.pem");
    assertThat(Files.readString(secret.resolve("cookie_hash_key"))).isEqualTo("first-cookie_hash_key");
    assertThat(Files.readAllLines(state.resolve("calls.log"))).noneMatch(call -> call.startsWith("delete") || call.startsWith("apply"));
  }

  /** Runs the store step over keys written as Flyte's secrets init would (their contents marked with {@code run}). */
  private static String runStoreStep(JsonNode container, Path dir, Path state, Path bin, String run) throws Exception {
    Path work = Files.createDirectories(dir.resolve("work-" + run));
    Path keys = Files.createDirectories(work.resolve("keys"));
    for (String key : List.of("cookie_hash_key", "cookie_block_key", "claim_symmetric_key", "token_rsa_key.pem")) {
      Files.writeString(keys.resolve(key), run + "-" + key);
    }
    List<String> command = new ArrayList<>();
    container.path("command").forEach(part -> command.add(part.asText()));
    ProcessBuilder process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    container.path("env").forEach(env -> process.environment().put(env.path("name").asText(), env.path("value").asText()));
    process.environment().put("WORK", work.toString());
    process.environment().put("HOME", work.toString());
    process.environment().put("FAKE_KUBE_STATE", state.toString());
    process.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process started = process.start();
    String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(started.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(started.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void externalAuthorizationServerSignsInPropellerAndSchedulerWithClientCredentials() {
    List<ObjectNode> objects = Repo.objects(Repo.synthesize(Repo.ROOT.resolve("tests/src/test/resources/gate/core-auth-external.yaml")));
    Map<String, String> admin = config(objects, "flyte-entra-admin-base-config");
    Map<String, String> propeller = config(objects, "flyte-entra-propeller-config");
    Map<String, String> scheduler = config(objects, "flyte-entra-scheduler-config");
    String issuer = "https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000aa/v2.0";

    assertThat(admin).containsEntry("config:auth.appAuth.authServerType", "External")
        .containsEntry("config:auth.appAuth.externalAuthServer.baseUrl", issuer)
        .containsEntry("config:auth.appAuth.externalAuthServer.metadataUrl", ".well-known/openid-configuration")
        .containsEntry("config:auth.appAuth.externalAuthServer.allowedAudience", "[\"api://flyte\"]")
        .containsEntry("config:auth.appAuth.thirdPartyConfig.flyteClient.clientId", "00000000-0000-0000-0000-0000000000cc")
        .containsEntry("config:auth.userAuth.openId.baseUrl", issuer)
        .containsEntry("config:server.security.useAuth", "true");
    assertThat(admin.keySet()).noneMatch(key -> key.contains("selfAuthServer"));
    for (Map<String, String> client : List.of(propeller, scheduler)) {
      assertThat(client).containsEntry("config:admin.authType", "ClientSecret")
          .containsEntry("config:admin.clientId", "00000000-0000-0000-0000-0000000000dd")
          .containsEntry("config:admin.clientSecretLocation", "/etc/secrets/client_secret")
          .containsEntry("config:admin.scopes", "[\"api://flyte/.default\"]");
    }
    for (String deployment : List.of("flyte-entra-flytepropeller", "flyte-entra-flytescheduler")) {
      JsonNode pod = named(objects, "Deployment", deployment).at("/spec/template/spec");
      assertThat(mountPath(pod.at("/containers/0"), "auth")).as(deployment).isEqualTo("/etc/secrets");
      assertThat(projectedPaths(pod, "auth")).as(deployment).containsExactly("client_secret");
    }
    JsonNode adminPod = named(objects, "Deployment", "flyte-entra-flyteadmin").at("/spec/template/spec");
    assertThat(projectedPaths(adminPod, "auth")).containsExactly("oidc_client_secret");
    assertThat(objects).noneMatch(o -> o.at("/metadata/name").asText().equals("flyte-entra-auth-clients"));
    assertThat(named(objects, "Job", "flyte-entra-auth-keys").at("/spec/template/spec/initContainers/0/image").asText())
        .isEqualTo("cr.flyte.org/flyteorg/flyteadmin:v1.16.8");
  }
}
