package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import org.immutables.value.Value;

/**
 * How flytepropeller-manager splits workflows over propeller pods (Flyte's {@code manager.shard}):
 * by a hash of the workflow into {@code shardCount} shards, or by project or domain with one
 * shard per list of ids ({@code "*"} in the last list takes every id not named before).
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePropellerSharding.class)
@JsonDeserialize(as = ImmutablePropellerSharding.class)
public interface PropellerSharding {
  /** Sharding strategies of flytepropeller-manager. */
  enum Type {
    HASH, PROJECT, DOMAIN;

    @JsonValue
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Required. */
  Type type();

  /** Number of shards (type hash). */
  @Value.Default
  default int shardCount() {
    return 0;
  }

  /** The ids of each shard (types project and domain). */
  List<List<String>> shards();
}
