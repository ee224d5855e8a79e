package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
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
    return name();
  }

  static Project named(String name) {
    return ImmutableProject.builder().name(name).build();
  }
}
