package dev.flyteinfra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableNotifications;
import dev.flyteinfra.core.model.Notifications;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * E-mail notifications on AWS: the SNS topic and SQS queue the stack creates for FlyteAdmin, checked
 * with CDK's assertions and cdk-nag, and the backend role allowed exactly them and the sender's SES
 * identity.
 */
class FlyteNotificationsTest {
  static FlyteEksSynth synth;

  @BeforeAll
  static void synthesize() {
    FlyteDeployment flyte = ImmutableFlyteDeployment.copyOf(FlyteEksSynth.binary()).withNotifications(ImmutableNotifications.builder()
        .backend(Notifications.Backend.AWS).sender("flyte@example.com")
        // The plain manifests' values; the stack replaces them with its own resources.
        .region("us-east-1").accountId("123456789012").topicArn("arn:aws:sns:us-east-1:123456789012:elsewhere").queueName("elsewhere")
        .build());
    synth = FlyteEksSynth.of(FlyteEksProps.builder().deployment(flyte).build());
  }

  @Test
  void cdkNagFindsNoUnsuppressedError() {
    assertThat(Annotations.fromStack(synth.stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
  }

  @Test
  void topicAndQueuesAreEncryptedAndTlsOnly() {
    synth.template.hasResourceProperties("AWS::SNS::Topic", Map.of("TopicName", "flyte-aws-notifications",
        "KmsMasterKeyId", Match.anyValue()));
    synth.template.hasResourceProperties("AWS::SQS::Queue", Map.of("QueueName", "flyte-aws-notifications",
        "SqsManagedSseEnabled", true, "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 5))));
    assertThat(synth.resources("AWS::SQS::Queue")).hasSize(2)
        .allSatisfy(queue -> assertThat(queue.at("/Properties/SqsManagedSseEnabled").asBoolean()).isTrue());
    List<JsonNode> policies = new ArrayList<>(synth.resources("AWS::SQS::QueuePolicy"));
    policies.addAll(synth.resources("AWS::SNS::TopicPolicy"));
    assertThat(policies).hasSizeGreaterThanOrEqualTo(3).allSatisfy(policy -> assertThat(policy.at("/Properties/PolicyDocument/Statement"))
        .anySatisfy(statement -> {
          assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
          assertThat(statement.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
        }));
    // FlyteAdmin's processor reads the SNS envelope: the subscription must not be raw.
    assertThat(synth.resources("AWS::SNS::Subscription")).singleElement().satisfies(subscription -> {
      assertThat(subscription.at("/Properties/Protocol").asText()).isEqualTo("sqs");
      assertThat(subscription.at("/Properties/RawMessageDelivery").asBoolean(false)).isFalse();
    });
  }

  @Test
  void theBackendRoleMayPublishConsumeAndSendAsTheSenderOnly() {
    String statements = synth.resources("AWS::IAM::Policy").stream()
        .filter(policy -> policy.at("/Properties/Roles").toString().contains("FlyteBackendRole"))
        .map(policy -> policy.at("/Properties/PolicyDocument/Statement").toString()).reduce("", String::concat);

    assertThat(statements).contains("\"sns:Publish\"", "FlyteNotificationsTopic", "\"sqs:ReceiveMessage\"", "\"sqs:DeleteMessage\"",
        "FlyteNotificationsQueue", "\"ses:SendEmail\"", ":identity/flyte@example.com", ":identity/example.com");
    assertThat(statements).doesNotContain("\"Resource\":\"*\"").doesNotContain("sqs:*").doesNotContain("sns:*");
  }

  @Test
  void flyteAdminIsConfiguredWithTheStacksTopicAndQueue() {
    String manifests = synth.resources("Custom::AWSCDK-EKS-KubernetesResource").toString();

    assertThat(manifests).contains("005-notifications.yaml", "FlyteNotificationsTopic", "FlyteNotificationsQueue")
        .doesNotContain("elsewhere");
  }
}
