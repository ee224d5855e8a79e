package dev.flyteinfra.core.model;

import java.util.regex.Pattern;

/** The rules of {@code taskLogs:} ({@link TaskLogs}). */
final class TaskLogsChecks {
  /** A link template: a URL whose path may hold Go template actions such as {@code {{ .podName }}}. */
  private static final Pattern TEMPLATE_URL = Pattern.compile("https?://[^\\s/{}]+(:\\d+)?([/?#].*)?");
  private static final Pattern AZURE_RESOURCE_GROUP = Pattern.compile("[-\\w.()]{0,89}[-\\w()]");
  private static final Pattern AZURE_LOG_WORKSPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]");

  private TaskLogsChecks() {}

  static void check(Checks c, TaskLogs logs) {
    if (logs.cloudwatchRegion().isPresent() != logs.cloudwatchLogGroup().isPresent()) {
      String missing = logs.cloudwatchRegion().isPresent() ? "cloudwatchLogGroup" : "cloudwatchRegion";
      c.add(missing, "is required with " + (missing.endsWith("Group") ? "cloudwatchRegion" : "cloudwatchLogGroup"),
          "set both, e.g. us-east-1 and /aws/eks/<cluster>/cluster");
    }
    c.awsRegion("cloudwatchRegion", logs.cloudwatchRegion());
    logs.stackdriverProject().filter(p -> !Checks.GCP_PROJECT.matcher(p).matches()).ifPresent(p ->
        c.add("stackdriverProject", "'" + p + "' is not a GCP project id", "use the project id of the GKE cluster"));
    logs.azure().ifPresent(azure -> {
      Checks a = c.at("azure");
      if (a.required("tenantId", azure.tenantId(), "give the Entra ID tenant id, a UUID")
          && !Checks.UUID.matcher(azure.tenantId()).matches()) {
        a.add("tenantId", "'" + azure.tenantId() + "' is not a tenant id", "use the Entra ID tenant id, a UUID");
      }
      if (a.required("subscriptionId", azure.subscriptionId(), "give the workspace's subscription id, a UUID")
          && !Checks.UUID.matcher(azure.subscriptionId()).matches()) {
        a.add("subscriptionId", "'" + azure.subscriptionId() + "' is not a subscription id", "use the subscription id, a UUID");
      }
      if (a.required("resourceGroup", azure.resourceGroup(), "give the workspace's resource group")
          && !AZURE_RESOURCE_GROUP.matcher(azure.resourceGroup()).matches()) {
        a.add("resourceGroup", "'" + azure.resourceGroup() + "' is not a resource group name",
            "use 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'");
      }
      if (a.required("workspace", azure.workspace(), "give the Log Analytics workspace's name")
          && !AZURE_LOG_WORKSPACE.matcher(azure.workspace()).matches()) {
        a.add("workspace", "'" + azure.workspace() + "' is not a Log Analytics workspace name",
            "use 4-63 letters, digits or '-', starting and ending with a letter or digit");
      }
    });
    logs.kubernetesTemplateUri().filter(u -> !TEMPLATE_URL.matcher(u).matches()).ifPresent(u ->
        c.add("kubernetesTemplateUri", "'" + u + "' is not an http(s) URL template",
            "write it as https://host/path with {{ .namespace }}, {{ .podName }}, {{ .containerName }} where needed"));
  }
}
