package dev.flyteinfra.core.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** The rules of {@code database:} ({@link PostgresDatabase}) and of a server run in the cluster ({@link InClusterServer}). */
final class DatabaseChecks {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}");
  private static final Pattern POSTGRES_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");

  private DatabaseChecks() {}

  static void check(Checks c, PostgresDatabase db) {
    if (db.inCluster().isPresent()) {
      c.absent("host", db.host(), "the in-cluster Postgres is reached at its Service");
      c.absent("passwordSecret", db.passwordSecret(), "the in-cluster Postgres' password is generated into a Secret");
      c.absent("clientCertificateSecret", db.clientCertificateSecret().orElse(null), "the in-cluster Postgres takes no client certificates");
      inClusterServer(c.at("inCluster"), db.inCluster().get());
    } else if (c.required("host", db.host(), "give the server's host name or IP address, or set database.inCluster")) {
      if (!Checks.isToken(db.host()) && !IPV4.matcher(db.host()).matches()
          && !(Checks.DNS_1123_SUBDOMAIN.matcher(db.host()).matches() && db.host().length() <= 253)) {
        c.add("host", "'" + db.host() + "' is neither a host name nor an IPv4 address",
            "use a DNS name such as flyte.abc.us-east-1.rds.amazonaws.com or an address such as 10.0.0.5");
      }
    }
    c.port("port", db.port());
    if (c.required("dbname", db.dbname(), "name the database, e.g. flyte")) {
      c.matches("dbname", db.dbname(), POSTGRES_NAME, 63, "a PostgreSQL name: letters, digits, '_', '$' and '-'");
    }
    if (c.required("username", db.username(), "name the database user, e.g. flyte")) {
      c.matches("username", db.username(), POSTGRES_NAME, 63, "a PostgreSQL name: letters, digits, '_', '$' and '-'");
    }
    if (db.inCluster().isEmpty() && c.required("passwordSecret", db.passwordSecret(),
        "reference the Secret key holding the password, e.g. {name: flyte-db, key: password}")) {
      c.secretRef("passwordSecret", db.passwordSecret());
    }
    db.clientCertificateSecret().filter(name -> !Checks.isToken(name)).ifPresent(name -> c.matches("clientCertificateSecret", name,
        Checks.DNS_1123_SUBDOMAIN, 253, "a Secret name: lower-case letters, digits, '-' and '.'"));
    if (c.required("options", db.options(), "give libpq options, e.g. sslmode=require")
        && db.options().toLowerCase(Locale.ROOT).contains("password")) {
      c.add("options", "holds a password in plain text", "remove it and reference a Secret in database.passwordSecret");
    }
  }

  /** The rules of PostgreSQL or MinIO run in the cluster. */
  static void inClusterServer(Checks c, InClusterServer server) {
    c.quantity("storageSize", server.storageSize()).filter(size -> size.signum() <= 0).ifPresent(size ->
        c.add("storageSize", "must be larger than zero", "give the volume's size, e.g. 10Gi"));
    server.storageClass().ifPresent(sc -> c.matches("storageClass", sc, Checks.DNS_1123_SUBDOMAIN, 253, "a StorageClass name"));
    ResourcesChecks.check(c.at("resources"), server.resources());
    c.required("image", server.image(), "name a pinned image, or leave image out for the default");
  }
}
