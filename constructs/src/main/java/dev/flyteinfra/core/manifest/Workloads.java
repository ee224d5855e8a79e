package dev.flyteinfra.core.manifest;

import dev.flyteinfra.core.config.FlyteConfigSections;
import dev.flyteinfra.core.model.ImmutableResources;
import dev.flyteinfra.core.model.MinioStorage;
import dev.flyteinfra.core.model.Notifications;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.Resources;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The hardening every Flyte workload shares: the restricted Pod Security Standard (non-root,
 * no privilege escalation, all capabilities dropped, RuntimeDefault seccomp) and resources with
 * requests and a memory limit.
 */
public final class Workloads {
  /** The name of the {@link #databaseCredentials} volume. */
  public static final String DATABASE_CREDENTIALS_VOLUME = "db-pass";

  /** {@code nobody}: Flyte's images run as any user; the official charts use it too. */
  public static final long NON_ROOT_UID = 65534L;

  private Workloads() {}

  // The objects of every pod are set on plain instances: builders copy each nested object again.

  public static PodSecurityContext restrictedPodSecurityContext() {
    PodSecurityContext context = new PodSecurityContext();
    context.setRunAsNonRoot(true);
    context.setRunAsUser(NON_ROOT_UID);
    context.setRunAsGroup(NON_ROOT_UID);
    context.setFsGroup(NON_ROOT_UID);
    context.setSeccompProfile(runtimeDefaultSeccomp());
    return context;
  }

  public static SecurityContext restrictedContainerSecurityContext() {
    SecurityContext context = new SecurityContext();
    context.setRunAsNonRoot(true);
    context.setAllowPrivilegeEscalation(false);
    context.setPrivileged(false);
    Capabilities capabilities = new Capabilities();
    capabilities.setDrop(List.of("ALL"));
    context.setCapabilities(capabilities);
    context.setSeccompProfile(runtimeDefaultSeccomp());
    return context;
  }

  private static SeccompProfile runtimeDefaultSeccomp() {
    SeccompProfile profile = new SeccompProfile();
    profile.setType("RuntimeDefault");
    return profile;
  }

  /** The restricted container security context with a read-only root file system. */
  public static SecurityContext readOnlyRootContainerSecurityContext() {
    return new SecurityContextBuilder(restrictedContainerSecurityContext()).withReadOnlyRootFilesystem(true).build();
  }

  /** The volume name of {@link #sendgridApiKey}. */
  public static final String SENDGRID_KEY_VOLUME = "notifications";

  /** With notifications through SendGrid (gcp), the API key as FlyteAdmin reads it; else nothing. */
  public static List<Volume> sendgridApiKey(Optional<Notifications> notifications) {
    return notifications.flatMap(Notifications::sendgridApiKey).map(ref -> List.of(KubeObjects.secretFile(SENDGRID_KEY_VOLUME,
        ref.name(), ref.key(), FlyteConfigSections.SENDGRID_KEY_FILE))).orElse(List.of());
  }

  /** Where {@link #sendgridApiKey} is mounted, when it is. */
  public static List<VolumeMount> sendgridApiKeyMount(Optional<Notifications> notifications) {
    return notifications.flatMap(Notifications::sendgridApiKey).map(ref -> List.of(new VolumeMountBuilder()
        .withName(SENDGRID_KEY_VOLUME).withMountPath(FlyteConfigSections.SENDGRID_KEY_DIR).withReadOnly(true).build())).orElse(List.of());
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

  /**
   * The database credentials volume ({@code db-pass}, mounted at {@link PostgresDatabase#CREDENTIALS_DIR}):
   * the password as {@code pass.txt} and, with a client certificate, its Secret's
   * {@code ca.crt}, {@code tls.crt} and {@code tls.key}; readable by the pod's group only.
   */
  public static Volume databaseCredentials(PostgresDatabase db) {
    if (db.clientCertificateSecret().isEmpty()) {
      return KubeObjects.secretFile(DATABASE_CREDENTIALS_VOLUME, db.passwordSecret().name(), db.passwordSecret().key(),
          Plan.DB_PASSWORD_FILE);
    }
    return new VolumeBuilder().withName(DATABASE_CREDENTIALS_VOLUME).withNewProjected().withDefaultMode(0440)
        .addNewSource().withNewSecret().withName(db.passwordSecret().name())
            .addNewItem().withKey(db.passwordSecret().key()).withPath(Plan.DB_PASSWORD_FILE).endItem().endSecret().endSource()
        .addNewSource().withNewSecret().withName(db.clientCertificateSecret().get())
            .addNewItem().withKey("ca.crt").withPath("ca.crt").endItem()
            .addNewItem().withKey("tls.crt").withPath("tls.crt").endItem()
            .addNewItem().withKey("tls.key").withPath("tls.key").endItem().endSecret().endSource()
        .endProjected().build();
  }

  /** MinIO's access key as the AWS SDK's standard variables, from its Secret. */
  public static List<EnvVar> minioCredentials(MinioStorage minio) {
    return List.of(
        KubeObjects.secretEnv(FlyteConfigSections.STORAGE_KEY_ID_ENV, minio.accessKeyId().name(), minio.accessKeyId().key()),
        KubeObjects.secretEnv(FlyteConfigSections.STORAGE_SECRET_KEY_ENV, minio.secretAccessKey().name(), minio.secretAccessKey().key()));
  }

  public static ResourceRequirements resources(Resources r) {
    Map<String, Quantity> requests = new TreeMap<>();
    requests.put("cpu", new Quantity(r.cpu()));
    requests.put("memory", new Quantity(r.memory()));
    Map<String, Quantity> limits = new TreeMap<>();
    limits.put("memory", new Quantity(r.memoryLimit()));
    r.cpuLimit().ifPresent(limit -> limits.put("cpu", new Quantity(limit)));
    ResourceRequirements resources = new ResourceRequirements();
    resources.setRequests(requests);
    resources.setLimits(limits);
    return resources;
  }

  public static ResourceRequirements resources(String cpu, String memory, String memoryLimit) {
    return resources(ImmutableResources.builder().cpu(cpu).memory(memory).memoryLimit(memoryLimit).build());
  }

  /**
   * Prefers the replicas of the pods with these labels on different nodes (preferred: a one-node
   * cluster still schedules them); set on plain objects, as every Deployment has it.
   */
  public static Affinity spreadOverNodes(Map<String, String> matchLabels) {
    LabelSelector replicas = new LabelSelector();
    replicas.setMatchLabels(matchLabels);
    PodAffinityTerm otherNode = new PodAffinityTerm();
    otherNode.setLabelSelector(replicas);
    otherNode.setTopologyKey("kubernetes.io/hostname");
    PodAntiAffinity antiAffinity = new PodAntiAffinity();
    antiAffinity.setPreferredDuringSchedulingIgnoredDuringExecution(List.of(new WeightedPodAffinityTerm(otherNode, 100)));
    Affinity affinity = new Affinity();
    affinity.setPodAntiAffinity(antiAffinity);
    return affinity;
  }

  /** The readiness probe of FlyteAdmin's HTTP server (flyteadmin, flyte-binary), on its port (a name or a number). */
  public static Probe healthcheckReadiness(Object httpPort) {
    return KubeObjects.httpProbe("/healthcheck", httpPort, 15, 3);
  }

  /** The liveness probe of FlyteAdmin's HTTP server (flyteadmin, flyte-binary), on its port (a name or a number). */
  public static Probe healthcheckLiveness(Object httpPort) {
    return KubeObjects.httpProbe("/healthcheck", httpPort, 30, 6);
  }
}
