package dev.flyteinfra.onprem;

import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableMinioStorage;
import dev.flyteinfra.core.model.InClusterMinio;
import dev.flyteinfra.core.model.InClusterPostgres;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.Topology;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Sandbox objects and a way to run the shipped scripts as their Job would. */
final class OnPremFixtures {
  private OnPremFixtures() {}

  static FlyteDeployment sandbox() {
    return FlyteDeployment.builder().name("sandbox").topology(Topology.SANDBOX).build();
  }

  /** The Flyte 2 sandbox: task pods in a namespace of their own. */
  static FlyteDeployment sandboxV2() {
    return FlyteDeployment.builder().name("sandbox").topology(Topology.SANDBOX).flyteVersion("2.0.42")
        .components(dev.flyteinfra.core.model.ImmutableComponents.builder().console(
            dev.flyteinfra.core.model.ConsoleSettings.of("ghcr.io/unionai-oss/flyteconsole-v2:latest@sha256:" + "0".repeat(64))).build())
        .build();
  }

  /** topology core with in-cluster Postgres and MinIO, two buckets, in its own namespace. */
  static FlyteDeployment onPrem() {
    return FlyteDeployment.builder().name("onprem").namespace("flyte-onprem").topology(Topology.CORE)
        .database(PostgresDatabase.builder().inCluster(InClusterPostgres.builder().storageSize("50Gi").storageClass("local-ssd").build())
            .build())
        .storage(ObjectStore.builder().metadataBucket("flyte-metadata").userDataBucket("flyte-data-onprem")
            .minio(ImmutableMinioStorage.builder().inCluster(InClusterMinio.builder().storageSize("500Gi").build()).build()).build())
        .build();
  }

  static List<HasMetadata> objects(FlyteDeployment deployment) {
    return FlyteManifests.synthesize(deployment).objects();
  }

  static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> kind, String name) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).filter(o -> o.getMetadata().getName().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
  }

  /** The script a Job runs, as shipped in its ConfigMap. */
  static String script(List<HasMetadata> objects, String job, String file) {
    return find(objects, ConfigMap.class, job).getData().get(file);
  }

  /** The plain environment variables of a Job's container. */
  static Map<String, String> plainEnv(List<HasMetadata> objects, String job) {
    return find(objects, Job.class, job).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(e -> e.getName(), e -> e.getValue()));
  }

  record Run(int exitCode, String output) {}

  /** Runs a script with sh in a folder, with the given environment added and PATH put first. */
  static Run sh(String script, Path dir, Map<String, String> env, Path extraPath) throws IOException, InterruptedException {
    Path file = dir.resolve("script.sh");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    ProcessBuilder builder = new ProcessBuilder("sh", file.toString()).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    if (extraPath != null) {
      builder.environment().put("PATH", extraPath + ":" + System.getenv("PATH"));
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("script did not finish in 120 s:\n" + output);
    }
    return new Run(process.exitValue(), output);
  }
}
