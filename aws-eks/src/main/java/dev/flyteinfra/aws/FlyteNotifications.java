package dev.flyteinfra.aws;

import dev.flyteinfra.core.model.ImmutableNotifications;
import dev.flyteinfra.core.model.Notifications;
import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * What FlyteAdmin's e-mail notifications need on AWS: the SNS topic it publishes to (encrypted,
 * TLS only), the SQS queue subscribed to it that its processor reads (encrypted, TLS only, with a
 * dead-letter queue for messages it fails on), and the statements that let the backend role
 * publish, consume and send the e-mails through SES from the sender's identity only.
 */
public final class FlyteNotifications extends Construct {
  private final Topic topic;
  private final Queue queue;

  FlyteNotifications(Construct scope, String id, String deploymentName) {
    super(scope, id);
    topic = Topic.Builder.create(this, "Topic")
        .topicName(deploymentName + "-notifications")
        .masterKey(Alias.fromAliasName(this, "SnsKey", "alias/aws/sns"))
        .enforceSsl(true)
        .build();
    Queue deadLetters = Queue.Builder.create(this, "DeadLetters")
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .retentionPeriod(Duration.days(14))
        .build();
    queue = Queue.Builder.create(this, "Queue")
        .queueName(deploymentName + "-notifications")
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(5).build())
        .build();
    // Not raw: FlyteAdmin's processor reads the SNS envelope around each message.
    topic.addSubscription(SqsSubscription.Builder.create(queue).rawMessageDelivery(false).build());
  }

  /** Publishing, consuming, and sending e-mail as the sender (its address or its domain as SES identity). */
  List<PolicyStatement> backendAccess(String sender) {
    Stack stack = Stack.of(this);
    String domain = sender.substring(sender.indexOf('@') + 1);
    return List.of(
        PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(List.of("sns:Publish"))
            .resources(List.of(topic.getTopicArn())).build(),
        PolicyStatement.Builder.create().effect(Effect.ALLOW)
            .actions(List.of("sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl",
                "sqs:ReceiveMessage"))
            .resources(List.of(queue.getQueueArn())).build(),
        PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(List.of("ses:SendEmail", "ses:SendRawEmail"))
            .resources(List.of(sesIdentity(stack, sender), sesIdentity(stack, domain))).build());
  }

  private static String sesIdentity(Stack stack, String identity) {
    return stack.formatArn(ArnComponents.builder().service("ses").resource("identity").resourceName(identity)
        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
  }

  /** The notifications as FlyteAdmin reaches these resources: topic, queue, this stack's region and account. */
  Notifications filledIn(Notifications given) {
    Stack stack = Stack.of(this);
    return ImmutableNotifications.copyOf(given)
        .withRegion(stack.getRegion())
        .withAccountId(stack.getAccount())
        .withTopicArn(topic.getTopicArn())
        .withQueueName(queue.getQueueName());
  }

  public Topic getTopic() {
    return topic;
  }

  public Queue getQueue() {
    return queue;
  }
}
