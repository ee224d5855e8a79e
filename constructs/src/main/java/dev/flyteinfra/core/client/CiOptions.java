package dev.flyteinfra.core.client;

import dev.flyteinfra.core.model.FlyteStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a CI workflow that deploys a Flyte project needs beyond the deployment: the CI system, the
 * targets, and how to sign in, install and build. Some options belong to one generation of Flyte
 * only (said on each); {@link CiWorkflow} reads those of the deployment's.
 */
@Value.Immutable
@FlyteStyle
public interface CiOptions {
  /** Where the GitHub workflow goes in the repository. */
  String GITHUB_WORKFLOW = ".github/workflows/flyte-deploy.yml";

  /**
   * The secret of an OAuth2 client secret: Flyte 1's (flytekit reads it from the variable its config
   * names) and a self-hosted Flyte 2's (the identity provider's client-credentials app).
   */
  String CLIENT_SECRET = "FLYTE_CLIENT_SECRET";
  /** The Flyte 2 secret of a hosted tenant: an API key, base64 of {@code endpoint:client_id:client_secret:org}. */
  String API_KEY = "FLYTE_API_KEY";

  /** The CI system, and where its workflow belongs in the repository. */
  enum Provider {
    /** GitHub Actions. */
    GITHUB(GITHUB_WORKFLOW, "${{ github.sha }}", "${{ runner.temp }}"),
    /** GitLab CI/CD. */
    GITLAB(".gitlab-ci.yml", "$CI_COMMIT_SHA", "/tmp");

    private final String path;
    private final String commitSha;
    private final String tempDir;

    Provider(String path, String commitSha, String tempDir) {
      this.path = path;
      this.commitSha = commitSha;
      this.tempDir = tempDir;
    }

    /** The workflow file's path from the repository's root. */
    public String path() {
      return path;
    }

    /** The commit being built, as a script of this CI system reads it. */
    String commitSha() {
      return commitSha;
    }

    /** A folder outside the checkout for files of one run. */
    String tempDir() {
      return tempDir;
    }
  }

  /** How the Flyte 2 CLI signs in from CI. */
  enum SignIn {
    /** A key minted by a hosted tenant ({@code flyte create api-key}), in {@code FLYTE_API_KEY}. */
    API_KEY,
    /** An OAuth2 client-credentials app of the identity provider: the id in the config, the secret in {@code FLYTE_CLIENT_SECRET}. */
    CLIENT_SECRET
  }

  Provider provider();

  /** What is deployed, one step each (a recursive Flyte 2 target: one step for its folder). */
  List<CiTarget> targets();

  /** The branch whose pushes deploy. Default: {@code main}. */
  @Value.Default
  default String branch() {
    return "main";
  }

  /** The Python the tools run on. Default: 3.12. */
  @Value.Default
  default String pythonVersion() {
    return "3.12";
  }

  /** GitHub: every action pinned to the commit of its release rather than a movable tag. Default: false. */
  @Value.Default
  default boolean pinActions() {
    return false;
  }

  /** The CI environment that holds the secrets and runs the deploy job. Default: {@code flyte-<deployment name>}. */
  Optional<String> environment();

  /** The OAuth2 client CI signs in as (Flyte 1; Flyte 2 with {@link SignIn#CLIENT_SECRET}). Default: {@code flyte-ci}. */
  @Value.Default
  default String clientId() {
    return "flyte-ci";
  }

  /** Flyte 1: the image to build from the repository's Dockerfile, tagged with the commit. Default: none. */
  Optional<String> image();

  /** Flyte 1: what {@code pip install flytekit==} takes. Default: {@code 1.16.*}. */
  @Value.Default
  default String flytekitVersion() {
    return "1.16.*";
  }

  /** Flyte 2: how CI signs in. Default: {@link SignIn#CLIENT_SECRET}. */
  @Value.Default
  default SignIn signIn() {
    return SignIn.CLIENT_SECRET;
  }

  /** Flyte 2: the scopes the client asks its token for. Default: the identity provider's default. */
  List<String> scopes();

  /** Flyte 2: the uv dependency groups {@code uv sync} installs besides the project's dependencies. Default: none. */
  List<String> uvGroups();

  /** Flyte 2: the root of the Python sources ({@code --root-dir}), e.g. {@code src}. Default: the repository's root. */
  Optional<String> rootDir();

  /** Flyte 2: {@code flyte build} each environment's image before deploying. Default: false. */
  @Value.Default
  default boolean build() {
    return false;
  }

  /** Flyte 2: {@code flyte deploy --copy-style}: none (the code is in the image), loaded_modules or all. Default: none. */
  @Value.Default
  default String copyStyle() {
    return "none";
  }

  /** Flyte 2: {@code flyte build --copy-style}; must equal {@link #copyStyle()}, or the images differ and deploy builds again. Default: the same. */
  Optional<String> buildCopyStyle();

  /** Flyte 2: a base image the team builds (the repository's Dockerfile), pushed as {@code <repository>:<commit>} and handed to the deploy job as {@code BASE_IMAGE}. */
  Optional<String> baseImage();

  /** Flyte 2: where the local builder pushes ({@code image.registry}), logged in to before building. Default: none. */
  Optional<String> registry();

  static ImmutableCiOptions.Builder builder() {
    return ImmutableCiOptions.builder();
  }
}
