package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The PostgreSQL database Flyte keeps its state in (Flyte's {@code database.postgres} section):
 * an existing server ({@code host} and {@code passwordSecret}) or one run in the cluster
 * ({@code inCluster}). The password is mounted from a Secret and read through Flyte's
 * {@code passwordPath}; it never appears in a ConfigMap.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePostgresDatabase.class)
@JsonDeserialize(as = ImmutablePostgresDatabase.class)
public interface PostgresDatabase {
  /** Host name or IP address of the server. Required, unless {@code inCluster} is set. */
  String host();

  /** Default: 5432. */
  @Value.Default
  default int port() {
    return 5432;
  }

  /** Database name. Default: {@code flyte}. */
  @Value.Default
  default String dbname() {
    return "flyte";
  }

  /** Default: {@code flyte}. */
  @Value.Default
  default String username() {
    return "flyte";
  }

  /** The Secret key holding the password. Required, unless {@code inCluster} is set (then generated). */
  SecretKeyRef passwordSecret();

  /** Run the server in the cluster instead of naming one. Default: none. */
  Optional<InClusterPostgres> inCluster();

  /**
   * libpq connection options. Default: {@code sslmode=require} (encrypted in transit); for
   * {@code inCluster}, {@code sslmode=disable} (the in-cluster server has no certificate, and a
   * NetworkPolicy admits only Flyte's pods).
   */
  @Value.Default
  default String options() {
    return inCluster().isPresent() ? "sslmode=disable" : "sslmode=require";
  }

  static ImmutablePostgresDatabase.Builder builder() {
    return ImmutablePostgresDatabase.builder();
  }
}
