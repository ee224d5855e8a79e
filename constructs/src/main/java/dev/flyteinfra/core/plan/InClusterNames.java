package dev.flyteinfra.core.plan;

import dev.flyteinfra.core.model.SecretKeyRef;

/**
 * The names that tie Flyte's objects to the Postgres and MinIO run in the cluster: Services,
 * generated Secrets and their keys. Flyte's renderers reference them; the
 * {@code flyte-infra-onprem-minio} module creates them.
 */
public final class InClusterNames {
  public static final int POSTGRES_PORT = 5432;
  public static final int MINIO_API_PORT = 9000;
  public static final int MINIO_CONSOLE_PORT = 9001;
  /** Key of the generated Postgres password. */
  public static final String POSTGRES_PASSWORD_KEY = "password";
  /** Keys of MinIO's generated root credentials, which Flyte uses. */
  public static final String MINIO_USER_KEY = "root-user";
  public static final String MINIO_PASSWORD_KEY = "root-password";
  /** Key of the Flyte config file holding the same credentials ({@code storage.stow.config}). */
  public static final String MINIO_FLYTE_CONFIG_KEY = "flyte-storage-credentials.yaml";

  private final String name;
  private final String namespace;

  InClusterNames(String name, String namespace) {
    this.name = name;
    this.namespace = namespace;
  }

  /** StatefulSet, Service and generated Secret of Postgres. */
  public String postgres() {
    return name + "-" + ("postgres");
  }

  /** StatefulSet, Service and generated Secret of MinIO. */
  public String minio() {
    return name + "-" + ("minio");
  }

  /** The Job that generates the credentials, its service account and role. */
  public String credentialsJob() {
    return name + "-" + ("credentials");
  }

  /** The Job that creates Flyte's buckets. */
  public String bucketsJob() {
    return name + "-" + ("buckets");
  }

  public String postgresHost() {
    return postgres() + "." + namespace + ".svc.cluster.local";
  }

  public String minioEndpoint() {
    return "http://" + minio() + "." + namespace + ".svc.cluster.local:" + MINIO_API_PORT;
  }

  public SecretKeyRef postgresPassword() {
    return SecretKeyRef.of(postgres(), POSTGRES_PASSWORD_KEY);
  }

  public SecretKeyRef minioUser() {
    return SecretKeyRef.of(minio(), MINIO_USER_KEY);
  }

  public SecretKeyRef minioPassword() {
    return SecretKeyRef.of(minio(), MINIO_PASSWORD_KEY);
  }

  public SecretKeyRef minioFlyteConfig() {
    return SecretKeyRef.of(minio(), MINIO_FLYTE_CONFIG_KEY);
  }
}
