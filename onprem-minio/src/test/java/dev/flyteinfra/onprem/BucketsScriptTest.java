package dev.flyteinfra.onprem;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bucket Job's script, as shipped and with the Job's environment, run with the AWS CLI against
 * a real S3 API server (s3rver, from npm): it creates the buckets, and a second run succeeds and
 * keeps them with their objects. Needs {@code aws} on the PATH and
 * {@code npm ci --prefix onprem-minio/src/test/s3rver} (both done by .ci/run).
 */
class BucketsScriptTest {
  private static final Path S3RVER = Path.of("src/test/s3rver/node_modules/.bin/s3rver").toAbsolutePath();
  private static Process server;
  private static String endpoint;
  private static Path data;

  @TempDir
  Path dir;

  @BeforeAll
  static void startS3Server(@TempDir Path serverDir) throws Exception {
    assertThat(S3RVER).as("the S3 test server: run npm ci --prefix onprem-minio/src/test/s3rver").exists();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    data = Files.createDirectories(serverDir.resolve("data"));
    server = new ProcessBuilder(S3RVER.toString(), "--directory", data.toString(), "--port", Integer.toString(port), "--silent")
        .redirectErrorStream(true).redirectOutput(serverDir.resolve("s3rver.log").toFile()).start();
    endpoint = "http://localhost:" + port;
    for (int attempt = 0; ; attempt++) {
      try (Socket probe = new Socket("localhost", port)) {
        break;
      } catch (IOException notYet) {
        assertThat(attempt).as("s3rver did not start: " + Files.readString(serverDir.resolve("s3rver.log"))).isLessThan(100);
        Thread.sleep(100);
      }
    }
  }

  @AfterAll
  static void stopS3Server() throws InterruptedException {
    server.destroy();
    server.waitFor();
  }

  @Test
  void createsTheBucketsAndASecondRunKeepsThemAndTheirObjects() throws Exception {
    List<HasMetadata> objects = OnPremFixtures.objects(OnPremFixtures.sandbox());

    OnPremFixtures.Run first = run(objects, endpoint, "60");
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output()).contains("bucket flyte-data created");
    assertThat(data.resolve("flyte-data")).isDirectory();
    OnPremFixtures.Run put = OnPremFixtures.sh(
        "set -eu\necho hello > object.txt\naws --endpoint-url \"$S3_ENDPOINT\" s3 cp object.txt s3://flyte-data/kept/object.txt\n",
        dir, env(objects, endpoint, "60"), null);
    assertThat(put.exitCode()).as(put.output()).isZero();

    OnPremFixtures.Run second = run(objects, endpoint, "60");
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.output()).contains("bucket flyte-data exists, kept").doesNotContain("created");
    OnPremFixtures.Run get = OnPremFixtures.sh(
        "set -eu\naws --endpoint-url \"$S3_ENDPOINT\" s3 cp s3://flyte-data/kept/object.txt -\n", dir, env(objects, endpoint, "60"), null);
    assertThat(get.output()).contains("hello");
  }

  @Test
  void createsBothBucketsOfAnOnPremDeploymentOnce() throws Exception {
    List<HasMetadata> objects = OnPremFixtures.objects(OnPremFixtures.onPrem());
    assertThat(OnPremFixtures.plainEnv(objects, "onprem-buckets")).containsEntry("BUCKETS", "flyte-metadata flyte-data-onprem");

    for (int i = 0; i < 2; i++) {
      OnPremFixtures.Run run = run(objects, endpoint, "60");
      assertThat(run.exitCode()).as(run.output()).isZero();
    }
    assertThat(data.resolve("flyte-metadata")).isDirectory();
    assertThat(data.resolve("flyte-data-onprem")).isDirectory();
  }

  @Test
  void failsWhenMinioNeverAnswers() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    OnPremFixtures.Run run = run(OnPremFixtures.objects(OnPremFixtures.sandbox()), "http://localhost:" + closed, "0");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("did not answer within 0s");
  }

  private OnPremFixtures.Run run(List<HasMetadata> objects, String s3Endpoint, String waitSeconds) throws Exception {
    String job = bucketsJob(objects);
    return OnPremFixtures.sh(OnPremFixtures.script(objects, job, BucketsJob.SCRIPT), dir, env(objects, s3Endpoint, waitSeconds), null);
  }

  private static String bucketsJob(List<HasMetadata> objects) {
    return objects.stream().filter(o -> o.getMetadata().getName().endsWith("-buckets")).findFirst().orElseThrow()
        .getMetadata().getName();
  }

  /** The Job's environment, pointed at the test server with its fixed key (the Job reads them from the Secret). */
  private Map<String, String> env(List<HasMetadata> objects, String s3Endpoint, String waitSeconds) {
    String job = bucketsJob(objects);
    Map<String, String> env = new HashMap<>(OnPremFixtures.plainEnv(objects, job));
    env.put("S3_ENDPOINT", s3Endpoint);
    env.put("HOME", dir.toString());
    env.put("WAIT_SECONDS", waitSeconds);
    env.put("AWS_ACCESS_KEY_ID", "S3RVER");
    env.put("AWS_SECRET_ACCESS_KEY", "S3RVER");
    return env;
  }
}
