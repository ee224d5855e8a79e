package dev.flyteinfra.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flyteinfra.core.manifest.Workloads;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import org.junit.jupiter.api.Test;

class FlyteDeploymentTest {

  private static ImmutableFlyteDeployment.Builder minimal() {
    return FlyteDeployment.builder()
        .name("flyte")
        .database(PostgresDatabase.builder().host("db.example.com").passwordSecret(SecretKeyRef.of("flyte-db", "password")).build())
        .storage(ObjectStore.builder().metadataBucket("flyte-metadata").s3(ImmutableS3Storage.builder().region("us-east-1").build()).build());
  }

  @Test
  void aMinimalDescriptionIsValidWithDocumentedDefaults() {
    FlyteDeployment d = minimal().build();

    assertThat(d.validate()).isEmpty();
    assertThat(d.namespace()).isEqualTo("flyte");
    assertThat(d.flyteVersion()).isEqualTo("1.16.8");
    assertThat(d.topology()).isEqualTo(Topology.BINARY);
    assertThat(d.database().port()).isEqualTo(5432);
    assertThat(d.database().options()).isEqualTo("sslmode=require");
    assertThat(d.storage().effectiveUserDataBucket()).isEqualTo("flyte-metadata");
    assertThat(d.projects()).extracting(Project::name).containsExactly("flytesnacks");
    assertThat(d.components().binary().resources().memoryLimit()).isEqualTo("2Gi");
  }

  @Test
  void anEmptyBuilderBuildsAndListsEveryRequiredField() {
    FlyteDeployment d = FlyteDeployment.builder().build();

    assertThat(d.validate()).extracting(Problem::path).containsExactly("name", "database", "storage");
    assertThatThrownBy(d::requireValid).isInstanceOf(InvalidDeploymentException.class)
        .hasMessageContaining("3 problem(s)")
        .hasMessageContaining("name: is required — give the deployment a name");
  }

  @Test
  void unresolvedCdkTokensPassFormatChecks() {
    FlyteDeployment d = minimal()
        .database(PostgresDatabase.builder().host("${Token[TOKEN.123]}").passwordSecret(SecretKeyRef.of("flyte-db", "password")).build())
        .storage(ObjectStore.builder().metadataBucket("${Token[TOKEN.456]}")
            .s3(ImmutableS3Storage.builder().region("${Token[AWS.Region.7]}").build()).build())
        .identity(WorkloadIdentity.awsRole("${Token[TOKEN.789]}"))
        .build();

    assertThat(d.validate()).isEmpty();
  }

  @Test
  void aClientCertificateIsVerifiedAndMountedBesideThePassword() {
    PostgresDatabase db = PostgresDatabase.builder().host("10.1.2.3").passwordSecret(SecretKeyRef.of("flyte-db", "password"))
        .clientCertificateSecret("flyte-db-client").build();

    assertThat(db.options()).isEqualTo("sslmode=verify-ca sslrootcert=/etc/db/ca.crt sslcert=/etc/db/tls.crt sslkey=/etc/db/tls.key");
    Volume volume = Workloads.databaseCredentials(db);
    assertThat(volume.getName()).isEqualTo(Workloads.DATABASE_CREDENTIALS_VOLUME);
    assertThat(volume.getProjected().getDefaultMode()).isEqualTo(0440);
    assertThat(volume.getProjected().getSources()).extracting(VolumeProjection::getSecret)
        .extracting(secret -> secret.getName() + ":" + secret.getItems().stream().map(item -> item.getPath()).toList())
        .containsExactly("flyte-db:[pass.txt]", "flyte-db-client:[ca.crt, tls.crt, tls.key]");
    assertThat(minimal().database(db).build().validate()).isEmpty();
    assertThat(minimal().database(PostgresDatabase.builder().from(db).clientCertificateSecret("Not_A_Name").build()).build().validate())
        .extracting(Problem::path).containsExactly("database.clientCertificateSecret");
  }

  @Test
  void problemsReadAsPathMessageAndFix() {
    Problem problem = new Problem("database.port", "must be between 1 and 65535, got 0", "use 5432");

    assertThat(problem).hasToString("database.port: must be between 1 and 65535, got 0 — use 5432");
  }
}
