package dev.flyteinfra.gcp;

import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.container.ClusterArgs;
import com.pulumi.gcp.container.NodePool;
import com.pulumi.gcp.container.NodePoolArgs;
import com.pulumi.gcp.container.inputs.ClusterIpAllocationPolicyArgs;
import com.pulumi.gcp.container.inputs.ClusterLoggingConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigCidrBlockArgs;
import com.pulumi.gcp.container.inputs.ClusterPrivateClusterConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterReleaseChannelArgs;
import com.pulumi.gcp.container.inputs.ClusterWorkloadIdentityConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolAutoscalingArgs;
import com.pulumi.gcp.container.inputs.NodePoolManagementArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigShieldedInstanceConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigTaintArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigWorkloadMetadataConfigArgs;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The GKE cluster with Workload Identity (private nodes by default, Dataplane V2, shielded
 * nodes, the workloads' logs in Cloud Logging) and its node pools, on a node service account
 * that may write logs and metrics and pull images, nothing else.
 */
final class GkeCluster {
  /** The roles of the node pools' service account: logs, metrics and image pulls, nothing else. */
  static final List<String> NODE_ROLES = List.of("roles/logging.logWriter", "roles/monitoring.metricWriter",
      "roles/monitoring.viewer", "roles/stackdriver.resourceMetadata.writer", "roles/artifactregistry.reader");
  static final String CONTROL_PLANE_RANGE = "172.16.0.0/28";

  private final Cluster cluster;
  private final List<Resource> nodePools = new ArrayList<>();

  GkeCluster(Resource parent, String name, String project, FlyteGkeArgs args, GkeNetwork network) {
    CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
    String deploymentName = args.deployment().name();
    Account nodeAccount = new Account(name + "-nodes", AccountArgs.builder().project(project)
        .accountId(GkeIdentities.accountId(deploymentName, "nodes")).displayName("GKE nodes of Flyte " + deploymentName).build(), child);
    for (String role : NODE_ROLES) {
      new IAMMember(name + "-nodes-" + role.substring("roles/".length()), IAMMemberArgs.builder().project(project).role(role)
          .member(GkeIdentities.member(nodeAccount)).build(), child);
    }

    cluster = new Cluster(name, ClusterArgs.builder().project(project).location(args.region())
        .network(network.network().id()).subnetwork(network.subnetwork().id())
        .removeDefaultNodePool(true).initialNodeCount(1)
        .deletionProtection(args.deletionProtection())
        .releaseChannel(ClusterReleaseChannelArgs.builder().channel(args.releaseChannel()).build())
        .workloadIdentityConfig(ClusterWorkloadIdentityConfigArgs.builder().workloadPool(project + ".svc.id.goog").build())
        .ipAllocationPolicy(ClusterIpAllocationPolicyArgs.builder().clusterSecondaryRangeName("pods")
            .servicesSecondaryRangeName("services").build())
        .privateClusterConfig(ClusterPrivateClusterConfigArgs.builder().enablePrivateNodes(args.privateNodes())
            .enablePrivateEndpoint(false).masterIpv4CidrBlock(CONTROL_PLANE_RANGE).build())
        .masterAuthorizedNetworksConfig(ClusterMasterAuthorizedNetworksConfigArgs.builder()
            .cidrBlocks(args.masterAuthorizedCidrs().stream().map(cidr ->
                ClusterMasterAuthorizedNetworksConfigCidrBlockArgs.builder().cidrBlock(cidr).displayName(cidr).build()).toList())
            .build())
        .datapathProvider("ADVANCED_DATAPATH")
        .enableShieldedNodes(true)
        // The pods' logs in Cloud Logging, where the console's task log links (Stackdriver) open them.
        .loggingConfig(ClusterLoggingConfigArgs.builder().enableComponents("SYSTEM_COMPONENTS", "WORKLOADS").build())
        .build(), child);

    nodePools.add(new NodePool(name + "-nodes", NodePoolArgs.builder().project(project).location(args.region())
        .cluster(cluster.name())
        .autoscaling(NodePoolAutoscalingArgs.builder().minNodeCount(args.nodeMinCount()).maxNodeCount(args.nodeMaxCount()).build())
        .management(NodePoolManagementArgs.builder().autoRepair(true).autoUpgrade(true).build())
        .nodeConfig(nodeConfig(args.nodeMachineType(), nodeAccount, Map.of("flyte.org/node-role", "worker")).build())
        .build(), child));
    args.gpuNodes().ifPresent(gpu -> nodePools.add(new NodePool(name + "-gpu-nodes", NodePoolArgs.builder().project(project)
        .location(args.region()).cluster(cluster.name())
        .autoscaling(NodePoolAutoscalingArgs.builder().minNodeCount(gpu.minCount()).maxNodeCount(gpu.maxCount()).build())
        .management(NodePoolManagementArgs.builder().autoRepair(true).autoUpgrade(true).build())
        .nodeConfig(nodeConfig(gpu.machineType(), nodeAccount, Map.of("flyte.org/node-role", "gpu"))
            .guestAccelerators(NodePoolNodeConfigGuestAcceleratorArgs.builder().type(gpu.acceleratorType())
                .count(gpu.acceleratorCount())
                .gpuDriverInstallationConfig(NodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfigArgs.builder()
                    .gpuDriverVersion("DEFAULT").build())
                .build())
            .taints(NodePoolNodeConfigTaintArgs.builder().key("nvidia.com/gpu").value("present").effect("NO_SCHEDULE").build())
            .build())
        .build(), child)));
  }

  private static NodePoolNodeConfigArgs.Builder nodeConfig(String machineType, Account nodeAccount, Map<String, String> labels) {
    return NodePoolNodeConfigArgs.builder()
        .machineType(machineType)
        .diskSizeGb(100)
        .serviceAccount(nodeAccount.email())
        .oauthScopes("https://www.googleapis.com/auth/cloud-platform")
        .workloadMetadataConfig(NodePoolNodeConfigWorkloadMetadataConfigArgs.builder().mode("GKE_METADATA").build())
        .shieldedInstanceConfig(NodePoolNodeConfigShieldedInstanceConfigArgs.builder().enableSecureBoot(true)
            .enableIntegrityMonitoring(true).build())
        .labels(labels);
  }

  Cluster cluster() {
    return cluster;
  }

  /** The node pools: Flyte's objects are applied once they exist. */
  List<Resource> nodePools() {
    return List.copyOf(nodePools);
  }
}
