package dev.flyteinfra.stacks.aws;

import dev.flyteinfra.aws.FlyteEks;
import dev.flyteinfra.aws.FlyteEksProps;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * One Flyte deployment on EKS as a CloudFormation stack: {@link FlyteEks} and the outputs an
 * operator needs next (cluster name, kubeconfig command, database endpoint, buckets, roles).
 */
public class FlyteAwsStack extends Stack {
  private final FlyteEks flyte;

  public FlyteAwsStack(Construct scope, String id, StackProps stackProps, FlyteEksProps props) {
    super(scope, id, stackProps);
    flyte = new FlyteEks(this, "Flyte", props);
    Map<String, String> outputs = new TreeMap<>();
    outputs.put("ClusterName", flyte.getCluster().getClusterName());
    outputs.put("KubeconfigCommand", "aws eks update-kubeconfig --region " + getRegion() + " --name "
        + flyte.getCluster().getClusterName());
    outputs.put("DatabaseEndpoint", flyte.getDatabase().getInstance().getDbInstanceEndpointAddress());
    outputs.put("DatabaseSecretArn", flyte.getDatabase().getSecret().getSecretArn());
    outputs.put("BackendRoleArn", flyte.getBackendRole().getRoleArn());
    outputs.put("TaskRoleArn", flyte.getTaskRole().getRoleArn());
    outputs.put("Buckets", String.join(",", flyte.getBuckets().keySet()));
    flyte.getCertificate().ifPresent(certificate -> outputs.put("CertificateArn", certificate.getCertificateArn()));
    outputs.forEach((name, value) -> CfnOutput.Builder.create(this, name).value(value).build());
  }

  public FlyteEks getFlyte() {
    return flyte;
  }
}
