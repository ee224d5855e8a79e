package dev.flyteinfra.aws;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.ManifestWriter;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;

/**
 * Copies the RDS password from Secrets Manager into the Kubernetes Secret Flyte mounts: a Job
 * whose service account may read only that one secret (IRSA) and write only that one Kubernetes
 * Secret. The password never appears in the template or the manifests; re-running it re-syncs.
 */
final class DatabasePasswordSync {
  static final String COMPONENT = "database-password";
  /** kubectl, the AWS CLI and jq in one image, pinned. */
  static final String IMAGE = "docker.io/alpine/k8s:1.31.4";
  static final String SCRIPT = """
      set -eu
      aws secretsmanager get-secret-value --secret-id "$SECRET_ARN" --query SecretString --output text > /work/secret.json
      jq -j .password /work/secret.json > /work/password
      kubectl create secret generic "$KUBERNETES_SECRET" --from-file=password=/work/password --dry-run=client -o yaml \\
        | kubectl apply -f -
      rm -f /work/secret.json /work/password
      echo "Secret $KUBERNETES_SECRET synced from Secrets Manager"
      """;

  private DatabasePasswordSync() {}

  static List<Map<String, Object>> objects(Plan plan, FlyteDatabase database, ServiceAccountRoles roles, String kubernetesSecret) {
    String name = plan.nameWith(COMPONENT);
    Role reader = roles.role("DatabasePasswordReader", List.of("system:serviceaccount:" + plan.namespace() + ":" + name),
        List.of(PolicyStatement.Builder.create().effect(Effect.ALLOW)
            .actions(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
            .resources(List.of(database.getSecret().getSecretArn())).build()));
    ObjectMeta meta = meta(plan, name);
    List<HasMetadata> objects = List.of(
        new ServiceAccountBuilder().withMetadata(new ObjectMetaBuilder(meta)
            .withAnnotations(Map.of("eks.amazonaws.com/role-arn", reader.getRoleArn())).build()).build(),
        KubeObjects.secretWriterRole(meta(plan, name), List.of(kubernetesSecret)),
        KubeObjects.roleBinding(meta(plan, name), name),
        new JobBuilder().withMetadata(meta(plan, name)).withNewSpec()
            .withBackoffLimit(10).withTtlSecondsAfterFinished(3600)
            .withNewTemplate().withNewMetadata().withLabels(plan.labels().standard(COMPONENT, COMPONENT)).endMetadata()
            .withNewSpec()
            .withServiceAccountName(name)
            .withRestartPolicy("OnFailure")
            .withSecurityContext(Workloads.restrictedPodSecurityContext())
            .withContainers(new ContainerBuilder()
                .withName("sync")
                .withImage(IMAGE)
                .withImagePullPolicy("IfNotPresent")
                .withCommand("sh", "-c", SCRIPT)
                .withEnv(KubeObjects.env("SECRET_ARN", database.getSecret().getSecretArn()),
                    KubeObjects.env("KUBERNETES_SECRET", kubernetesSecret),
                    KubeObjects.env("HOME", "/work"))
                .withResources(Workloads.resources("10m", "64Mi", "256Mi"))
                .withSecurityContext(Workloads.readOnlyRootContainerSecurityContext())
                .addNewVolumeMount().withName("work").withMountPath("/work").endVolumeMount()
                .build())
            .withVolumes(KubeObjects.emptyDir("work"))
            .endSpec().endTemplate().endSpec().build());
    return objects.stream().map(ManifestWriter::toPlainMap).toList();
  }

  private static ObjectMeta meta(Plan plan, String name) {
    return new ObjectMetaBuilder().withName(name).withNamespace(plan.namespace())
        .withLabels(new TreeMap<>(plan.labels().standard(COMPONENT, COMPONENT))).build();
  }
}
