package dev.flyteinfra.core.model;

import java.util.List;

/**
 * Checks a {@link FlyteDeployment} and collects every problem: the deployment's own fields here,
 * each section by the rules beside its model type ({@link AuthChecks} by {@link Auth},
 * {@link StorageChecks} by {@link ObjectStore}, …), which {@link Checks} places at the section's
 * path.
 */
final class DeploymentValidator {
  /** Longest name: Service names {@code <name>-webhook} must stay DNS-1035 labels of 63 characters. */
  private static final int MAX_NAME_LENGTH = 40;

  private DeploymentValidator() {}

  static List<Problem> problems(FlyteDeployment d) {
    Checks c = Checks.root();
    if (c.required("name", d.name(), "give the deployment a name, e.g. flyte")) {
      c.matches("name", d.name(), Checks.DNS_1035_LABEL, MAX_NAME_LENGTH,
          "a DNS-1035 label: lower-case letters, digits and '-', starting with a letter");
    }
    if (c.required("namespace", d.namespace(), "name the namespace, e.g. flyte")
        && c.matches("namespace", d.namespace(), Checks.DNS_1123_LABEL, 63, "a DNS-1123 label: lower-case letters, digits and '-'")
        && Namespaces.isReserved(d.namespace())) {
      c.add("namespace", "'" + d.namespace() + "' is a namespace Kubernetes keeps for itself",
          "give Flyte a namespace of its own, e.g. flyte: it is labelled for the restricted Pod Security level");
    }
    GenerationChecks.check(c, d);
    c.required("topology", d.topology(), "choose one of: sandbox, binary, core");
    boolean sandbox = d.topology() == Topology.SANDBOX;
    if (sandbox ? d.database() != null : c.required("database", d.database(),
        "describe the PostgreSQL database (host and passwordSecret, or inCluster: {})")) {
      DatabaseChecks.check(c.at("database"), d.database());
      if (sandbox && d.database().inCluster().isEmpty()) {
        c.add("database", "the sandbox runs its own Postgres", "remove database, or set only database.inCluster");
      }
    }
    if (sandbox ? d.storage() != null : c.required("storage", d.storage(),
        "describe the object store (metadataBucket and one of s3, gcs, azure, minio)")) {
      StorageChecks.check(c.at("storage"), d.storage());
      if (sandbox && d.storage().minio().flatMap(MinioStorage::inCluster).isEmpty()) {
        c.add("storage", "the sandbox runs its own MinIO", "remove storage, or set storage.minio.inCluster");
      }
    }
    d.identity().ifPresent(identity -> IdentityChecks.check(c.at("identity"), identity));
    d.taskIdentity().ifPresent(identity -> IdentityChecks.check(c.at("taskIdentity"), identity));
    IdentityChecks.sameCloud(c, d);
    d.ingress().ifPresent(ingress -> IngressChecks.check(c.at("ingress"), ingress));
    ComponentsChecks.check(c.at("components"), d.components(), d.topology());
    DomainChecks.checkDomains(c.at("domains"), d);
    DomainChecks.checkProjects(c.at("projects"), d.projects(), d.domains());
    CoreChecks.check(c, d);
    InstallationChecks.check(c, d);
    if (d.logLevel() < 0 || d.logLevel() > 5) {
      c.add("logLevel", "must be between 0 (panic) and 5 (debug), got " + d.logLevel(), "use 4 for info or 5 for debug");
    }
    if (d.taskLogs() != null) {
      TaskLogsChecks.check(c.at("taskLogs"), d.taskLogs());
    }
    if (d.plugins() != null) {
      PluginChecks.check(c.at("plugins"), d.plugins());
    }
    if (d.taskSecrets() != null) {
      TaskSecretsChecks.check(c.at("taskSecrets"), d.taskSecrets());
    }
    if (d.monitoring() != null) {
      MonitoringChecks.check(c.at("monitoring"), d.monitoring(), d.topology());
    }
    d.auth().ifPresent(auth -> AuthChecks.check(c.at("auth"), auth, d));
    d.notifications().ifPresent(notifications -> NotificationsChecks.check(c.at("notifications"), notifications));
    ExtraConfigChecks.check(c.at("extraConfig"), d.extraConfig(), d.generation());
    return c.problems();
  }
}
