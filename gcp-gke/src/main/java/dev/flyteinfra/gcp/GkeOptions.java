package dev.flyteinfra.gcp;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.plan.ManagedCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The GCP side of a Flyte deployment on GKE: region, sizes, network and protection choices. A
 * config file's {@code gcp:} section maps onto them key for key; the project is the one of
 * {@code storage.gcs.project}.
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableGkeOptions.class)
public interface GkeOptions {
  /** Region of the cluster, the database and the buckets, e.g. {@code us-central1}. Required. */
  String region();

  /** Machine type of the general node pool. Default: {@code e2-standard-4}. */
  @Value.Default
  default String nodeMachineType() {
    return "e2-standard-4";
  }

  /** Nodes per zone, at least. Default: 1. */
  @Value.Default
  default int nodeMinCount() {
    return 1;
  }

  /** Nodes per zone, at most. Default: 3. */
  @Value.Default
  default int nodeMaxCount() {
    return 3;
  }

  /** A GPU node pool, tainted so only pods that ask for GPUs land there. Default: none. */
  Optional<GpuPool> gpuNodes();

  /** GKE release channel: {@code RAPID}, {@code REGULAR} or {@code STABLE}. Default: {@code REGULAR}. */
  @Value.Default
  default String releaseChannel() {
    return "REGULAR";
  }

  /** Nodes without public IPs (they reach the internet through Cloud NAT). Default: true. */
  @Value.Default
  default boolean privateNodes() {
    return true;
  }

  /** CIDR ranges allowed to reach the cluster's API endpoint. Default: none besides the VPC. */
  List<String> masterAuthorizedCidrs();

  /** Cloud SQL machine tier. Default: {@code db-custom-2-7680}. */
  @Value.Default
  default String databaseTier() {
    return "db-custom-2-7680";
  }

  /** Cloud SQL's PostgreSQL version. Default: {@code POSTGRES_16}. */
  @Value.Default
  default String databaseVersion() {
    return "POSTGRES_16";
  }

  /** Daily backups kept (point-in-time recovery is always on). Default: 7. */
  @Value.Default
  default int backupRetentionDays() {
    return 7;
  }

  /** A standby in a second zone (availability type REGIONAL). Default: false. */
  @Value.Default
  default boolean databaseHighAvailability() {
    return false;
  }

  /** Refuse to delete the database and the cluster. Default: true. */
  @Value.Default
  default boolean deletionProtection() {
    return true;
  }

  /** Keep every version of every object in the buckets. Default: false. */
  @Value.Default
  default boolean bucketVersioning() {
    return false;
  }

  /** Everything wrong with these options, with the field paths of the config file's {@code gcp:} section. */
  default List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    if (!region().matches("[a-z]+-[a-z]+\\d+")) {
      problems.add(new Problem("region", "'" + region() + "' is not a GCP region", "write it as e.g. us-central1"));
    }
    problems.addAll(ManagedCloud.scaleRangeProblems("nodeMinCount", "nodeMinCount", "nodeMaxCount",
        nodeMinCount(), nodeMaxCount(), 0));
    gpuNodes().ifPresent(gpu ->
        problems.addAll(ManagedCloud.scaleRangeProblems("gpuNodes.maxCount", "minCount", "maxCount",
            gpu.minCount(), gpu.maxCount(), 0)));
    gpuNodes().filter(gpu -> gpu.acceleratorCount() < 1).ifPresent(gpu -> problems.add(new Problem("gpuNodes.acceleratorCount",
        "must be at least 1, got " + gpu.acceleratorCount() + ": a GPU pool without GPUs", "attach 1 or more GPUs to each node, e.g. 1")));
    if (!List.of("RAPID", "REGULAR", "STABLE").contains(releaseChannel())) {
      problems.add(new Problem("releaseChannel", "'" + releaseChannel() + "' is not a GKE release channel",
          "use RAPID, REGULAR or STABLE"));
    }
    if (!databaseVersion().matches("POSTGRES_1[2-9]")) {
      problems.add(new Problem("databaseVersion", "'" + databaseVersion() + "' is not a Cloud SQL PostgreSQL version Flyte runs on",
          "use POSTGRES_12 to POSTGRES_19, e.g. POSTGRES_16"));
    }
    if (backupRetentionDays() < 1 || backupRetentionDays() > 365) {
      problems.add(new Problem("backupRetentionDays", "must be between 1 and 365, got " + backupRetentionDays(),
          "keep at least one daily backup"));
    }
    problems.addAll(ManagedCloud.apiEndpointRangeProblems("masterAuthorizedCidrs", masterAuthorizedCidrs()));
    return problems;
  }

  /** A GPU node pool: accelerators attached, GKE-installed drivers, tainted {@code nvidia.com/gpu=present:NoSchedule}. */
  @Value.Immutable
  @JsonDeserialize(as = ImmutableGpuPool.class)
  interface GpuPool {
    /** Default: {@code n1-standard-8}. */
    @Value.Default
    default String machineType() {
      return "n1-standard-8";
    }

    /** Default: {@code nvidia-tesla-t4}. */
    @Value.Default
    default String acceleratorType() {
      return "nvidia-tesla-t4";
    }

    /** GPUs per node. Default: 1. */
    @Value.Default
    default int acceleratorCount() {
      return 1;
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

  static ImmutableGkeOptions.Builder builder() {
    return ImmutableGkeOptions.builder();
  }
}
