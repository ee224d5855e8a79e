package dev.flyteinfra.aws;

import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.plan.ManagedCloud;
import java.util.List;
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

  /**
   * Everything {@link FlyteEks} cannot build, as field path, problem and fix: the deployment's own
   * problems, what EKS cannot host, and the {@link EksOptions}' problems under {@code aws.}, as in
   * a config file. Here rather than on the construct, so that checking a config starts no jsii
   * runtime.
   */
  default List<Problem> stackProblems() {
    FlyteDeployment d = deployment();
    List<Problem> problems = ManagedCloud.problems(d, "FlyteEks", "EKS", "an RDS database");
    if (d.storage() != null && d.storage().s3().isEmpty()) {
      problems.add(new Problem("storage", "FlyteEks creates S3 buckets", "set storage.s3 with the region of the stack"));
    }
    if (ingressCertificate().isPresent() && d.ingress().flatMap(IngressSettings::host).isEmpty()) {
      problems.add(new Problem("aws.ingressCertificate", "a certificate needs the host it is for", "set ingress.host"));
    }
    if (vpc().isPresent() && existingVpc().isPresent()) {
      problems.add(new Problem("aws.existingVpc", "a VPC is also given as a construct", "give one of vpc and existingVpc"));
    }
    problems().forEach(p -> problems.add(p.under("aws")));
    return problems;
  }

  static ImmutableFlyteEksProps.Builder builder() {
    return ImmutableFlyteEksProps.builder();
  }
}
