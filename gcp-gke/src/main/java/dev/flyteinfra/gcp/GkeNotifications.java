package dev.flyteinfra.gcp;

import com.pulumi.gcp.pubsub.Subscription;
import com.pulumi.gcp.pubsub.SubscriptionArgs;
import com.pulumi.gcp.pubsub.SubscriptionIAMMember;
import com.pulumi.gcp.pubsub.SubscriptionIAMMemberArgs;
import com.pulumi.gcp.pubsub.Topic;
import com.pulumi.gcp.pubsub.TopicArgs;
import com.pulumi.gcp.pubsub.TopicIAMMember;
import com.pulumi.gcp.pubsub.TopicIAMMemberArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableNotifications;
import dev.flyteinfra.core.model.Notifications;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.CloudRequirements.IdentityRequirement;
import java.util.Optional;

/**
 * With notifications backend gcp: the Pub/Sub topic FlyteAdmin publishes execution
 * notifications to and the subscription its processor pulls them from, which exactly the
 * identities that send notifications may publish to and pull from.
 */
final class GkeNotifications {
  private GkeNotifications() {}

  /** Whether the deployment sends notifications through Pub/Sub. */
  static boolean wanted(FlyteDeployment flyte) {
    return flyte.notifications().filter(n -> n.backend() == Notifications.Backend.GCP).isPresent();
  }

  /** The Pub/Sub topic and subscription of e-mail notifications. */
  static String topicName(FlyteDeployment flyte) {
    return flyte.name() + "-notifications";
  }

  static void create(Resource parent, String name, String project, String topicName, CloudRequirements requirements,
      GkeIdentities identities) {
    CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
    Topic topic = new Topic(name + "-notifications", TopicArgs.builder().project(project).name(topicName)
        .messageRetentionDuration("604800s").build(), child);
    Subscription subscription = new Subscription(name + "-notifications", SubscriptionArgs.builder().project(project)
        .name(topicName).topic(topic.name()).ackDeadlineSeconds(60).messageRetentionDuration("604800s").build(), child);
    for (IdentityRequirement identity : requirements.identities()) {
      if (identity.access().notifications().filter(n -> n.backend() == Notifications.Backend.GCP).isEmpty()) {
        continue;
      }
      String prefix = name + "-" + identity.key();
      var member = GkeIdentities.member(identities.account(identity.key()));
      new TopicIAMMember(prefix + "-publishes-notifications", TopicIAMMemberArgs.builder().project(project)
          .topic(topic.name()).role("roles/pubsub.publisher").member(member).build(), child);
      new SubscriptionIAMMember(prefix + "-pulls-notifications", SubscriptionIAMMemberArgs.builder().project(project)
          .subscription(subscription.name()).role("roles/pubsub.subscriber").member(member).build(), child);
    }
  }

  /** The notifications as applied: Pub/Sub's project, topic and subscription, for backend gcp. */
  static Optional<Notifications> applied(FlyteDeployment given, String project) {
    return given.notifications().map(n -> n.backend() != Notifications.Backend.GCP ? n
        : ImmutableNotifications.copyOf(n).withProject(project).withTopic(topicName(given)).withSubscription(topicName(given)));
  }
}
