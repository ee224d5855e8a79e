package dev.flyteinfra.aws;

import dev.flyteinfra.core.model.FlyteDeployment;
import java.util.Optional;
import org.immutables.value.Value;
import software.amazon.awscdk.services.ec2.IVpc;

/**
 * Properties of {@link FlyteEks}: the Flyte deployment (its database, storage and identity are
 * filled in from what the construct creates) and the {@link EksOptions} around it.
 *
 * <pre>{@code
 * FlyteEksProps.builder().deployment(flyte).gpuNodes(GpuNodes.builder().maxSize(2).build()).build()
 * FlyteEksProps.builder().from(optionsFromAConfigFile).deployment(flyte).build()
 * }</pre>
 */
@Value.Immutable
public interface FlyteEksProps extends EksOptions {
  /** The Flyte deployment: topology binary or core, storage s3 with the buckets to create. Required. */
  FlyteDeployment deployment();

  /**
   * A VPC built elsewhere in the CDK app (e.g. {@code Vpc.fromLookup}); the cluster uses its
   * private subnets with egress, the database its isolated ones. Default: {@link #existingVpc()},
   * else a new VPC.
   */
  Optional<IVpc> vpc();

  static ImmutableFlyteEksProps.Builder builder() {
    return ImmutableFlyteEksProps.builder();
  }
}
