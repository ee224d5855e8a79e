package dev.flyteinfra.onprem;

import dev.flyteinfra.core.config.FlyteConfigSections;
import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.plan.InClusterNames;
import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Job that generates the in-cluster servers' credentials into Secrets the first time, and
 * keeps them from then on: the values exist only in the cluster, never in the synthesized YAML.
 * Its service account may read and create Secrets in Flyte's namespace, and change only these (and,
 * for Flyte 2 with MinIO, the tasks' copy of MinIO's key in the task namespace).
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
    // Flyte 2 runs task pods in a namespace of its own: MinIO's key goes there too, as they read it.
    boolean taskCredentials = plan.runsMinio() && plan.generation() == Generation.FLYTE_2;
    String taskNamespace = taskCredentials ? plan.taskNamespace() : "";
    var script = KubeObjects.configMap(objects.meta(name, APP), new TreeMap<>(Map.of(SCRIPT, OnPremObjects.script(SCRIPT))));
    var container = new ContainerBuilder()
        .withName("generate-credentials")
        .withImage(plan.images().kubectl())
        .withImagePullPolicy("IfNotPresent")
        .withCommand("sh", OnPremObjects.SCRIPT_DIR + "/" + SCRIPT)
        .withEnv(
            KubeObjects.env("POSTGRES_CREDENTIALS", postgresSecret),
            KubeObjects.env("MINIO_CREDENTIALS", minioSecret),
            KubeObjects.env("TASK_NAMESPACE", taskNamespace),
            KubeObjects.env("TASK_CREDENTIALS", FlyteConfigSections.TASK_STORAGE_SECRET),
            KubeObjects.env("WORK", "/work"),
            KubeObjects.env("HOME", "/work"))
        .withResources(Workloads.resources("10m", "32Mi", "128Mi"))
        .addNewVolumeMount().withName("work").withMountPath("/work").endVolumeMount()
        .build();
    List<HasMetadata> rendered = new ArrayList<>(List.of(
        new ServiceAccountBuilder().withMetadata(objects.meta(name, APP)).withAutomountServiceAccountToken(false).build(),
        KubeObjects.secretWriterRole(objects.meta(name, APP), secrets),
        KubeObjects.roleBinding(objects.meta(name, APP), name)));
    if (taskCredentials) {
      ObjectMeta inTasks = new ObjectMetaBuilder(objects.meta(name, APP)).withNamespace(taskNamespace).build();
      rendered.add(KubeObjects.secretWriterRole(inTasks, List.of(FlyteConfigSections.TASK_STORAGE_SECRET)));
      rendered.add(KubeObjects.roleBinding(new ObjectMetaBuilder(inTasks).build(), name, plan.namespace()));
    }
    rendered.add(script);
    rendered.add(objects.job(name, APP, Optional.of(name), container, name, List.of(OnPremObjects.memoryDir("work"))));
    return rendered;
  }
}
