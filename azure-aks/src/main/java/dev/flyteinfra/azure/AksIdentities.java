package dev.flyteinfra.azure;

import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;
import com.pulumi.azurenative.managedidentity.FederatedIdentityCredential;
import com.pulumi.azurenative.managedidentity.FederatedIdentityCredentialArgs;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentity;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentityArgs;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.flyteinfra.core.model.WorkloadIdentity;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.CloudRequirements.IdentityRequirement;
import dev.flyteinfra.pulumi.OutputMaps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user-assigned identity per identity requirement, federated with exactly its Kubernetes
 * service accounts (one credential at a time: Azure refuses concurrent writes to one identity's
 * credentials), with Storage Blob Data Contributor on the storage account when it reaches buckets.
 */
final class AksIdentities {
  /** Azure's built-in role Storage Blob Data Contributor. */
  static final String BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

  private final CloudRequirements requirements;
  private final Map<String, UserAssignedIdentity> identities = new LinkedHashMap<>();

  AksIdentities(Resource parent, String name, Output<String> group, String location, Output<String> issuer,
      Output<String> subscription, StorageAccount storageAccount, CloudRequirements requirements) {
    this.requirements = requirements;
    CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
    for (IdentityRequirement requirement : requirements.identities()) {
      String identityName = name + "-" + requirement.key();
      UserAssignedIdentity identity = new UserAssignedIdentity(identityName, UserAssignedIdentityArgs.builder()
          .resourceGroupName(group).location(location).build(), child);
      Resource previous = identity;
      for (CloudRequirements.ServiceAccountRef sa : requirement.serviceAccounts()) {
        previous = new FederatedIdentityCredential(identityName + "-" + sa.namespace() + "-" + sa.name(),
            FederatedIdentityCredentialArgs.builder().resourceGroupName(group).resourceName(identity.name())
                .issuer(issuer).subject(sa.subject()).audiences("api://AzureADTokenExchange").build(),
            CustomResourceOptions.builder().parent(parent).dependsOn(previous).build());
      }
      if (!requirement.access().buckets().isEmpty()) {
        // Every container is in the one account: the role on the account reaches them all.
        new RoleAssignment(identityName + "-blob-data", RoleAssignmentArgs.builder().scope(storageAccount.id())
            .principalId(identity.principalId()).principalType("ServicePrincipal")
            .roleDefinitionId(roleDefinition(subscription, BLOB_DATA_CONTRIBUTOR)).build(), child);
      }
      identities.put(requirement.key(), identity);
    }
  }

  /** The id of one of Azure's built-in roles in the subscription. */
  static Output<String> roleDefinition(Output<String> subscription, String role) {
    return subscription.applyValue(id -> "/subscriptions/" + id + "/providers/Microsoft.Authorization/roleDefinitions/" + role);
  }

  UserAssignedIdentity identity(String key) {
    return identities.get(key);
  }

  /** Domain → the identity of its tasks, for the per-domain task identities. */
  Map<String, UserAssignedIdentity> byDomain() {
    Map<String, UserAssignedIdentity> byDomain = new TreeMap<>();
    requirements.identities().forEach(r -> r.domain().ifPresent(domain -> byDomain.put(domain, identities.get(r.key()))));
    return byDomain;
  }

  /** Key → the identity, once the client ids are known. */
  Output<Map<String, WorkloadIdentity>> resolved() {
    return OutputMaps.resolved(identities, UserAssignedIdentity::clientId).applyValue(AksIdentities::asIdentities);
  }

  /** Key → the identity, every client id the stand-in. */
  Map<String, WorkloadIdentity> planned(String pendingClientId) {
    Map<String, String> clientIds = new TreeMap<>();
    identities.keySet().forEach(key -> clientIds.put(key, pendingClientId));
    return asIdentities(clientIds);
  }

  private static Map<String, WorkloadIdentity> asIdentities(Map<String, String> clientIds) {
    Map<String, WorkloadIdentity> result = new TreeMap<>();
    clientIds.forEach((key, clientId) -> result.put(key, WorkloadIdentity.azureClient(clientId)));
    return result;
  }
}
