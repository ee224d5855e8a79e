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
   * A Secret with a client certificate for servers that require one (Cloud SQL with
   * {@code requireSsl}): keys {@code tls.crt}, {@code tls.key} and the server's CA in
   * {@code ca.crt}. Mounted beside the password in {@value #CREDENTIALS_DIR}. Default: none.
   */
  Optional<String> clientCertificateSecret();

  /**
   * libpq connection options. Default: {@code sslmode=require} (encrypted in transit); with a
   * {@code clientCertificateSecret}, {@code sslmode=verify-ca} with its three files; for
   * {@code inCluster}, {@code sslmode=disable} (the in-cluster server has no certificate, and a
   * NetworkPolicy admits only Flyte's pods).
   */
  @Value.Default
  default String options() {
    if (inCluster().isPresent()) {
      return "sslmode=disable";
    }
    return clientCertificateSecret().isPresent() ? CLIENT_CERTIFICATE_OPTIONS : "sslmode=require";
  }

  /** Where Flyte's pods find the password file and, with a client certificate, its files. */
  String CREDENTIALS_DIR = "/etc/db";

  /** The options for a client certificate: the server's certificate checked against its CA. */
  String CLIENT_CERTIFICATE_OPTIONS = "sslmode=verify-ca sslrootcert=" + CREDENTIALS_DIR + "/ca.crt sslcert=" + CREDENTIALS_DIR
      + "/tls.crt sslkey=" + CREDENTIALS_DIR + "/tls.key";

  static ImmutablePostgresDatabase.Builder builder() {
    return ImmutablePostgresDatabase.builder();
  }
}
