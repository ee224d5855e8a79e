package dev.flyteinfra.core.client;

import java.util.List;
import java.util.Optional;

/**
 * A CI pipeline that deploys a Flyte project, before any CI system's syntax: what each generation
 * of Flyte plans ({@link Flyte1Pipeline}, {@link Flyte2Pipeline}) and each CI system writes
 * ({@link GithubWorkflowYaml}, {@link GitlabCiYaml}).
 *
 * @param title what the pipeline does, e.g. {@code Deploy Flyte workflows to flyte}
 * @param concurrencyGroup the name that keeps deploys one at a time
 * @param secrets the secrets the deploy job's steps are given, for the file's header to say how to store them
 */
record CiPipeline(String title, String branch, String concurrencyGroup, List<Secret> secrets, List<Job> jobs) {
  /**
   * A secret of the CI system's, scoped to the deploy job's environment.
   *
   * @param what what to store in it, e.g. {@code the OAuth2 client secret of 'flyte-ci'}
   */
  record Secret(String name, String what) {}

  /** What a job installs before its steps. */
  enum Tools {
    /** Nothing beyond the checkout (and Docker when the job builds). */
    NONE,
    /** Python with pip. */
    PYTHON,
    /** uv, which installs Python and the project. */
    UV
  }

  /**
   * One job: its steps run in order on one machine.
   *
   * @param docker whether its steps build images (Docker with buildx)
   * @param needs the job that must finish first, whose outputs it reads
   * @param environment the CI environment that scopes its secrets; empty: none of Flyte's secrets
   * @param deploys whether it changes the deployment (such jobs run one at a time)
   */
  record Job(String id, Tools tools, String pythonVersion, boolean docker, Optional<String> needs, Optional<String> environment,
      boolean deploys, List<Step> steps) {}

  /** A step of a job. */
  sealed interface Step permits Run, RegistryLogin, BuildPush {}

  /**
   * A shell script.
   *
   * @param secrets the secrets it is given as environment variables of the same names, and only it
   * @param inputs the outputs of the needed job it reads, as environment variables of the same names
   */
  record Run(String name, String script, List<String> secrets, List<String> inputs) implements Step {}

  /** Signs Docker in to a registry (host, or host and path: the host is what is logged in to). */
  record RegistryLogin(String registry) implements Step {
    String host() {
      int slash = registry.indexOf('/');
      return slash < 0 ? registry : registry.substring(0, slash);
    }
  }

  /**
   * Builds the repository's Dockerfile and pushes it as {@code <repository>:<commit>}.
   *
   * @param output the job output naming the pushed image by digest ({@code repository@sha256:…}); empty: none
   */
  record BuildPush(String repository, Optional<String> output) implements Step {}
}
