package dev.flyteinfra.azure;

import com.pulumi.azurenative.authorization.outputs.GetClientConfigResult;
import com.pulumi.azurenative.containerservice.ManagedCluster;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAddonProfileArgs;
import com.pulumi.azurenative.insights.DataCollectionRule;
import com.pulumi.azurenative.insights.DataCollectionRuleArgs;
import com.pulumi.azurenative.insights.DataCollectionRuleAssociation;
import com.pulumi.azurenative.insights.DataCollectionRuleAssociationArgs;
import com.pulumi.azurenative.insights.inputs.DataCollectionRuleDataSourcesArgs;
import com.pulumi.azurenative.insights.inputs.DataCollectionRuleDestinationsArgs;
import com.pulumi.azurenative.insights.inputs.DataFlowArgs;
import com.pulumi.azurenative.insights.inputs.ExtensionDataSourceArgs;
import com.pulumi.azurenative.insights.inputs.LogAnalyticsDestinationArgs;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.operationalinsights.WorkspaceArgs;
import com.pulumi.azurenative.operationalinsights.inputs.WorkspaceSkuArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableAzureLogAnalytics;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableTaskLogs;
import java.util.Map;
import java.util.Optional;

/**
 * With Container insights: a Log Analytics workspace, the cluster's monitoring add-on writing to
 * it, a data collection rule sending the pods' logs as ContainerLogV2 rows, and the console's
 * task log links pointing at the workspace.
 */
final class AksLogs {
  /** The Container insights stream of the pods' logs, the table Flyte's Azure log links query. */
  private static final String CONTAINER_LOGS = "Microsoft-ContainerLogV2";

  /** The Log Analytics workspace of Container insights, where the task log links point. */
  record LogWorkspace(String tenantId, String subscriptionId, String resourceGroup, String name) {}

  private final Resource parent;
  private final String name;
  private final Output<String> group;
  private final String location;
  private final Optional<Workspace> workspace;

  AksLogs(Resource parent, String name, Output<String> group, String location, FlyteDeployment flyte, boolean containerInsights) {
    this.parent = parent;
    this.name = name;
    this.group = group;
    this.location = location;
    this.workspace = containerInsights ? Optional.of(new Workspace(name + "-logs", WorkspaceArgs.builder()
        .resourceGroupName(group).location(location).workspaceName(workspaceName(flyte))
        .sku(WorkspaceSkuArgs.builder().name("PerGB2018").build()).retentionInDays(30).build(),
        CustomResourceOptions.builder().parent(parent).build())) : Optional.empty();
  }

  static String workspaceName(FlyteDeployment flyte) {
    return flyte.name() + "-logs";
  }

  /** The cluster's add-on profiles: the monitoring agent with Entra ID sign-in, with Container insights; none without. */
  Map<String, ManagedClusterAddonProfileArgs> addonProfiles() {
    return workspace.map(w -> Map.of("omsagent", ManagedClusterAddonProfileArgs.builder().enabled(true)
            .config(w.id().applyValue(id -> Map.of("logAnalyticsWorkspaceResourceID", id, "useAADAuth", "true"))).build()))
        .orElse(Map.of());
  }

  /**
   * Sends the pods' logs to the workspace as ContainerLogV2 rows, the table Flyte's Azure log links
   * query: a data collection rule of the Container insights extension, associated with the cluster.
   */
  void collectFrom(ManagedCluster cluster) {
    if (workspace.isEmpty()) {
      return;
    }
    CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
    DataCollectionRule rule = new DataCollectionRule(name + "-container-logs", DataCollectionRuleArgs.builder()
        .resourceGroupName(group).location(location).kind("Linux")
        .dataSources(DataCollectionRuleDataSourcesArgs.builder().extensions(ExtensionDataSourceArgs.builder()
            .name("ContainerInsightsExtension").extensionName("ContainerInsights").streams(Either.ofLeft(CONTAINER_LOGS))
            .extensionSettings(Map.of("dataCollectionSettings", Map.of("interval", "1m", "namespaceFilteringMode", "Off",
                "enableContainerLogV2", true)))
            .build()).build())
        .destinations(DataCollectionRuleDestinationsArgs.builder().logAnalytics(LogAnalyticsDestinationArgs.builder()
            .name("workspace").workspaceResourceId(workspace.get().id()).build()).build())
        .dataFlows(DataFlowArgs.builder().streams(Either.ofLeft(CONTAINER_LOGS)).destinations("workspace").build())
        .build(), child);
    new DataCollectionRuleAssociation(name + "-container-logs", DataCollectionRuleAssociationArgs.builder()
        .resourceUri(cluster.id()).associationName("ContainerInsightsExtension").dataCollectionRuleId(rule.id()).build(), child);
  }

  /** The workspace as the deployment's shape names it, before the tenant and subscription are known. */
  Optional<LogWorkspace> planned(FlyteDeployment flyte, String pending) {
    return workspace.map(w -> new LogWorkspace(pending, pending, "pending", workspaceName(flyte)));
  }

  /** The workspace, once the signed-in tenant and subscription and the resource group are known. */
  Output<Optional<LogWorkspace>> resolved(FlyteDeployment flyte, Output<GetClientConfigResult> signedIn) {
    return workspace.isEmpty() ? Output.of(Optional.empty())
        : Output.tuple(signedIn, group).applyValue(values -> Optional.of(new LogWorkspace(values.t1.tenantId(),
            values.t1.subscriptionId(), values.t2, workspaceName(flyte))));
  }

  /** With Container insights, the console's task log links point at its workspace. */
  static FlyteDeployment withLogLinks(FlyteDeployment flyte, Optional<LogWorkspace> workspace) {
    return workspace.map(w -> (FlyteDeployment) ImmutableFlyteDeployment.copyOf(flyte).withTaskLogs(ImmutableTaskLogs.copyOf(flyte.taskLogs())
        .withAzure(ImmutableAzureLogAnalytics.builder().tenantId(w.tenantId()).subscriptionId(w.subscriptionId())
            .resourceGroup(w.resourceGroup()).workspace(w.name()).build()))).orElse(flyte);
  }
}
