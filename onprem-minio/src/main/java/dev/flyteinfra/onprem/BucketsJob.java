package dev.flyteinfra.onprem;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.MinioStorage;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The Job that creates Flyte's buckets in the in-cluster MinIO, with the AWS CLI; idempotent. */
final class BucketsJob {
  /** The AWS CLI's official image, pinned; it brings {@code sh} and {@code aws}. */
  static final String AWS_CLI_IMAGE = "docker.io/amazon/aws-cli:2.17.0";
  static final String SCRIPT = "create-buckets.sh";

  private final OnPremObjects objects;

  BucketsJob(OnPremObjects objects) {
    this.objects = objects;
  }

  List<HasMetadata> render(MinioStorage minio, List<String> buckets) {
    String name = objects.plan().inClusterNames().bucketsJob();
    var script = KubeObjects.configMap(objects.meta(name, MinioServer.APP), new TreeMap<>(Map.of(SCRIPT, OnPremObjects.script(SCRIPT))));
    var container = new ContainerBuilder()
        .withName("create-buckets")
        .withImage(AWS_CLI_IMAGE)
        .withImagePullPolicy("IfNotPresent")
        .withCommand("sh", OnPremObjects.SCRIPT_DIR + "/" + SCRIPT)
        .withEnv(
            KubeObjects.env("S3_ENDPOINT", minio.endpoint()),
            KubeObjects.env("BUCKETS", String.join(" ", buckets)),
            KubeObjects.env("AWS_DEFAULT_REGION", minio.region()),
            KubeObjects.env("HOME", "/tmp"),
            KubeObjects.secretEnv("AWS_ACCESS_KEY_ID", minio.accessKeyId().name(), minio.accessKeyId().key()),
            KubeObjects.secretEnv("AWS_SECRET_ACCESS_KEY", minio.secretAccessKey().name(), minio.secretAccessKey().key()))
        .withResources(Workloads.resources("10m", "64Mi", "256Mi"))
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .build();
    return List.of(script, objects.job(name, MinioServer.APP, Optional.empty(), container, name, List.of(OnPremObjects.memoryDir("tmp"))));
  }
}
