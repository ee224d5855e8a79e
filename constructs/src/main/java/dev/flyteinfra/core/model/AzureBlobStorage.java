package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * Azure Blob Storage, reached with Azure workload identity; the buckets of {@link ObjectStore} are
 * containers of this account.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAzureBlobStorage.class)
@JsonDeserialize(as = ImmutableAzureBlobStorage.class)
public interface AzureBlobStorage {
  /** The storage account name. Required. */
  String account();
}
