package dev.flyteinfra.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules of {@code notifications:} ({@link Notifications}). */
final class NotificationsChecks {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern SNS_TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}:[A-Za-z0-9_-]{1,256}");

  private NotificationsChecks() {}

  static void check(Checks c, Notifications notifications) {
    if (c.required("sender", notifications.sender(), "give the address the e-mails come from, e.g. flyte@example.com")
        && !Checks.isToken(notifications.sender()) && !EMAIL.matcher(notifications.sender()).matches()) {
      c.add("sender", "'" + notifications.sender() + "' is not an e-mail address", "give e.g. flyte@example.com");
    }
    if (!c.required("backend", notifications.backend(), "choose aws (SNS, SQS, SES) or gcp (Pub/Sub, SendGrid)")) {
      return;
    }
    boolean aws = notifications.backend() == Notifications.Backend.AWS;
    String backend = aws ? "aws" : "gcp";
    Map<String, Optional<?>> awsKeys = new LinkedHashMap<>();
    awsKeys.put("region", notifications.region());
    awsKeys.put("topicArn", notifications.topicArn());
    awsKeys.put("queueName", notifications.queueName());
    awsKeys.put("accountId", notifications.accountId());
    Map<String, Optional<?>> gcpKeys = new LinkedHashMap<>();
    gcpKeys.put("project", notifications.project());
    gcpKeys.put("topic", notifications.topic());
    gcpKeys.put("subscription", notifications.subscription());
    gcpKeys.put("sendgridApiKey", notifications.sendgridApiKey());
    (aws ? awsKeys : gcpKeys).forEach((key, value) -> {
      if (value.isEmpty()) {
        c.add(key, "is required with backend " + backend,
            aws ? "name the existing one, or let the EKS stack create it" : key.equals("sendgridApiKey")
                ? "reference the Secret key holding the SendGrid API key" : "name the existing one, or let the GKE stack create it");
      }
    });
    (aws ? gcpKeys : awsKeys).forEach((key, value) -> value.ifPresent(v ->
        c.add(key, "only backend " + (aws ? "gcp" : "aws") + " takes it", "remove " + key)));
    c.awsRegion("region", notifications.region());
    notifications.topicArn().filter(arn -> !Checks.isToken(arn) && !SNS_TOPIC_ARN.matcher(arn).matches()).ifPresent(arn ->
        c.add("topicArn", "'" + arn + "' is not an SNS topic ARN", "give arn:aws:sns:<region>:<account>:<topic>"));
    notifications.accountId().filter(id -> !Checks.isToken(id) && !id.matches("\\d{12}")).ifPresent(id ->
        c.add("accountId", "'" + id + "' is not an AWS account id", "give the 12 digits"));
    notifications.project().filter(p -> !Checks.GCP_PROJECT.matcher(p).matches()).ifPresent(p ->
        c.add("project", "'" + p + "' is not a GCP project id", "use the project id of the topic"));
    notifications.sendgridApiKey().ifPresent(ref -> c.secretRef("sendgridApiKey", ref));
  }
}
