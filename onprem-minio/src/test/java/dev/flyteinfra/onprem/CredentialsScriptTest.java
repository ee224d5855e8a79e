package dev.flyteinfra.onprem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableMinioStorage;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.SecretKeyRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credentials Job's script, exactly as shipped in its ConfigMap and with the Job's own
 * environment, run against a stand-in kubectl that keeps Secrets as folders: it creates each
 * Secret once with random values, and a second run keeps them untouched.
 */
class CredentialsScriptTest {
  @TempDir
  Path dir;
  private Path state;
  private Path bin;

  @BeforeEach
  void fakeKubectl() throws IOException {
    state = Files.createDirectories(dir.resolve("state/secrets")).getParent();
    bin = Files.createDirectories(dir.resolve("bin"));
    try (InputStream in = getClass().getResourceAsStream("fake-kubectl.sh")) {
      Files.write(bin.resolve("kubectl"), in.readAllBytes());
    }
    assertThat(bin.resolve("kubectl").toFile().setExecutable(true)).isTrue();
  }

  @Test
  void generatesEverySecretOnceAndKeepsThemOnTheNextRun() throws Exception {
    List<HasMetadata> objects = OnPremFixtures.objects(OnPremFixtures.sandbox());

    OnPremFixtures.Run first = run(objects);
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output()).contains("Secret sandbox-postgres created", "Secret sandbox-minio created");
    Map<String, String> generated = secrets();
    assertThat(generated.keySet()).containsExactly("sandbox-minio/flyte-storage-credentials.yaml", "sandbox-minio/root-password",
        "sandbox-minio/root-user", "sandbox-postgres/password");
    assertThat(generated.get("sandbox-postgres/password")).matches("[A-Za-z0-9]{24}");
    assertThat(generated.get("sandbox-minio/root-password")).matches("[A-Za-z0-9]{24}");
    assertThat(generated.get("sandbox-minio/root-user")).matches("flyte[A-Za-z0-9]{8}");
    JsonNode flyteConfig = new YAMLMapper().readTree(generated.get("sandbox-minio/flyte-storage-credentials.yaml"));
    assertThat(flyteConfig.at("/storage/stow/config/access_key_id").asText()).isEqualTo(generated.get("sandbox-minio/root-user"));
    assertThat(flyteConfig.at("/storage/stow/config/secret_key").asText()).isEqualTo(generated.get("sandbox-minio/root-password"));

    OnPremFixtures.Run second = run(objects);
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.output()).contains("Secret sandbox-postgres exists, kept", "Secret sandbox-minio exists, kept")
        .doesNotContain("created");
    assertThat(secrets()).isEqualTo(generated);
    assertThat(Files.readAllLines(state.resolve("calls.log"))).noneMatch(call -> call.startsWith("delete"));
  }

  @Test
  void flyte2TaskPodsGetMinioKeyInTheirNamespaceOnceAndAgainWhenTheirCopyIsGone() throws Exception {
    List<HasMetadata> objects = OnPremFixtures.objects(OnPremFixtures.sandboxV2());

    OnPremFixtures.Run first = run(objects);
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output()).contains("Secret flyte-tasks/flyte-storage-credentials created");
    Map<String, String> generated = secrets();
    assertThat(generated.get("flyte-tasks/flyte-storage-credentials/FLYTE_AWS_ACCESS_KEY_ID"))
        .isEqualTo(generated.get("sandbox-minio/root-user"));
    assertThat(generated.get("flyte-tasks/flyte-storage-credentials/FLYTE_AWS_SECRET_ACCESS_KEY"))
        .isEqualTo(generated.get("sandbox-minio/root-password"));

    OnPremFixtures.Run second = run(objects);
    assertThat(second.output()).contains("Secret flyte-tasks/flyte-storage-credentials exists, kept").doesNotContain("created");

    // The task namespace was deleted and made again: its copy is written anew from the kept MinIO Secret.
    Files.walk(state.resolve("secrets/flyte-tasks")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    OnPremFixtures.Run third = run(objects);
    assertThat(third.exitCode()).as(third.output()).isZero();
    assertThat(secrets()).isEqualTo(generated);
  }

  @Test
  void twoDeploymentsGetDifferentPasswords() throws Exception {
    assertThat(run(OnPremFixtures.objects(OnPremFixtures.sandbox())).exitCode()).isZero();
    String first = secrets().get("sandbox-postgres/password");
    Files.walk(state.resolve("secrets")).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(state.resolve("secrets")))
        .forEach(p -> p.toFile().delete());

    assertThat(run(OnPremFixtures.objects(OnPremFixtures.sandbox())).exitCode()).isZero();
    assertThat(secrets().get("sandbox-postgres/password")).isNotEqualTo(first);
  }

  @Test
  void withAnExternalStoreOnlyThePostgresSecretIsGenerated() throws Exception {
    FlyteDeployment onlyPostgres = ImmutableFlyteDeployment.builder()
        .from(OnPremFixtures.sandbox())
        .topology(dev.flyteinfra.core.model.Topology.BINARY)
        .database(FlyteDeployment.SANDBOX_DATABASE)
        .storage(ObjectStore.builder().metadataBucket("flyte").minio(ImmutableMinioStorage.builder()
            .endpoint("http://minio.storage.svc:9000")
            .accessKeyId(SecretKeyRef.of("minio-keys", "id"))
            .secretAccessKey(SecretKeyRef.of("minio-keys", "secret")).build()).build())
        .build();

    OnPremFixtures.Run run = run(OnPremFixtures.objects(onlyPostgres));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(secrets().keySet()).containsExactly("sandbox-postgres/password");
  }

  private OnPremFixtures.Run run(List<HasMetadata> objects) throws Exception {
    String job = "sandbox-credentials";
    Map<String, String> env = new HashMap<>(OnPremFixtures.plainEnv(objects, job));
    Path work = Files.createDirectories(dir.resolve("work-" + System.nanoTime()));
    env.put("WORK", work.toString());
    env.put("HOME", work.toString());
    env.put("FAKE_KUBE_STATE", state.toString());
    return OnPremFixtures.sh(OnPremFixtures.script(objects, job, CredentialsJob.SCRIPT), dir, env, bin);
  }

  /** Secret/key → value of every Secret the fake API server holds. */
  private Map<String, String> secrets() throws IOException {
    Map<String, String> values = new TreeMap<>();
    Path root = state.resolve("secrets");
    try (var files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        values.put(root.relativize(file).toString(), Files.readString(file).strip());
      }
    }
    return values;
  }
}
