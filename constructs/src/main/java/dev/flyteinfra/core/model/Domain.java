package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** A Flyte domain; every project gets a namespace {@code <project>-<domain>} per domain. */
@Value.Immutable
@JsonSerialize(as = ImmutableDomain.class)
@JsonDeserialize(as = ImmutableDomain.class)
public interface Domain {
  /** Domain id, a DNS-1123 label. Required. */
  String name();

  /** The ResourceQuota of each project's namespace in this domain. Default: none. */
  Optional<Quota> quota();

  /**
   * The identity of task pods in this domain's namespaces, e.g. a service account per domain.
   * Default: the deployment's {@code taskIdentity}.
   */
  Optional<WorkloadIdentity> taskIdentity();

  static Domain named(String name) {
    return ImmutableDomain.builder().name(name).build();
  }
}
