package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import org.immutables.value.Value;

/** A Flyte project that FlyteAdmin creates at start-up. */
@Value.Immutable
@JsonSerialize(as = ImmutableProject.class)
@JsonDeserialize(as = ImmutableProject.class)
public interface Project {
  /** Project id, a DNS-1123 label. Required. */
  String name();

  /** Default: the name. */
  @Value.Default
  default String description() {
    return name() == null ? "" : name(); // a project without a name is reported by validate(), not here
  }

  /**
   * Quotas of this project's namespaces per domain name, overriding the domain's quota. They
   * become FlyteAdmin cluster-resource attributes (flytectl files in the output), which the
   * cluster-resource sync prefers over the domain's values. Default: none.
   */
  Map<String, Quota> quotas();

  static Project named(String name) {
    return ImmutableProject.builder().name(name).build();
  }
}
