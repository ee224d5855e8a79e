package dev.flyteinfra.azure;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.plan.ManagedCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The Azure side of a Flyte deployment on AKS: location, sizes and protection choices. A config
 * file's {@code azure:} section maps onto them key for key; the storage account is the one of
 * {@code storage.azure.account}.
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableAksOptions.class)
public interface AksOptions {
  /** Azure region of everything, e.g. {@code eastus}. Required. */
  String location();

  /** VM size of the system node pool. Default: {@code Standard_D4s_v5}. */
  @Value.Default
  default String nodeVmSize() {
    return "Standard_D4s_v5";
  }

  /** Nodes, at least. Default: 2. */
  @Value.Default
  default int nodeMinCount() {
    return 2;
  }

  /** Nodes, at most. Default: 5. */
  @Value.Default
  default int nodeMaxCount() {
    return 5;
  }

  /** A GPU node pool, tainted so only pods that ask for GPUs land there. Default: none. */
  Optional<GpuPool> gpuNodes();

  /** CIDR ranges allowed to reach the cluster's API server. Default: none (no restriction by range; Entra ID sign-in always). */
  List<String> apiServerAuthorizedCidrs();

  /** PostgreSQL Flexible Server SKU (General Purpose). Default: {@code Standard_D2ds_v4}. */
  @Value.Default
  default String databaseSku() {
    return "Standard_D2ds_v4";
  }

  /** PostgreSQL major version. Default: {@code 16}. */
  @Value.Default
  default String databaseVersion() {
    return "16";
  }

  /** Database storage. Default: 128 GiB. */
  @Value.Default
  default int databaseStorageGiB() {
    return 128;
  }

  /** A zone-redundant standby. Default: false. */
  @Value.Default
  default boolean databaseHighAvailability() {
    return false;
  }

  /** Days of backups (7 to 35). Default: 7. */
  @Value.Default
  default int backupRetentionDays() {
    return 7;
  }

  /**
   * Container insights: a Log Analytics workspace collecting the pods' logs (ContainerLogV2, 30
   * days), and the console's task log links pointing at it (taskLogs.azure). Default: false
   * (Log Analytics bills by the gigabyte).
   */
  @Value.Default
  default boolean containerInsights() {
    return false;
  }

  /** Everything wrong with these options, with the field paths of the config file's {@code azure:} section. */
  default List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    if (!location().matches("[a-z]+[a-z0-9]*")) {
      problems.add(new Problem("location", "'" + location() + "' is not an Azure region name", "write it as e.g. eastus or westeurope"));
    }
    problems.addAll(ManagedCloud.scaleRangeProblems("nodeMinCount", "nodeMinCount", "nodeMaxCount",
        nodeMinCount(), nodeMaxCount(), 1));
    gpuNodes().ifPresent(gpu ->
        problems.addAll(ManagedCloud.scaleRangeProblems("gpuNodes.maxCount", "minCount", "maxCount",
            gpu.minCount(), gpu.maxCount(), 0)));
    problems.addAll(ManagedCloud.apiEndpointRangeProblems("apiServerAuthorizedCidrs", apiServerAuthorizedCidrs()));
    if (!List.of("12", "13", "14", "15", "16").contains(databaseVersion())) {
      problems.add(new Problem("databaseVersion", "'" + databaseVersion() + "' is not a PostgreSQL version Flyte runs on here",
          "use 12 to 16"));
    }
    if (databaseStorageGiB() < 32) {
      problems.add(new Problem("databaseStorageGiB", "must be at least 32, got " + databaseStorageGiB(), "use 32 or more"));
    }
    if (backupRetentionDays() < 7 || backupRetentionDays() > 35) {
      problems.add(new Problem("backupRetentionDays", "must be between 7 and 35, got " + backupRetentionDays(),
          "Flexible Server keeps 7 to 35 days"));
    }
    return problems;
  }

  /** A GPU node pool, tainted {@code nvidia.com/gpu=present:NoSchedule}. */
  @Value.Immutable
  @JsonDeserialize(as = ImmutableGpuPool.class)
  interface GpuPool {
    /** Default: {@code Standard_NC4as_T4_v3}. */
    @Value.Default
    default String vmSize() {
      return "Standard_NC4as_T4_v3";
    }

    /** Default: 0 (the autoscaler adds nodes when tasks ask for GPUs). */
    @Value.Default
    default int minCount() {
      return 0;
    }

    /** Default: 2. */
    @Value.Default
    default int maxCount() {
      return 2;
    }

    static ImmutableGpuPool.Builder builder() {
      return ImmutableGpuPool.builder();
    }
  }

  static ImmutableAksOptions.Builder builder() {
    return ImmutableAksOptions.builder();
  }
}
