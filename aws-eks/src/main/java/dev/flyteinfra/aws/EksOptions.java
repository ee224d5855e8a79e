package dev.flyteinfra.aws;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.core.plan.ManagedCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The AWS side of a Flyte deployment on EKS: sizes, network, certificate and controller choices.
 * {@link FlyteEksProps} adds the Flyte deployment to these; a config file's {@code aws:} section
 * maps onto them key for key.
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableEksOptions.class)
public interface EksOptions {
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

  /** Build into this existing VPC instead of creating one. Default: a new VPC with flow logs. */
  Optional<ExistingVpc> existingVpc();

  /**
   * Install the AWS Load Balancer Controller (its Helm chart, with its IRSA role), so an Ingress of
   * class {@code alb} gets an Application Load Balancer. Default: false.
   */
  @Value.Default
  default boolean albController() {
    return false;
  }

  /**
   * An ACM certificate for {@code ingress.host}, handed to the ALB through the Ingress annotation
   * {@code alb.ingress.kubernetes.io/certificate-arn}. Default: none (bring your own in the annotations).
   */
  Optional<IngressCertificate> ingressCertificate();

  /** Everything wrong with these options, with the field paths of the config file's {@code aws:} section. */
  default List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    if (!kubernetesVersion().matches("1\\.\\d{2}")) {
      problems.add(new Problem("kubernetesVersion", "'" + kubernetesVersion() + "' is not an EKS Kubernetes version",
          "write MAJOR.MINOR without a leading 'v' or a patch, e.g. 1.32"));
    }
    instanceType("nodeInstanceType", nodeInstanceType(), "an EC2 instance type", "m6i.xlarge").ifPresent(problems::add);
    gpuNodes().flatMap(gpu -> instanceType("gpuNodes.instanceType", gpu.instanceType(), "an EC2 instance type", "g5.xlarge"))
        .ifPresent(problems::add);
    if (databaseInstanceType().startsWith("db.")) {
      problems.add(new Problem("databaseInstanceType", "'" + databaseInstanceType() + "' carries RDS's db. prefix, which the stack adds",
          "write " + databaseInstanceType().substring(3) + " (without db.)"));
    } else {
      instanceType("databaseInstanceType", databaseInstanceType(), "an RDS instance class", "r6g.large").ifPresent(problems::add);
    }
    problems.addAll(ManagedCloud.scaleRangeProblems("nodeMinSize", "nodeMinSize", "nodeMaxSize",
        nodeMinSize(), nodeMaxSize(), 1));
    gpuNodes().ifPresent(gpu ->
        problems.addAll(ManagedCloud.scaleRangeProblems("gpuNodes.maxSize", "minSize", "maxSize",
            gpu.minSize(), gpu.maxSize(), 0)));
    if (backupRetentionDays() < 1 || backupRetentionDays() > 35) {
      problems.add(new Problem("backupRetentionDays", "RDS keeps 1 to 35 days of backups, got " + backupRetentionDays(),
          "choose a value from 1 to 35"));
    }
    if (databaseStorageGiB() < 20) {
      problems.add(new Problem("databaseStorageGiB", "RDS PostgreSQL needs at least 20 GiB, got " + databaseStorageGiB(),
          "set 20 or more"));
    }
    problems.addAll(ManagedCloud.apiEndpointRangeProblems("publicEndpointCidrs", publicEndpointCidrs()));
    existingVpc().ifPresent(vpc -> problems.addAll(vpc.problems()));
    ingressCertificate().filter(c -> c.hostedZoneId().isPresent() != c.hostedZoneName().isPresent()).ifPresent(c ->
        problems.add(new Problem("ingressCertificate", "hostedZoneId and hostedZoneName go together",
            "give both (the zone's id and its domain), or neither to validate the certificate by hand")));
    return problems;
  }

  /** The problem of an instance type written otherwise than FAMILY.SIZE, e.g. {@code m6i.xlarge}. */
  private static Optional<Problem> instanceType(String field, String type, String what, String example) {
    return type.matches("[a-z][a-z0-9-]*\\.[a-z0-9]+") ? Optional.empty()
        : Optional.of(new Problem(field, "'" + type + "' is not " + what, "write FAMILY.SIZE, e.g. " + example));
  }

  /** A managed node group of GPU instances (NVIDIA AMI), tainted {@code nvidia.com/gpu=present:NoSchedule}. */
  @Value.Immutable
  @JsonDeserialize(as = ImmutableGpuNodes.class)
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

  /**
   * A VPC that already exists, by its ids (no lookup at synthesis, so the template is the same on
   * every machine). Each subnet list holds one subnet per availability zone, in the zones' order.
   */
  @Value.Immutable
  @JsonDeserialize(as = ImmutableExistingVpc.class)
  interface ExistingVpc {
    /** e.g. {@code vpc-0123456789abcdef0}. */
    String vpcId();

    /** e.g. {@code [us-east-1a, us-east-1b]}. */
    List<String> availabilityZones();

    /** Private subnets with a route to the internet (NAT), for the nodes. */
    List<String> nodeSubnetIds();

    /** Private subnets for the database (isolated ones, or the node subnets again). */
    List<String> databaseSubnetIds();

    static ImmutableExistingVpc.Builder builder() {
      return ImmutableExistingVpc.builder();
    }

    private Optional<Problem> onePerZone(String field, List<String> subnetIds) {
      return subnetIds.size() == availabilityZones().size() ? Optional.empty()
          : Optional.of(new Problem("existingVpc." + field, "needs one subnet per availability zone ("
              + availabilityZones().size() + "), got " + subnetIds.size(), "list one subnet id per zone, in the zones' order"));
    }

    private List<Problem> problems() {
      List<Problem> problems = new ArrayList<>();
      if (!vpcId().matches("vpc-[0-9a-f]{8,17}")) {
        problems.add(new Problem("existingVpc.vpcId", "'" + vpcId() + "' is not a VPC id", "write it as vpc-0123456789abcdef0"));
      }
      if (availabilityZones().size() < 2) {
        problems.add(new Problem("existingVpc.availabilityZones", "EKS and RDS need subnets in at least two zones, got "
            + availabilityZones().size(), "list two or more availability zones"));
      }
      onePerZone("nodeSubnetIds", nodeSubnetIds()).ifPresent(problems::add);
      onePerZone("databaseSubnetIds", databaseSubnetIds()).ifPresent(problems::add);
      return problems;
    }
  }

  /** An ACM certificate for the Ingress host, validated through DNS. */
  @Value.Immutable
  @JsonDeserialize(as = ImmutableIngressCertificate.class)
  interface IngressCertificate {
    /**
     * The Route 53 hosted zone that holds the host's name (its id and its domain): CloudFormation
     * then writes the validation record itself. Without it, add the record ACM shows by hand
     * while the stack waits.
     */
    Optional<String> hostedZoneId();

    /** The hosted zone's domain, e.g. {@code example.com}; required with hostedZoneId. */
    Optional<String> hostedZoneName();

    static ImmutableIngressCertificate.Builder builder() {
      return ImmutableIngressCertificate.builder();
    }
  }
}
