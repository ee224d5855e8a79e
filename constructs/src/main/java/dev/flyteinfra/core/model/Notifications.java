package dev.flyteinfra.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * E-mail notifications of executions that reach a phase ({@code @workflow(notifications=[Email(...)])};
 * Slack and PagerDuty through their e-mail integrations). FlyteAdmin publishes each to a topic and
 * a processor of its own sends the e-mails from a queue: SNS, SQS and SES on AWS; Pub/Sub and
 * SendGrid on GCP. Flyte's {@code notifications}. The EKS and GKE stacks create the topic and the
 * queue (or subscription) and let FlyteAdmin's identity use exactly them; the plain manifests name
 * existing ones.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableNotifications.class)
@JsonDeserialize(as = ImmutableNotifications.class)
public interface Notifications {
  /** Where the notifications go through. */
  enum Backend {
    /** SNS topic, SQS queue subscribed to it, e-mail through SES. */
    @JsonProperty("aws") AWS,
    /** Pub/Sub topic and subscription, e-mail through SendGrid. */
    @JsonProperty("gcp") GCP
  }

  /** Required. */
  Backend backend();

  /** The e-mail sender, e.g. {@code flyte@example.com} (on AWS an SES-verified identity). Required. */
  String sender();

  /** The subject template. Default: the official chart's. */
  Optional<String> subject();

  /** The body template. Default: the official chart's, linking to the execution in the console. */
  Optional<String> body();

  /** aws: the region of the topic, the queue and SES. The EKS stack: its own. */
  Optional<String> region();

  /** aws: the ARN of the SNS topic. The EKS stack creates it. */
  Optional<String> topicArn();

  /** aws: the name of the SQS queue subscribed to the topic. The EKS stack creates it. */
  Optional<String> queueName();

  /** aws: the account id of the queue. The EKS stack: its own. */
  Optional<String> accountId();

  /** gcp: the project of the topic and the subscription. The GKE stack: its own. */
  Optional<String> project();

  /** gcp: the Pub/Sub topic name. The GKE stack creates {@code <name>-notifications}. */
  Optional<String> topic();

  /** gcp: the Pub/Sub subscription name. The GKE stack creates {@code <name>-notifications}. */
  Optional<String> subscription();

  /** gcp: the SendGrid API key that sends the e-mails. Required with gcp. */
  Optional<SecretKeyRef> sendgridApiKey();
}
