package dev.flyteinfra.azure;

import com.pulumi.azurenative.containerservice.AgentPool;
import com.pulumi.azurenative.containerservice.AgentPoolArgs;
import com.pulumi.azurenative.containerservice.ManagedCluster;
import com.pulumi.azurenative.containerservice.ManagedClusterArgs;
import com.pulumi.azurenative.containerservice.enums.ResourceIdentityType;
import com.pulumi.azurenative.containerservice.inputs.ContainerServiceNetworkProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAADProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAPIServerAccessProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAgentPoolProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterIdentityArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterOIDCIssuerProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterSecurityProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterSecurityProfileWorkloadIdentityArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The AKS cluster with the OIDC issuer, workload identity, Entra ID sign-in and Azure RBAC (no
 * local accounts), Azure CNI with network policy, its system pool, and an optional tainted GPU pool.
 */
final class AksCluster {
  private final ManagedCluster cluster;
  private final List<Resource> nodePools = new ArrayList<>();

  AksCluster(Resource parent, String name, Output<String> group, FlyteAksArgs args, AksNetwork network, AksLogs logs) {
    CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
    cluster = new ManagedCluster(name, ManagedClusterArgs.builder().resourceGroupName(group).location(args.location())
        .dnsPrefix(args.deployment().name())
        .identity(ManagedClusterIdentityArgs.builder().type(ResourceIdentityType.SystemAssigned).build())
        .enableRBAC(true)
        .disableLocalAccounts(true)
        .aadProfile(ManagedClusterAADProfileArgs.builder().managed(true).enableAzureRBAC(true).build())
        .oidcIssuerProfile(ManagedClusterOIDCIssuerProfileArgs.builder().enabled(true).build())
        .securityProfile(ManagedClusterSecurityProfileArgs.builder()
            .workloadIdentity(ManagedClusterSecurityProfileWorkloadIdentityArgs.builder().enabled(true).build()).build())
        .networkProfile(ContainerServiceNetworkProfileArgs.builder().networkPlugin("azure").networkPolicy("azure")
            .serviceCidr("10.20.0.0/16").dnsServiceIP("10.20.0.10").build())
        .apiServerAccessProfile(ManagedClusterAPIServerAccessProfileArgs.builder()
            .authorizedIPRanges(args.apiServerAuthorizedCidrs()).build())
        .agentPoolProfiles(ManagedClusterAgentPoolProfileArgs.builder().name("system").mode("System").osType("Linux")
            .vmSize(args.nodeVmSize()).enableAutoScaling(true).count(args.nodeMinCount())
            .minCount(args.nodeMinCount()).maxCount(args.nodeMaxCount()).vnetSubnetID(network.nodes().id())
            .nodeLabels(Map.of("flyte.org/node-role", "worker")).build())
        .addonProfiles(logs.addonProfiles())
        .build(), child);
    logs.collectFrom(cluster);
    nodePools.add(cluster);
    args.gpuNodes().ifPresent(gpu -> nodePools.add(new AgentPool(name + "-gpu", AgentPoolArgs.builder().resourceGroupName(group)
        .resourceName(cluster.name()).agentPoolName("gpu").mode("User").osType("Linux").vmSize(gpu.vmSize())
        .enableAutoScaling(true).count(gpu.minCount()).minCount(gpu.minCount()).maxCount(gpu.maxCount())
        .vnetSubnetID(network.nodes().id())
        .nodeLabels(Map.of("flyte.org/node-role", "gpu"))
        .nodeTaints("nvidia.com/gpu=present:NoSchedule").build(), child)));
  }

  ManagedCluster cluster() {
    return cluster;
  }

  /** The cluster and its pools: Flyte's objects are applied once they exist. */
  List<Resource> nodePools() {
    return List.copyOf(nodePools);
  }
}
