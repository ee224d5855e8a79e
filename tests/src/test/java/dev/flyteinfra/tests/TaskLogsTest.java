package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The log links the console shows for a task, as FlytePropeller 1.16.8 builds them from its config. */
class TaskLogsTest {
  /** The variables Flyte 1.16.8 fills into a log template (flyteplugins/go/tasks/pluginmachinery/tasklog/template.go). */
  private static final List<String> FLYTE_VARIABLES = List.of("logName", "podName", "podUID", "namespace", "containerName",
      "containerID", "hostname", "nodeName", "podRFC3339StartTime", "podRFC3339FinishTime", "podUnixStartTime", "podUnixFinishTime",
      "taskID", "taskVersion", "taskProject", "taskDomain", "taskRetryAttempt", "nodeID", "executionName", "executionProject",
      "executionDomain", "generatedName");
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*[.$]([A-Za-z]+)\\s*}}");

  @Test
  void azureMonitorLinkOpensTheWorkspacesLogsWithThePodsQuery() {
    ObjectNode propeller = Repo.objects(Repo.synthesize(Repo.EXAMPLES.resolve("core-azure.yaml"))).stream()
        .filter(o -> o.path("kind").asText().equals("ConfigMap") && o.at("/metadata/name").asText().equals("core-azure-propeller-config"))
        .findFirst().orElseThrow();
    JsonNode plugins = FlyteConfigView.parse(propeller.at("/data").get("task_logs.yaml").asText()).orElseThrow().at("/plugins");
    // Flyte 1.16.8's custom links: plugins.logs.templates (azure-log-templates is a Flyte 2 key 1.16.8 ignores).
    JsonNode template = plugins.at("/logs/templates/0");
    assertThat(plugins.at("/logs").has("azure-log-templates")).isFalse();
    assertThat(template.path("displayName").asText()).isEqualTo("Azure Logs");
    assertThat(plugins.at("/k8s-array/logs/config/templates")).isEqualTo(plugins.at("/logs/templates"));
    String uri = template.at("/templateUris/0").asText();

    // Flyte replaces each variable verbatim (regex, no escaping): only ones it knows, and DNS-name values keep the URL valid.
    Matcher variables = VARIABLE.matcher(uri);
    while (variables.find()) {
      assertThat(FLYTE_VARIABLES).contains(variables.group(1));
    }
    Map<String, String> pod = new LinkedHashMap<>();
    pod.put("podName", "a0-n0-0");
    pod.put("namespace", "flytesnacks-development");
    pod.put("containerName", "a0-n0-0");
    pod.put("podUnixStartTime", "1700000000");
    URI link = URI.create(fill(uri, pod));

    assertThat(link.getScheme()).isEqualTo("https");
    assertThat(link.getHost()).isEqualTo("portal.azure.com");
    assertThat(link.getRawFragment()).startsWith("@00000000-0000-0000-0000-00000000000a/blade/");
    String resourceId = link.getRawFragment().replaceAll(".*/resourceId/([^/]+)/.*", "$1");
    assertThat(URLDecoder.decode(resourceId, StandardCharsets.UTF_8)).isEqualTo("/subscriptions/00000000-0000-0000-0000-00000000000b"
        + "/resourceGroups/core-azure-monitoring/providers/Microsoft.OperationalInsights/workspaces/core-azure-logs");
    String query = link.getRawFragment().replaceAll(".*/source/LogsBlade\\.AnalyticsShareLinkToQuery/query/([^/]+)$", "$1");
    assertThat(query).doesNotContain("+");
    assertThat(URLDecoder.decode(query, StandardCharsets.UTF_8)).isEqualTo("""
        ContainerLogV2
        | where PodNamespace == "flytesnacks-development" and PodName == "a0-n0-0" and ContainerName == "a0-n0-0"
        | where TimeGenerated >= unixtime_seconds_todatetime(1700000000)
        | project TimeGenerated, LogMessage
        | order by TimeGenerated asc""");
  }

  /** A template as Flyte fills it in: each {@code {{ .var }}} replaced by its value, case-insensitively. */
  private static String fill(String template, Map<String, String> values) {
    String filled = template;
    for (Map.Entry<String, String> value : values.entrySet()) {
      filled = Pattern.compile("(?i)\\{\\{\\s*[.$]" + value.getKey() + "\\s*}}").matcher(filled).replaceAll(Matcher.quoteReplacement(value.getValue()));
    }
    assertThat(filled).doesNotContain("{{");
    return filled;
  }
}
