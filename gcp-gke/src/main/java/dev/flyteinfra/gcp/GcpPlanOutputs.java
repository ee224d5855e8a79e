package dev.flyteinfra.gcp;

import dev.flyteinfra.pulumi.PulumiPlan;
import java.util.Map;
import java.util.TreeMap;

/**
 * What GCP would compute for {@link FlyteGke}'s resources, for its offline plan: names where
 * Pulumi would generate them, addresses, service account emails, and placeholder certificates.
 * Fixed values, so that the plan is the same on every run.
 */
public final class GcpPlanOutputs implements PulumiPlan.CloudOutputs {
  /** The address the plan gives the Cloud SQL instance. */
  public static final String DATABASE_ADDRESS = "10.100.0.3";
  /** The number the plan gives the project (GCP assigns it). */
  public static final String PROJECT_NUMBER = "123456789012";
  /** The text the plan gives every certificate and key, so that none looks real. */
  public static final String PLACEHOLDER_PEM = "(computed by GCP)";

  @Override
  public Map<String, Object> of(String type, String name, Map<String, Object> inputs) {
    Map<String, Object> outputs = new TreeMap<>();
    if (!inputs.containsKey("name")) {
      outputs.put("name", name);
    }
    Object project = inputs.getOrDefault("project", "project");
    switch (type) {
      case "gcp:serviceaccount/account:Account" -> {
        String email = inputs.get("accountId") + "@" + project + ".iam.gserviceaccount.com";
        outputs.put("email", email);
        outputs.put("name", "projects/" + project + "/serviceAccounts/" + email);
      }
      case "gcp:sql/databaseInstance:DatabaseInstance" -> {
        outputs.put("privateIpAddress", DATABASE_ADDRESS);
        outputs.put("connectionName", project + ":" + inputs.get("region") + ":" + name);
      }
      case "gcp:container/cluster:Cluster" -> {
        outputs.put("endpoint", "172.16.0.2");
        outputs.put("masterAuth", Map.of("clusterCaCertificate", PLACEHOLDER_PEM));
      }
      case "gcp:sql/sslCert:SslCert" -> {
        outputs.put("cert", PLACEHOLDER_PEM);
        outputs.put("privateKey", PLACEHOLDER_PEM);
        outputs.put("serverCaCert", PLACEHOLDER_PEM);
      }
      default -> { }
    }
    return outputs;
  }

  @Override
  public Map<String, Object> call(String token, Map<String, Object> args) {
    if (!token.equals("gcp:organizations/getProject:getProject")) {
      return Map.of();
    }
    Object project = args.getOrDefault("projectId", "project");
    Map<String, Object> found = new TreeMap<>();
    found.put("autoCreateNetwork", true);
    found.put("billingAccount", "");
    found.put("effectiveLabels", Map.of());
    found.put("folderId", "");
    found.put("id", "projects/" + project);
    found.put("labels", Map.of());
    found.put("name", project);
    found.put("number", PROJECT_NUMBER);
    found.put("orgId", "");
    found.put("projectId", project);
    found.put("pulumiLabels", Map.of());
    found.put("skipDelete", false);
    return found;
  }
}
