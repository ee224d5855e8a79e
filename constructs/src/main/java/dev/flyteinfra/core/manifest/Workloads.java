package dev.flyteinfra.core.manifest;

import dev.flyteinfra.core.config.FlyteConfigSections;
import dev.flyteinfra.core.model.ImmutableResources;
import dev.flyteinfra.core.model.MinioStorage;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.List;

/**
 * The hardening every Flyte workload shares: the restricted Pod Security Standard (non-root,
 * no privilege escalation, all capabilities dropped, RuntimeDefault seccomp) and resources with
 * requests and a memory limit.
 */
public final class Workloads {
  /** {@code nobody}: Flyte's images run as any user; the official charts use it too. */
  public static final long NON_ROOT_UID = 65534L;

  private Workloads() {}

  public static PodSecurityContext restrictedPodSecurityContext() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(NON_ROOT_UID)
        .withRunAsGroup(NON_ROOT_UID)
        .withFsGroup(NON_ROOT_UID)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  public static SecurityContext restrictedContainerSecurityContext() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  /** The restricted container security context with a read-only root file system. */
  public static SecurityContext readOnlyRootContainerSecurityContext() {
    return new SecurityContextBuilder(restrictedContainerSecurityContext()).withReadOnlyRootFilesystem(true).build();
  }

  /** Waits until PostgreSQL answers, so migrations do not crash-loop on a cold start. */
  public static Container waitForDb(String image, PostgresDatabase db) {
    return new ContainerBuilder()
        .withName("wait-for-db")
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withCommand("sh", "-ec", "until pg_isready; do echo waiting for database; sleep 1; done")
        // pg_isready reads the standard libpq variables: no value is spliced into the script.
        .withEnv(KubeObjects.env("PGHOST", db.host()), KubeObjects.env("PGPORT", Integer.toString(db.port())),
            KubeObjects.env("PGUSER", db.username()), KubeObjects.env("PGDATABASE", db.dbname()))
        .withResources(resources("10m", "16Mi", "64Mi"))
        .withSecurityContext(restrictedContainerSecurityContext())
        .build();
  }

  /** MinIO's access key as the AWS SDK's standard variables, from its Secret. */
  public static List<EnvVar> minioCredentials(MinioStorage minio) {
    return List.of(
        KubeObjects.secretEnv(FlyteConfigSections.STORAGE_KEY_ID_ENV, minio.accessKeyId().name(), minio.accessKeyId().key()),
        KubeObjects.secretEnv(FlyteConfigSections.STORAGE_SECRET_KEY_ENV, minio.secretAccessKey().name(), minio.secretAccessKey().key()));
  }

  public static ResourceRequirements resources(Resources r) {
    ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(r.cpu()))
        .addToRequests("memory", new Quantity(r.memory()))
        .addToLimits("memory", new Quantity(r.memoryLimit()));
    r.cpuLimit().ifPresent(limit -> builder.addToLimits("cpu", new Quantity(limit)));
    return builder.build();
  }

  public static ResourceRequirements resources(String cpu, String memory, String memoryLimit) {
    return resources(ImmutableResources.builder().cpu(cpu).memory(memory).memoryLimit(memoryLimit).build());
  }
}
