package dev.flyteinfra.azure;

import com.pulumi.core.Output;
import dev.flyteinfra.core.model.FlyteDeployment;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link FlyteAks} builds: the Flyte deployment (binary or core, storage on Azure Blob) and
 * the {@link AksOptions} of the cluster around it. {@code builder().from(options)} starts from a
 * config file's {@code azure:} section.
 */
@Value.Immutable
public interface FlyteAksArgs extends AksOptions {
  /** The Flyte deployment; the database host, password Secret and identities are filled in by {@link FlyteAks}. */
  FlyteDeployment deployment();

  /**
   * The database administrator's password, as a Pulumi secret ({@code pulumi config set --secret
   * databasePassword}). Default: generated on the first {@code pulumi up} and kept in the stack's
   * state from then on.
   */
  Optional<Output<String>> databasePassword();

  static ImmutableFlyteAksArgs.Builder builder() {
    return ImmutableFlyteAksArgs.builder();
  }
}
