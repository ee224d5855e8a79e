package dev.flyteinfra.core.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What one CI step deploys into a project and domain. Flyte 1: the package or module that
 * {@code pyflyte register} registers, under a step name. Flyte 2: a TaskEnvironment (the name of
 * its variable in the task file, which {@code flyte deploy FILE ENV} takes), or with
 * {@code recursive} every environment under a folder ({@code flyte deploy --recursive DIR}).
 *
 * @param name Flyte 1: the step's name; Flyte 2: the environment's variable; empty when recursive
 * @param path relative to the repository's root: Flyte 1 a package or module, Flyte 2 the task file or, recursive, a folder
 */
public record CiTarget(Optional<String> name, String project, String domain, String path, boolean recursive) {
  public CiTarget {
    Objects.requireNonNull(name, "name");
  }

  /** A named target: a Flyte 1 package under a step name, or a Flyte 2 TaskEnvironment of a task file. */
  public static CiTarget of(String name, String project, String domain, String path) {
    return new CiTarget(Optional.ofNullable(name), project, domain, path, false);
  }

  /** Every Flyte 2 TaskEnvironment under a folder. */
  public static CiTarget recursive(String project, String domain, String folder) {
    return new CiTarget(Optional.empty(), project, domain, folder, true);
  }

  /** {@code project/domain}, for step names. */
  String place() {
    return project + "/" + domain;
  }
}
