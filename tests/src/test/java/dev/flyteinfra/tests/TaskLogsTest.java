package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The log links the console shows for a task, as FlytePropeller builds them from its config. */
class TaskLogsTest {
  @Test
  void azureMonitorLinkOpensTheWorkspacesLogsWithThePodsQuery() throws Exception {
    ObjectNode propeller = Repo.objects(Repo.synthesize(Repo.EXAMPLES.resolve("core-azure.yaml"))).stream()
        .filter(o -> o.path("kind").asText().equals("ConfigMap") && o.at("/metadata/name").asText().equals("core-azure-propeller-config"))
        .findFirst().orElseThrow();
    JsonNode logs = FlyteConfigView.parse(propeller.at("/data").get("task_logs.yaml").asText()).orElseThrow().at("/plugins/logs");
    JsonNode template = logs.at("/azure-log-templates/0");
    assertThat(template.path("displayName").asText()).isEqualTo("Azure Logs");
    assertThat(propeller.at("/data").get("task_logs.yaml").asText()).contains("k8s-array");

    // Flyte appends the pod's query, gzipped, base64 and URL-encoded, to each template URI.
    String query = "ContainerLogV2 | where PodName == \"a0-n0-0\" and PodNamespace == \"flytesnacks-development\"";
    URI link = URI.create(template.at("/templateUris/0").asText() + URLEncoder.encode(gzipBase64(query), StandardCharsets.UTF_8));

    assertThat(link.getScheme()).isEqualTo("https");
    assertThat(link.getHost()).isEqualTo("portal.azure.com");
    assertThat(link.getRawFragment()).startsWith("@00000000-0000-0000-0000-00000000000a/blade/");
    String resourceId = link.getRawFragment().replaceAll(".*/resourceId/([^/]+)/.*", "$1");
    assertThat(URLDecoder.decode(resourceId, StandardCharsets.UTF_8)).isEqualTo("/subscriptions/00000000-0000-0000-0000-00000000000b"
        + "/resourceGroups/core-azure-monitoring/providers/Microsoft.OperationalInsights/workspaces/core-azure-logs");
    assertThat(link.getRawFragment()).contains("/source/LogsBlade.AnalyticsShareLinkToQuery/q/H4sI");
  }

  private static String gzipBase64(String text) throws Exception {
    var bytes = new ByteArrayOutputStream();
    try (var gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
