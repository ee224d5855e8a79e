package dev.flyteinfra.gcp;

import com.pulumi.gcp.compute.GlobalAddress;
import com.pulumi.gcp.compute.GlobalAddressArgs;
import com.pulumi.gcp.compute.Network;
import com.pulumi.gcp.compute.NetworkArgs;
import com.pulumi.gcp.compute.Router;
import com.pulumi.gcp.compute.RouterArgs;
import com.pulumi.gcp.compute.RouterNat;
import com.pulumi.gcp.compute.RouterNatArgs;
import com.pulumi.gcp.compute.Subnetwork;
import com.pulumi.gcp.compute.SubnetworkArgs;
import com.pulumi.gcp.compute.inputs.SubnetworkLogConfigArgs;
import com.pulumi.gcp.compute.inputs.SubnetworkSecondaryIpRangeArgs;
import com.pulumi.gcp.servicenetworking.Connection;
import com.pulumi.gcp.servicenetworking.ConnectionArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.List;

/**
 * The VPC of a GKE deployment: one node subnetwork with secondary ranges for pods and services
 * and flow logs, Cloud NAT for private nodes, and the private services peering Cloud SQL's
 * private IP is reached through.
 */
final class GkeNetwork {
  static final String NODE_RANGE = "10.0.0.0/20";
  static final String POD_RANGE = "10.4.0.0/14";
  static final String SERVICE_RANGE = "10.8.0.0/20";

  private final Network network;
  private final Subnetwork subnetwork;
  private final Connection peering;

  GkeNetwork(Resource parent, String name, String project, FlyteGkeArgs args) {
    CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
    network = new Network(name + "-network", NetworkArgs.builder().project(project)
        .autoCreateSubnetworks(false).build(), child);
    subnetwork = new Subnetwork(name + "-nodes", SubnetworkArgs.builder().project(project).region(args.region())
        .network(network.id())
        .ipCidrRange(NODE_RANGE)
        .secondaryIpRanges(
            SubnetworkSecondaryIpRangeArgs.builder().rangeName("pods").ipCidrRange(POD_RANGE).build(),
            SubnetworkSecondaryIpRangeArgs.builder().rangeName("services").ipCidrRange(SERVICE_RANGE).build())
        .privateIpGoogleAccess(true)
        .logConfig(SubnetworkLogConfigArgs.builder().aggregationInterval("INTERVAL_5_MIN").flowSampling(0.5)
            .metadata("INCLUDE_ALL_METADATA").build())
        .build(), child);
    if (args.privateNodes()) {
      Router router = new Router(name + "-router", RouterArgs.builder().project(project).region(args.region())
          .network(network.id()).build(), child);
      new RouterNat(name + "-nat", RouterNatArgs.builder().project(project).region(args.region()).router(router.name())
          .natIpAllocateOption("AUTO_ONLY").sourceSubnetworkIpRangesToNat("ALL_SUBNETWORKS_ALL_IP_RANGES").build(), child);
    }
    GlobalAddress peeringRange = new GlobalAddress(name + "-sql-peering", GlobalAddressArgs.builder().project(project)
        .purpose("VPC_PEERING").addressType("INTERNAL").prefixLength(20).network(network.id()).build(), child);
    peering = new Connection(name + "-sql-peering", ConnectionArgs.builder().network(network.id())
        .service("servicenetworking.googleapis.com").reservedPeeringRanges(peeringRange.name().applyValue(List::of)).build(), child);
  }

  Network network() {
    return network;
  }

  Subnetwork subnetwork() {
    return subnetwork;
  }

  /** The private services peering: Cloud SQL's private IP needs it first. */
  Connection peering() {
    return peering;
  }
}
