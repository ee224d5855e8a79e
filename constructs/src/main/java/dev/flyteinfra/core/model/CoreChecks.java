package dev.flyteinfra.core.model;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rules of what only the core topology has: {@code propeller:} ({@link PropellerSettings}),
 * its sharding, and {@code multiCluster:} ({@link MultiCluster}).
 */
final class CoreChecks {
  private static final PropellerSettings DEFAULT_PROPELLER = ImmutablePropellerSettings.builder().build();
  /** A gRPC target as Flyte's clients dial it: {@code dns:///host:port} or {@code host:port} (the port defaults to 443). */
  private static final Pattern GRPC_TARGET = Pattern.compile("(dns:///)?[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:\\d{1,5})?");

  private CoreChecks() {}

  static void check(Checks root, FlyteDeployment d) {
    boolean core = d.topology() == Topology.CORE;
    if (!core && d.multiCluster().isPresent()) {
      root.add("multiCluster", "needs topology core", "set topology: core, or remove multiCluster");
    }
    if (core && d.multiCluster().isPresent() && d.storage() != null && d.storage().minio().flatMap(MinioStorage::inCluster).isPresent()) {
      root.add("storage.minio.inCluster", "data planes in other clusters cannot reach a MinIO inside the control plane's cluster",
          "give storage.minio.endpoint of an object store every cluster reaches");
    }
    PropellerSettings propeller = d.propeller();
    if (propeller != null) {
      Checks c = root.at("propeller");
      if (!core && propeller.sharding().isPresent()) {
        c.add("sharding", "needs topology core", "set topology: core, or remove propeller.sharding");
      } else if (!core) {
        ComponentsChecks.unused(root, "propeller", !propeller.equals(DEFAULT_PROPELLER), "the core topology",
            "remove it: flyte-binary runs FlytePropeller with the chart's settings");
      }
      c.positive("workers", propeller.workers(), "use 10 to 100 workers");
      c.positive("kubeClientQps", propeller.kubeClientQps(), "use e.g. 100");
      c.positive("kubeClientBurst", propeller.kubeClientBurst(), "use e.g. 25");
      if (propeller.maxWorkflowRetries() < 0) {
        c.add("maxWorkflowRetries", "must not be negative", "use e.g. 50");
      }
      propeller.sharding().ifPresent(sharding -> checkSharding(c.at("sharding"), sharding, d.domains()));
    }
    d.multiCluster().ifPresent(multi -> checkMultiCluster(root.at("multiCluster"), multi));
  }

  private static void checkSharding(Checks c, PropellerSharding sharding, List<Domain> domains) {
    if (!c.required("type", sharding.type(), "choose hash, project or domain")) {
      return;
    }
    if (sharding.type() == PropellerSharding.Type.HASH) {
      if (sharding.shardCount() < 2) {
        c.add("shardCount", "must be at least 2 for hash sharding, got " + sharding.shardCount(), "use e.g. 4");
      }
      if (!sharding.shards().isEmpty()) {
        c.add("shards", "is for project and domain sharding", "remove it, or use type project or domain");
      }
      return;
    }
    if (sharding.shards().size() < 2) {
      c.add("shards", "needs at least 2 shards, got " + sharding.shards().size(), "list the ids of each shard, e.g. [[flytesnacks], ['*']]");
    }
    Set<String> seen = new HashSet<>();
    Set<String> domainNames = new HashSet<>();
    domains.forEach(domain -> domainNames.add(domain.name()));
    for (int i = 0; i < sharding.shards().size(); i++) {
      List<String> ids = sharding.shards().get(i);
      Checks shard = c.at("shards").item(i);
      if (ids.isEmpty()) {
        shard.add("", "is empty", "list at least one id, or '*' for all the rest");
      }
      for (String id : ids) {
        if (!seen.add(id)) {
          shard.add("", "'" + id + "' is in more than one shard", "put every id in exactly one shard");
        } else if (id.equals("*") && (ids.size() != 1 || i != sharding.shards().size() - 1)) {
          shard.add("", "'*' must be alone in the last shard", "move '*' to a last shard of its own");
        } else if (sharding.type() == PropellerSharding.Type.DOMAIN && !id.equals("*") && !domainNames.contains(id)) {
          shard.add("", "'" + id + "' is not a domain", "use one of " + new TreeSet<>(domainNames));
        }
      }
    }
  }

  private static void checkMultiCluster(Checks c, MultiCluster multi) {
    if (c.required("adminEndpoint", multi.adminEndpoint(),
        "give FlyteAdmin's gRPC address as data planes reach it, e.g. dns:///flyte.example.com:443")) {
      grpcTarget(c, "adminEndpoint", multi.adminEndpoint(), "dns:///flyte.example.com:443");
    }
    if (c.required("catalogEndpoint", multi.catalogEndpoint(), "give DataCatalog's gRPC address as data planes reach it")) {
      grpcTarget(c, "catalogEndpoint", multi.catalogEndpoint(), "datacatalog.example.com:443");
    }
    if (c.required("controlPlaneName", multi.controlPlaneName(), "name the control plane, e.g. control-plane")) {
      c.matches("controlPlaneName", multi.controlPlaneName(), Checks.DNS_1123_LABEL, 63, "a DNS-1123 label");
    }
    List<DataPlaneCluster> planes = multi.dataPlanes();
    if (planes.stream().noneMatch(DataPlaneCluster::enabled)) {
      c.add("dataPlanes", planes.isEmpty() ? "is empty" : "has no enabled cluster",
          "list at least one enabled data plane: executions need somewhere to run");
    }
    Set<String> names = new HashSet<>();
    Set<String> servedLabels = new HashSet<>();
    Map<String, Checks> firstUse = new TreeMap<>();
    for (int i = 0; i < planes.size(); i++) {
      DataPlaneCluster plane = planes.get(i);
      Checks p = c.at("dataPlanes").item(i);
      if (p.required("name", plane.name(), "name the cluster, e.g. dp-us-east-1")
          && p.matches("name", plane.name(), Checks.DNS_1123_LABEL, 63, "a DNS-1123 label")) {
        if (!names.add(plane.name()) || plane.name().equals(multi.controlPlaneName())) {
          p.add("name", "'" + plane.name() + "' is not unique", "give every cluster, control plane included, its own name");
        }
      }
      if (p.required("endpoint", plane.endpoint(), "give the cluster's API server URL")
          && !Checks.isToken(plane.endpoint()) && !plane.endpoint().matches("https://[^\\s/]+(:\\d+)?/?")) {
        p.add("endpoint", "'" + plane.endpoint() + "' is not an https API server URL", "write it as https://host[:port]");
      }
      if (p.required("credentialsSecret", plane.credentialsSecret(), "name the Secret holding the token and ca.crt")) {
        p.matches("credentialsSecret", plane.credentialsSecret(), Checks.DNS_1123_SUBDOMAIN, 253, "a Secret name");
      }
      for (int j = 0; j < plane.labels().size(); j++) {
        String label = plane.labels().get(j);
        Checks labelChecks = p.at("labels").item(j);
        labelChecks.matches("", label, Checks.DNS_1123_LABEL, 63, "a DNS-1123 label");
        firstUse.putIfAbsent(label, labelChecks);
        if (plane.enabled()) {
          servedLabels.add(label);
        }
      }
    }
    firstUse.forEach((label, labelChecks) -> {
      if (!servedLabels.contains(label)) {
        labelChecks.add("", "label '" + label + "' points at no enabled cluster",
            "enable a cluster that carries it, or remove the label");
      }
    });
  }

  /** A gRPC address as Flyte dials it; a URL with a scheme is the usual slip. */
  private static void grpcTarget(Checks c, String field, String target, String example) {
    if (Checks.isToken(target) || GRPC_TARGET.matcher(target).matches()) {
      return;
    }
    String bare = target.replaceFirst("^[a-z]+://", "").replaceAll("/+$", "");
    c.add(field, "'" + target + "' is not a gRPC address (dns:///host:port or host:port)",
        target.matches("^https?://.*") ? "drop the scheme and give the port: dns:///" + (bare.contains(":") ? bare : bare + ":443")
            : "write it like " + example);
  }
}
