package dev.flyteinfra.onprem;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.plan.InClusterNames;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Job that generates the in-cluster servers' credentials into Secrets the first time, and
 * keeps them from then on: the values exist only in the cluster, never in the synthesized YAML.
 * Its service account may read and create Secrets in Flyte's namespace, and change only these.
 */
final class CredentialsJob {
  static final String APP = "credentials";
  static final String SCRIPT = "generate-credentials.sh";

  private final OnPremObjects objects;

  CredentialsJob(OnPremObjects objects) {
    this.objects = objects;
  }

  List<HasMetadata> render() {
    Plan plan = objects.plan();
    InClusterNames names = plan.inClusterNames();
    String name = names.credentialsJob();
    // The script reads an empty name as "not wanted".
    String postgresSecret = plan.runsPostgres() ? names.postgres() : "";
    String minioSecret = plan.runsMinio() ? names.minio() : "";
    List<String> secrets = Stream.of(postgresSecret, minioSecret).filter(secret -> !secret.isEmpty()).toList();
    var script = KubeObjects.configMap(objects.meta(name, APP), new TreeMap<>(Map.of(SCRIPT, OnPremObjects.script(SCRIPT))));
    var container = new ContainerBuilder()
        .withName("generate-credentials")
        .withImage(plan.images().kubectl())
        .withImagePullPolicy("IfNotPresent")
        .withCommand("sh", OnPremObjects.SCRIPT_DIR + "/" + SCRIPT)
        .withEnv(
            KubeObjects.env("POSTGRES_CREDENTIALS", postgresSecret),
            KubeObjects.env("MINIO_CREDENTIALS", minioSecret),
            KubeObjects.env("WORK", "/work"),
            KubeObjects.env("HOME", "/work"))
        .withResources(Workloads.resources("10m", "32Mi", "128Mi"))
        .addNewVolumeMount().withName("work").withMountPath("/work").endVolumeMount()
        .build();
    return List.of(
        new ServiceAccountBuilder().withMetadata(objects.meta(name, APP)).withAutomountServiceAccountToken(false).build(),
        KubeObjects.secretWriterRole(objects.meta(name, APP), secrets),
        KubeObjects.roleBinding(objects.meta(name, APP), name),
        script,
        objects.job(name, APP, Optional.of(name), container, name, List.of(OnPremObjects.memoryDir("work"))));
  }
}
