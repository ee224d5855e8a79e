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
}
