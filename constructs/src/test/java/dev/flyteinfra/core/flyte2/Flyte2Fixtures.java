package dev.flyteinfra.core.flyte2;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ConsoleSettings;
import dev.flyteinfra.core.model.ImmutableComponents;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableS3Storage;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.model.WorkloadIdentity;

/** Flyte 2 deployments the tests of this package start from. */
final class Flyte2Fixtures {
  static final String CONSOLE = "ghcr.io/unionai-oss/flyteconsole-v2:latest@sha256:" + "a".repeat(64);

  private Flyte2Fixtures() {}

  /** Flyte 2 on S3 with IRSA for the binary and the tasks. */
  static ImmutableFlyteDeployment binary() {
    return FlyteDeployment.builder()
        .name("flyte")
        .flyteVersion("2.0.42")
        .topology(Topology.BINARY)
        .components(ImmutableComponents.builder().console(ConsoleSettings.of(CONSOLE)).build())
        .database(PostgresDatabase.builder().host("db.example.com").passwordSecret(SecretKeyRef.of("flyte-db", "password")).build())
        .storage(ObjectStore.builder().metadataBucket("flyte-data").s3(ImmutableS3Storage.builder().region("us-east-1").build()).build())
        .identity(WorkloadIdentity.awsRole("arn:aws:iam::123456789012:role/flyte"))
        .taskIdentity(WorkloadIdentity.awsRole("arn:aws:iam::123456789012:role/flyte-tasks"))
        .build();
  }

  /** The Flyte 2 sandbox: Postgres and MinIO in the cluster. */
  static ImmutableFlyteDeployment sandbox() {
    return FlyteDeployment.builder()
        .name("sandbox")
        .flyteVersion("2.0.42")
        .topology(Topology.SANDBOX)
        .components(ImmutableComponents.builder().console(ConsoleSettings.of(CONSOLE)).build())
        .build();
  }
}
