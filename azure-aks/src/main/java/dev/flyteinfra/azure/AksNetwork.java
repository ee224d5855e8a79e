package dev.flyteinfra.azure;

import com.pulumi.azurenative.network.PrivateZone;
import com.pulumi.azurenative.network.PrivateZoneArgs;
import com.pulumi.azurenative.network.Subnet;
import com.pulumi.azurenative.network.SubnetArgs;
import com.pulumi.azurenative.network.VirtualNetwork;
import com.pulumi.azurenative.network.VirtualNetworkArgs;
import com.pulumi.azurenative.network.VirtualNetworkLink;
import com.pulumi.azurenative.network.VirtualNetworkLinkArgs;
import com.pulumi.azurenative.network.inputs.AddressSpaceArgs;
import com.pulumi.azurenative.network.inputs.DelegationArgs;
import com.pulumi.azurenative.network.inputs.SubResourceArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

/**
 * The virtual network of an AKS deployment: a node subnet, a subnet delegated to PostgreSQL
 * Flexible Server, and the private DNS zone the server's name resolves in, linked to the network.
 */
final class AksNetwork {
  static final String VNET_RANGE = "10.10.0.0/16";
  static final String NODE_RANGE = "10.10.0.0/20";
  static final String DATABASE_RANGE = "10.10.16.0/24";

  private final Subnet nodes;
  private final Subnet databaseSubnet;
  private final PrivateZone zone;
  private final VirtualNetworkLink zoneLink;

  AksNetwork(Resource parent, String name, Output<String> group, String location, String deploymentName) {
    CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
    VirtualNetwork network = new VirtualNetwork(name + "-vnet", VirtualNetworkArgs.builder().resourceGroupName(group)
        .location(location).addressSpace(AddressSpaceArgs.builder().addressPrefixes(VNET_RANGE).build()).build(), child);
    nodes = new Subnet(name + "-nodes", SubnetArgs.builder().resourceGroupName(group)
        .virtualNetworkName(network.name()).addressPrefix(NODE_RANGE).build(), child);
    databaseSubnet = new Subnet(name + "-database", SubnetArgs.builder().resourceGroupName(group)
        .virtualNetworkName(network.name()).addressPrefix(DATABASE_RANGE)
        .delegations(DelegationArgs.builder().name("postgres").serviceName("Microsoft.DBforPostgreSQL/flexibleServers").build())
        .build(), CustomResourceOptions.builder().parent(parent).dependsOn(nodes).build());
    zone = new PrivateZone(name + "-postgres-dns", PrivateZoneArgs.builder().resourceGroupName(group)
        .location("global").privateZoneName(deploymentName + ".private.postgres.database.azure.com").build(), child);
    zoneLink = new VirtualNetworkLink(name + "-postgres-dns", VirtualNetworkLinkArgs.builder()
        .resourceGroupName(group).location("global").privateZoneName(zone.name()).registrationEnabled(false)
        .virtualNetwork(SubResourceArgs.builder().id(network.id()).build()).build(), child);
  }

  Subnet nodes() {
    return nodes;
  }

  Subnet databaseSubnet() {
    return databaseSubnet;
  }

  PrivateZone zone() {
    return zone;
  }

  /** The zone's link to the network: the server needs it first. */
  VirtualNetworkLink zoneLink() {
    return zoneLink;
  }
}
