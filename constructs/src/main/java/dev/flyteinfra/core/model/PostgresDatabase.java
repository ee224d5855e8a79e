package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * The PostgreSQL database Flyte keeps its state in (Flyte's {@code database.postgres} section).
 * The password is mounted from a Secret and read through Flyte's {@code passwordPath}; it never
 * appears in a ConfigMap.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePostgresDatabase.class)
@JsonDeserialize(as = ImmutablePostgresDatabase.class)
public interface PostgresDatabase {
  /** Host name or IP address of the server. Required. */
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

  /** The Secret key holding the password. Required. */
  SecretKeyRef passwordSecret();

  /** libpq connection options. Default: {@code sslmode=require} (encrypted in transit). */
  @Value.Default
  default String options() {
    return "sslmode=require";
  }

  static ImmutablePostgresDatabase.Builder builder() {
    return ImmutablePostgresDatabase.builder();
  }
}
