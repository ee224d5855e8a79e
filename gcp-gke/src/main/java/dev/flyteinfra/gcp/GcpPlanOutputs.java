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
}
