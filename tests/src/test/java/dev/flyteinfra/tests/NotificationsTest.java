package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * E-mail notifications against the official flyte-core chart's rendering with
 * {@code workflow_notifications} (flyte-core-eks-all-optional), and the SendGrid key FlyteAdmin
 * reads on GCP. The gate runs over the fixtures core-notifications-aws and binary-notifications-gcp.
 */
class NotificationsTest {
  @Test
  void awsNotificationsAreConfiguredAsTheOfficialChartConfiguresThem() {
    Map<String, String> chart = FlyteConfigView.flatten(Repo.chart("flyte-core-eks-all-optional.yaml"),
        name -> name.equals("flyte-admin-base-config") ? "admin" : null);
    Map<String, String> ours = FlyteConfigView.flatten(
        Repo.objects(Repo.synthesize(Repo.ROOT.resolve("tests/src/test/resources/gate/core-notifications-aws.yaml"))),
        name -> name.equals("flyte-notify-admin-base-config") ? "admin" : null);
    List<String> keys = chart.keySet().stream().filter(key -> key.startsWith("admin:notifications.")).toList();

    assertThat(keys).containsExactlyInAnyOrder("admin:notifications.type", "admin:notifications.region",
        "admin:notifications.publisher.topicName", "admin:notifications.processor.accountId", "admin:notifications.processor.queueName",
        "admin:notifications.emailer.body", "admin:notifications.emailer.sender", "admin:notifications.emailer.subject");
    assertThat(ours.keySet().stream().filter(key -> key.startsWith("admin:notifications.")).toList()).containsExactlyInAnyOrderElementsOf(keys);
    for (String key : keys) {
      // The chart's values keep their placeholders for the region and the account.
      String expected = chart.get(key).replace("<AWS_REGION>", "us-east-1").replace("<ACCOUNT_NUMBER>", "123456789012");
      if (key.endsWith("emailer.body")) {
        // The chart's body is quoted inside its YAML block; the text is the same.
        assertThat(expected).isEqualTo("\"" + ours.get(key) + "\"\n");
      } else {
        assertThat(ours.get(key)).as(key).isEqualTo(expected);
      }
    }
  }

  @Test
  void gcpNotificationsSendThroughSendgridWithTheKeyFromASecret() {
    List<ObjectNode> objects = Repo.objects(Repo.synthesize(Repo.ROOT.resolve("tests/src/test/resources/gate/binary-notifications-gcp.yaml")));
    Map<String, String> config = FlyteConfigView.flatten(objects, name -> name.equals("flyte-notify-gcp-config") ? "config" : null);
    JsonNode pod = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow()
        .at("/spec/template/spec");

    assertThat(config).containsEntry("config:notifications.type", "gcp")
        .containsEntry("config:notifications.gcp.projectId", "acme-prod")
        .containsEntry("config:notifications.publisher.topicName", "flyte-notifications")
        .containsEntry("config:notifications.processor.queueName", "flyte-notifications")
        .containsEntry("config:notifications.emailer.emailServerConfig.serviceName", "sendgrid")
        .containsEntry("config:notifications.emailer.emailServerConfig.apiKeyFilePath", "/etc/flyte/notifications/sendgrid_api_key")
        .containsEntry("config:notifications.emailer.subject", "{{ project }}/{{ domain }}: {{ name }} {{ phase }}");
    assertThat(pod.at("/volumes").toString()).contains("{\"name\":\"notifications\",\"secret\":{\"defaultMode\":288,"
        + "\"items\":[{\"key\":\"api-key\",\"path\":\"sendgrid_api_key\"}],\"secretName\":\"sendgrid\"}}");
    assertThat(pod.at("/containers/0/volumeMounts").toString()).contains("\"mountPath\":\"/etc/flyte/notifications\",\"name\":\"notifications\"");
  }
}
