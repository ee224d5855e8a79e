package dev.flyteinfra.azure;

import dev.flyteinfra.pulumi.PulumiPlan;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What Azure would compute for {@link FlyteAks}'s resources and functions, for its offline plan:
 * generated names, the server's host name, the OIDC issuer, client and principal ids (fixed
 * UUIDs derived from the resource name), the signed-in principal and a placeholder kubeconfig.
 * Fixed values, so that the plan is the same on every run.
 */
public final class AzurePlanOutputs implements PulumiPlan.CloudOutputs {
  /** The subscription the plan runs in. */
  public static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";

  @Override
  public Map<String, Object> of(String type, String name, Map<String, Object> inputs) {
    Map<String, Object> outputs = new TreeMap<>();
    outputs.put("name", name);
    switch (type) {
      case "azure-native:dbforpostgresql:Server" -> outputs.put("fullyQualifiedDomainName", name + ".postgres.database.azure.com");
      case "azure-native:containerservice:ManagedCluster" ->
          outputs.put("oidcIssuerProfile", Map.of("enabled", true, "issuerURL", "https://eastus.oic.prod-aks.azure.com/plan/" + name + "/"));
      case "azure-native:managedidentity:UserAssignedIdentity" -> {
        outputs.put("clientId", uuid("client:" + name));
        outputs.put("principalId", uuid("principal:" + name));
      }
      case "azure-native:storage:StorageAccount" -> outputs.put("name", inputs.get("accountName"));
      case "azure-native:network:PrivateZone" -> outputs.put("name", inputs.get("privateZoneName"));
      default -> { }
    }
    return outputs;
  }

  @Override
  public Map<String, Object> call(String token, Map<String, Object> args) {
    return switch (token) {
      case "azure-native:authorization:getClientConfig" -> Map.of("clientId", uuid("deployer-client"),
          "objectId", uuid("deployer"), "subscriptionId", SUBSCRIPTION, "tenantId", uuid("tenant"));
      case "azure-native:containerservice:listManagedClusterUserCredentials" -> Map.of("kubeconfigs", List.of(Map.of(
          "name", "clusterUser", "value", Base64.getEncoder().encodeToString(
              "(the cluster's kubeconfig, for kubelogin)".getBytes(StandardCharsets.UTF_8)))));
      default -> Map.of();
    };
  }

  private static String uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
