package dev.flyteinfra.gcp;

import com.pulumi.core.Output;
import dev.flyteinfra.core.model.FlyteDeployment;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link FlyteGke} builds: the Flyte deployment (binary or core, storage on GCS) and the
 * {@link GkeOptions} of the cluster around it. {@code builder().from(options)} starts from a
 * config file's {@code gcp:} section.
 */
@Value.Immutable
public interface FlyteGkeArgs extends GkeOptions {
  /** The Flyte deployment; the database address, password Secret and identities are filled in by {@link FlyteGke}. */
  FlyteDeployment deployment();

  /**
   * The database user's password, as a Pulumi secret ({@code pulumi config set --secret
   * databasePassword}). Default: generated on the first {@code pulumi up} and kept in the stack's
   * state from then on.
   */
  Optional<Output<String>> databasePassword();

  static ImmutableFlyteGkeArgs.Builder builder() {
    return ImmutableFlyteGkeArgs.builder();
  }
}
