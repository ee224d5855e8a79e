package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where Flyte 2 runs task pods and as whom: one namespace for every project and domain
 * ({@code actions.kubernetes.namespace}) and one service account of their own there
 * ({@code executor.defaultK8sServiceAccount}), never the binary's, acting as {@code taskIdentity}.
 * Flyte 1 puts tasks in a namespace per project and domain instead.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTaskPods.class)
@JsonDeserialize(as = ImmutableTaskPods.class)
public interface TaskPods {
  /** The task namespace. Default: {@code <namespace>-tasks}, apart from Flyte's own objects and Secrets. */
  Optional<String> namespace();

  /** The task pods' service account in it. Default: {@code <name>-task}. */
  Optional<String> serviceAccount();
}
