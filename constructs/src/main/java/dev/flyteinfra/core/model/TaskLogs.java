package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** Where the Flyte console links a task's logs to (Flyte's {@code plugins.logs}). Default: no links. */
@Value.Immutable
@JsonSerialize(as = ImmutableTaskLogs.class)
@JsonDeserialize(as = ImmutableTaskLogs.class)
public interface TaskLogs {
  /** A link template for a Kubernetes log viewer, e.g. a dashboard URL with {@code {{ .podName }}}. */
  Optional<String> kubernetesTemplateUri();

  /** AWS region of EKS container logs in CloudWatch (Container Insights / Fluent Bit). */
  Optional<String> cloudwatchRegion();

  /** CloudWatch log group, e.g. {@code /aws/eks/my-cluster/cluster}. Required with cloudwatchRegion. */
  Optional<String> cloudwatchLogGroup();

  /** GCP project whose Cloud Logging holds the container logs (GKE). */
  Optional<String> stackdriverProject();

  /**
   * Azure Monitor: a link to a Log Analytics query over the pod's {@code ContainerLogV2} rows (AKS
   * with Container insights). Tenant, subscription, resource group and workspace name of the Log
   * Analytics workspace; all four or none.
   */
  Optional<AzureLogAnalytics> azure();

  /** The Log Analytics workspace that holds an AKS cluster's container logs. */
  @Value.Immutable
  @JsonSerialize(as = ImmutableAzureLogAnalytics.class)
  @JsonDeserialize(as = ImmutableAzureLogAnalytics.class)
  interface AzureLogAnalytics {
    /** Entra ID tenant (directory) id the portal signs in to. */
    String tenantId();

    /** Subscription id of the workspace. */
    String subscriptionId();

    /** Resource group of the workspace. */
    String resourceGroup();

    /** Name of the Log Analytics workspace. */
    String workspace();
  }
}
