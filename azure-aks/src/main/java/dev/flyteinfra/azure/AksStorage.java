package dev.flyteinfra.azure;

import com.pulumi.azurenative.storage.BlobContainer;
import com.pulumi.azurenative.storage.BlobContainerArgs;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.azurenative.storage.StorageAccountArgs;
import com.pulumi.azurenative.storage.enums.PublicAccess;
import com.pulumi.azurenative.storage.inputs.SkuArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.SortedSet;

/**
 * The storage account (zone-redundant, HTTPS only, TLS 1.2, no public blob access, no shared
 * keys: Entra ID only) and a private container per Flyte bucket.
 */
final class AksStorage {
  private AksStorage() {}

  static StorageAccount create(Resource parent, String name, Output<String> group, String location, String account,
      SortedSet<String> containers) {
    CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
    StorageAccount storageAccount = new StorageAccount(name + "-storage", StorageAccountArgs.builder().resourceGroupName(group)
        .location(location).accountName(account).kind("StorageV2").sku(SkuArgs.builder().name("Standard_ZRS").build())
        .enableHttpsTrafficOnly(true).minimumTlsVersion("TLS1_2").allowBlobPublicAccess(false).allowSharedKeyAccess(false)
        .defaultToOAuthAuthentication(true)
        .build(), child);
    for (String container : containers) {
      new BlobContainer(name + "-" + container, BlobContainerArgs.builder().resourceGroupName(group)
          .accountName(storageAccount.name()).containerName(container).publicAccess(PublicAccess.None).build(), child);
    }
    return storageAccount;
  }
}
