package dev.flyteinfra.aws;

import dev.flyteinfra.core.model.FlyteDeployment;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Properties of {@link FlyteEks}: the Flyte deployment (its database, storage and identity are
 * filled in from what the construct creates) and the sizes of the AWS resources around it.
 *
 * <pre>{@code
 * FlyteEksProps.builder().deployment(flyte).gpuNodes(GpuNodes.builder().maxSize(2).build()).build()
 * }</pre>
 */
@Value.Immutable
public interface FlyteEksProps {
  /** The Flyte deployment: topology binary or core, storage s3 with the buckets to create. Required. */
  FlyteDeployment deployment();

  /** Kubernetes version of the cluster. Default: {@code 1.32} (the kubectl layer's version). */
  @Value.Default
  default String kubernetesVersion() {
    return "1.32";
  }

  /** Instance type of the general node group. Default: {@code m6i.xlarge}. */
  @Value.Default
  default String nodeInstanceType() {
    return "m6i.xlarge";
  }

  /** Default: 2. */
  @Value.Default
  default int nodeMinSize() {
    return 2;
  }

  /** Default: 5. */
  @Value.Default
  default int nodeMaxSize() {
    return 5;
  }

  /** A GPU node group, tainted so only pods that ask for GPUs land there. Default: none. */
  Optional<GpuNodes> gpuNodes();

  /** RDS instance class. Default: {@code t4g.medium}. */
  @Value.Default
  default String databaseInstanceType() {
    return "t4g.medium";
  }

  /** Allocated storage in GiB (grows automatically up to five times this). Default: 20. */
  @Value.Default
  default int databaseStorageGiB() {
    return 20;
  }

  /** A standby in a second availability zone. Default: false. */
  @Value.Default
  default boolean databaseMultiAz() {
    return false;
  }

  /** Refuse to delete the database with the stack. Default: true. */
  @Value.Default
  default boolean deletionProtection() {
    return true;
  }

  /** Days of automated backups, 1 to 35. Default: 7. */
  @Value.Default
  default int backupRetentionDays() {
    return 7;
  }

  /** Keep every version of every object in the buckets. Default: false. */
  @Value.Default
  default boolean bucketVersioning() {
    return false;
  }

  /**
   * CIDR ranges that may reach the cluster's API endpoint from the internet, e.g. an office's.
   * Default: none, the endpoint is private to the VPC.
   */
  List<String> publicEndpointCidrs();

  static ImmutableFlyteEksProps.Builder builder() {
    return ImmutableFlyteEksProps.builder();
  }

  /** A managed node group of GPU instances (NVIDIA AMI), tainted {@code nvidia.com/gpu=present:NoSchedule}. */
  @Value.Immutable
  interface GpuNodes {
    /** Default: {@code g5.xlarge}. */
    @Value.Default
    default String instanceType() {
      return "g5.xlarge";
    }

    /** Default: 0 (scaled up by a cluster autoscaler when tasks ask for GPUs). */
    @Value.Default
    default int minSize() {
      return 0;
    }

    /** Default: 2. */
    @Value.Default
    default int maxSize() {
      return 2;
    }

    static ImmutableGpuNodes.Builder builder() {
      return ImmutableGpuNodes.builder();
    }
  }
}
