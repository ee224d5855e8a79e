package dev.flyteinfra.core.plan;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.model.Topology;
import java.util.ArrayList;
import java.util.List;

/** What a cloud module that builds one cluster and a managed database cannot host. */
public final class ManagedCloud {
  private ManagedCloud() {}

  /**
   * The deployment's own problems, and a sandbox, several clusters or an in-cluster database.
   *
   * @param module the building module, e.g. {@code FlyteGke}
   * @param kubernetes the managed Kubernetes, e.g. {@code GKE}
   * @param database the managed database, e.g. {@code a Cloud SQL database}
   */
  public static List<Problem> problems(FlyteDeployment d, String module, String kubernetes, String database) {
    List<Problem> problems = new ArrayList<>(d.validate());
    if (d.topology() == Topology.SANDBOX) {
      problems.add(new Problem("topology", "the sandbox runs in one local cluster", "use binary or core on " + kubernetes));
    }
    if (d.multiCluster().isPresent()) {
      problems.add(new Problem("multiCluster", module + " builds one cluster",
          "remove multiCluster, or build a " + module + " per cluster"));
    }
    if (d.database() != null && d.database().inCluster().isPresent()) {
      problems.add(new Problem("database.inCluster", module + " creates " + database,
          "remove inCluster (and host: it comes from " + module + ")"));
    }
    return problems;
  }

  /**
   * What is wrong with a node pool's size range: {@code lowest <= min <= max} and {@code max >= 1}.
   *
   * @param path where the problem is reported
   * @param minName the key of the minimum, e.g. {@code nodeMinSize}
   * @param maxName the key of the maximum
   * @param lowest the smallest minimum allowed: 0 for pools that scale to zero, 1 for a system pool
   */
  public static List<Problem> scaleRangeProblems(String path, String minName, String maxName, int min, int max, int lowest) {
    if (min >= lowest && max >= Math.max(1, min)) {
      return List.of();
    }
    String rule = lowest + " <= " + minName + " <= " + maxName + (lowest < 1 ? " and " + maxName + " >= 1" : "");
    return List.of(new Problem(path, "needs " + rule + ", got " + min + " and " + max,
        "set " + minName + " to at least " + lowest + " and " + maxName + " to at least 1 and at least " + minName));
  }

  private static boolean isIpv4Range(String cidr) {
    if (!cidr.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")) {
      return false;
    }
    String[] parts = cidr.split("[./]");
    for (int i = 0; i < 4; i++) {
      if (Integer.parseInt(parts[i]) > 255) {
        return false;
      }
    }
    return Integer.parseInt(parts[4]) <= 32;
  }

  /**
   * What is wrong with the ranges allowed to reach a cluster's API endpoint: each must be an IPv4
   * CIDR range, and none the whole internet.
   */
  public static List<Problem> apiEndpointRangeProblems(String path, List<String> cidrs) {
    List<Problem> problems = new ArrayList<>();
    for (String cidr : cidrs) {
      if (!isIpv4Range(cidr)) {
        problems.add(new Problem(path, "'" + cidr + "' is not an IPv4 CIDR range", "write it as a.b.c.d/n, n from 1 to 32"));
      } else if (cidr.endsWith("/0")) {
        // Any address with prefix length 0 is every address: 0.0.0.0/0, however it is written.
        problems.add(new Problem(path, cidr + " opens the cluster's API endpoint to the whole internet",
            "list the ranges that need it (an office, a CI runner)"));
      }
    }
    return problems;
  }
}
