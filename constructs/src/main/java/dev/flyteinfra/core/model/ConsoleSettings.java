package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Flyte 2's console: its own Deployment beside the binary, served at {@code /v2}. Its image
 * publishes no release tags upstream, so a Flyte 2 deployment must pin the build it tested.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableConsoleSettings.class)
@JsonDeserialize(as = ImmutableConsoleSettings.class)
public interface ConsoleSettings {
  /** {@code <repository>:<tag>} or {@code <repository>:<tag>@sha256:<digest>}. Required for Flyte 2. */
  Optional<String> image();

  /** Default: 1. */
  @Value.Default
  default int replicas() {
    return 1;
  }

  /** Default: 50m / 64Mi, limit 256Mi. */
  @Value.Default
  default Resources resources() {
    return ImmutableResources.builder().cpu("50m").memory("64Mi").memoryLimit("256Mi").build();
  }

  /** Settings with only the image given. */
  static ConsoleSettings of(String image) {
    return ImmutableConsoleSettings.builder().image(image).build();
  }
}
