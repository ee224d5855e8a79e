package dev.flyteinfra.stacks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlyteInfraCliTest {
  private static final String GOOD = """
      name: flyte
      database:
        host: db.example.com
        passwordSecret: {name: flyte-db, key: password}
      storage:
        metadataBucket: flyte-metadata
        s3: {region: us-east-1}
      """;
  private static final String BAD = """
      name: Flyte
      database:
        host: db.example.com
        port: 0
      storage:
        metadataBucket: flyte-metadata
      """;

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return FlyteInfraCli.execute(args);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void synthWritesTheDeploymentFolder() throws Exception {
    Path config = file("good.yaml", GOOD);

    int status = run("synth", "--config", config.toString(), "--out", dir.resolve("out").toString());

    assertThat(status).isZero();
    assertThat(dir.resolve("out/flyte/kustomization.yaml")).exists();
    assertThat(dir.resolve("out/flyte/flyte-binary.yaml")).exists();
    assertThat(dir.resolve("out/flyte/namespace.yaml")).exists();
    assertThat(out.toString()).contains("wrote");
  }

  @Test
  void badInputExitsWithTwoListsEveryProblemAndWritesNothing() throws Exception {
    Path good = file("good.yaml", GOOD);
    Path bad = file("bad.yaml", BAD);
    Path target = dir.resolve("out");

    int status = run("synth", "--config", good.toString(), "--config", bad.toString(), "--out", target.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains(
        bad + ": name: 'Flyte' is not valid",
        bad + ": database.port: must be between 1 and 65535",
        bad + ": database.passwordSecret: is required",
        bad + ": storage: names no object store",
        "4 problem(s); nothing was written.");
    assertThat(target).doesNotExist();
  }

  @Test
  void aFailedSynthLeavesThePreviousOutputAsItWas() throws Exception {
    Path target = dir.resolve("out");
    assertThat(run("synth", "--config", file("good.yaml", GOOD).toString(), "--out", target.toString())).isZero();
    String before = Files.readString(target.resolve("flyte/flyte-binary.yaml"));

    int status = run("synth", "--config", file("bad.yaml", BAD).toString(), "--out", target.toString());

    assertThat(status).isEqualTo(2);
    assertThat(Files.readString(target.resolve("flyte/flyte-binary.yaml"))).isEqualTo(before);
    try (var left = Files.list(target)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("flyte");
    }
  }

  @Test
  void twoConfigsWithTheSameNameAreRejected() throws Exception {
    int status = run("synth", "--config", file("a.yaml", GOOD).toString(), "--config", file("b.yaml", GOOD).toString(),
        "--out", dir.resolve("out").toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("b.yaml: name: 'flyte' is also the name in");
  }

  @Test
  void clientConfigWritesTheConfigOfAMachineClientWithoutItsSecret() throws Exception {
    Path config = file("good.yaml", GOOD + "ingress: {host: flyte.example.com}\n");
    Path target = dir.resolve("home/.flyte/config.yaml");

    int status = run("client-config", "--config", config.toString(), "--auth-type", "CLIENT_SECRET", "--client-id", "ci",
        "--project", "flytesnacks", "--out", target.toString());

    assertThat(status).isZero();
    assertThat(Files.readString(target)).contains("endpoint: dns:///flyte.example.com", "authType: ClientSecret",
        "clientSecretEnvVar: FLYTE_CLIENT_SECRET", "project: flytesnacks");
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
  }

  @Test
  void clientConfigListsEveryProblemAndWritesNothing() throws Exception {
    Path target = dir.resolve("config.yaml");

    int status = run("client-config", "--config", file("good.yaml", GOOD).toString(), "--auth-type", "client_secret",
        "--project", "nope", "--domain", "qa", "--out", target.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("client-id: is required with CLIENT_SECRET", "project: 'nope' is not a project of flyte",
        "domain: 'qa' is not a domain of flyte", "3 problem(s); nothing was written.");
    assertThat(target).doesNotExist();
  }

  @Test
  void ciWorkflowWritesAGithubWorkflowAndRejectsWhatItCannotWrite() throws Exception {
    Path config = file("good.yaml", GOOD + "ingress: {host: flyte.example.com}\n");
    Path target = dir.resolve(".github/workflows/flyte-deploy.yml");

    assertThat(run("ci-workflow", "--provider", "github", "--config", config.toString(),
        "--target", "name=wf,project=flytesnacks,domain=development,path=workflows", "--out", target.toString())).isZero();
    assertThat(Files.readString(target)).contains("pyflyte --config", "register --project flytesnacks --domain development",
        "github.sha", "FLYTE_CLIENT_SECRET: \"${{ secrets.FLYTE_CLIENT_SECRET }}\"").doesNotContain("FLYTE_API_KEY");
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));

    Files.delete(target);
    assertThat(run("ci-workflow", "--provider", "jenkins", "--config", config.toString(), "--target", "name=wf,project=flytesnacks",
        "--out", target.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("provider: 'jenkins' is not a CI system", "target[0]: 'name=wf,project=flytesnacks' is not a target");
    assertThat(target).doesNotExist();
  }

  @Test
  void ciWorkflowWritesAGitlabPipelineIntoTheRepository() throws Exception {
    Path config = file("good.yaml", GOOD + "ingress: {host: flyte.example.com}\n");
    Path repo = dir.resolve("repo");

    assertThat(run("ci-workflow", "--provider", "gitlab", "--config", config.toString(), "--repo", repo.toString(),
        "--target", "name=wf,project=flytesnacks,domain=development,path=workflows", "--image", "registry.gitlab.com/acme/wf")).isZero();

    try (var files = Files.walk(repo)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> repo.relativize(f).toString())).containsExactly(".gitlab-ci.yml");
    }
    assertThat(Files.readString(repo.resolve(".gitlab-ci.yml"))).contains("$CI_COMMIT_SHA", "resource_group: flyte-deploy-flyte",
        "docker login \"$CI_REGISTRY\"", "name: flyte-flyte");
    assertThat(out.toString()).contains("wrote " + repo.resolve(".gitlab-ci.yml"));
  }

  @Test
  void ciWorkflowRefusesTheOptionsOfTheOtherGenerationAndWritesNothing() throws Exception {
    Path config = file("good.yaml", GOOD + "ingress: {host: flyte.example.com}\n");
    Path repo = dir.resolve("repo");

    int status = run("ci-workflow", "--provider", "github", "--config", config.toString(), "--repo", repo.toString(),
        "--out", dir.resolve("w.yml").toString(), "--build", "--registry", "ghcr.io/acme", "--copy-style", "all",
        "--target", "env=env,project=flytesnacks,domain=development,path=src/tasks.py",
        "--target", "project=flytesnacks,domain=development,path=src,recursive=true");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains(
        "--out: and --repo are both given",
        "build: is for Flyte 2 deployments, and flyte runs Flyte 1.16.8 — remove it",
        "registry: is for Flyte 2 deployments",
        "copy-style: is for Flyte 2 deployments",
        "target[0].env: is not a key of a Flyte 1 target — give the step's name as name=",
        "target[1]: a recursive target is for Flyte 2's flyte deploy");
    assertThat(repo).doesNotExist();
    assertThat(dir.resolve("w.yml")).doesNotExist();
  }

  @Test
  void clientConfigRefusesFlyte2OptionsForAFlyte1Deployment() throws Exception {
    Path target = dir.resolve("config.yaml");

    int status = run("client-config", "--config", file("good.yaml", GOOD).toString(), "--registry", "ghcr.io/acme", "--org", "acme",
        "--out", target.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("registry: is for Flyte 2 deployments, and flyte runs Flyte 1.16.8", "org: is for Flyte 2",
        "2 problem(s); nothing was written.");
    assertThat(target).doesNotExist();
  }

  @Test
  void helmValuesWritesTheChartsValuesOrListsWhatItCannotExpress() throws Exception {
    Path config = file("good.yaml", GOOD);
    Path target = dir.resolve("values.yaml");

    assertThat(run("helm-values", "--config", config.toString(), "--chart", "flyte-binary", "--out", target.toString())).isZero();
    assertThat(Files.readString(target)).contains("helm install flyte flyteorg/flyte-binary", "passwordPath: /etc/db/pass.txt",
        "fullnameOverride: flyte");
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));

    Path core = file("core.yaml", GOOD + "topology: core\n");
    assertThat(run("helm-values", "--config", core.toString(), "--chart", "flyte-core", "--out", target.toString())).isZero();
    assertThat(Files.readString(target)).contains("flyteorg/flyte-core", "passwordPath: /etc/db/password");

    Files.delete(target);
    assertThat(run("helm-values", "--config", core.toString(), "--chart", "flyte-binary", "--out", target.toString())).isEqualTo(2);
    assertThat(run("helm-values", "--config", core.toString(), "--chart", "flyte-sandbox", "--out", target.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("topology: the flyte-binary chart deploys topology binary, not core",
        "chart: 'flyte-sandbox' is not a chart this writes values for");
    assertThat(target).doesNotExist();
  }

  @Test
  void aFlyte2DeploymentGetsTheFlyteCliConfigAndAFlyteDeployWorkflow() throws Exception {
    Path v2 = file("v2.yaml", GOOD + "flyteVersion: 2.0.42\ncomponents: {console: {image: 'ghcr.io/unionai-oss/flyteconsole-v2:v1'}}\n"
        + "ingress: {host: flyte.example.com, controllerNamespace: ingress-nginx}\n");
    Path config = dir.resolve("config.yaml");

    assertThat(run("client-config", "--config", v2.toString(), "--out", config.toString())).isZero();
    assertThat(Files.readString(config)).contains("endpoint: dns:///flyte.example.com", "insecure: false", "builder: local")
        .as("no sign-in of its own: the CLI is told none").doesNotContain("authType");

    Path repo = dir.resolve("repo");
    assertThat(run("ci-workflow", "--provider", "github", "--config", v2.toString(), "--repo", repo.toString(),
        "--sign-in", "client-secret", "--client-id", "flyte-ci",
        "--target", "env=env,project=flytesnacks,domain=development,path=src/tasks.py")).isZero();
    assertThat(Files.readString(repo.resolve(".github/workflows/flyte-deploy.yml")))
        .contains("flyte deploy", "--copy-style none", "FLYTE_CLIENT_SECRET").doesNotContain("pyflyte");
    assertThat(Files.readString(repo.resolve(".flyte/config.yaml"))).contains("clientId: flyte-ci").doesNotContain("secret:");
  }

  @Test
  void helmValuesOfAFlyte2DeploymentAreForTheV2Chart() throws Exception {
    Path v2 = file("v2.yaml", GOOD + "flyteVersion: 2.0.42\ncomponents: {console: {image: 'ghcr.io/unionai-oss/flyteconsole-v2:v1'}}\n");
    Path target = dir.resolve("values.yaml");

    assertThat(run("helm-values", "--config", v2.toString(), "--chart", "flyte-binary", "--out", target.toString())).isZero();
    assertThat(Files.readString(target)).contains("--version v2.0.42", "flyte-core-components:");
    assertThat(run("helm-values", "--config", v2.toString(), "--chart", "flyte-core", "--out", dir.resolve("core.yaml").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("'flyte-core' is not a chart this writes values for, not for Flyte 2.0.42", "use one of flyte-binary");
  }

  @Test
  void validateChecksAndWritesNothing() throws Exception {
    assertThat(run("validate", "--config", file("good.yaml", GOOD).toString())).isZero();
    assertThat(out.toString()).contains("valid (flyte)");
    assertThat(run("validate", "--config", file("bad.yaml", BAD).toString())).isEqualTo(2);
    assertThat(err.toString()).contains("database.port");
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("good.yaml", "bad.yaml");
    }
  }

  @Test
  void aMissingFileIsBadInput() {
    assertThat(run("validate", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("nope.yaml: (file): does not exist");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "synth", "validate"})
  void everyCommandHasHelp(String command) {
    int status = command.isEmpty() ? run("--help") : run(command, "--help");

    assertThat(status).isZero();
    assertThat(out.toString()).contains("Usage: flyte-infra");
  }

  @Test
  void aPathInHelpIsNeverBrokenAcrossLines() {
    assertThat(run("ci-workflow", "--help")).isZero();

    assertThat(out.toString()).contains(".github/workflows/flyte-deploy.yml");
  }

  @Test
  void aConfigOnStandardInputIsRead() throws Exception {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8)));
      assertThat(run("synth", "--config", "-", "--out", dir.resolve("out").toString())).isZero();
    } finally {
      System.setIn(stdin);
    }
    assertThat(dir.resolve("out/flyte/kustomization.yaml")).exists();
  }

  /** Where --out cannot be written, found before anything is: each bad input, exit 2, nothing written. */
  @Test
  void anOutFolderThatCannotBeWrittenIsBadInput() throws Exception {
    Path config = file("good.yaml", GOOD);
    Path aFile = file("a-file", "x");

    assertThat(run("synth", "--config", config.toString(), "--out", aFile.toString())).isEqualTo(2);
    assertThat(run("synth", "--config", config.toString(), "--out", aFile.resolve("below").toString())).isEqualTo(2);
    assertThat(run("synth", "--config", config.toString(), "--out", "")).isEqualTo(2);
    assertThat(run("helm-values", "--config", config.toString(), "--chart", "flyte-binary", "--out", dir.toString())).isEqualTo(2);

    assertThat(err.toString()).contains("--out: '" + aFile + "' is a file, not a folder", "--out: '" + aFile
        + "' is a file, so nothing can be written below it", "--out: is empty", "--out: '" + dir + "' is a folder")
        .doesNotContain("Exception", "\tat ");
    assertThat(Files.readString(aFile)).isEqualTo("x");
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("good.yaml", "a-file");
    }
  }

  @Test
  void aConfigThatIsNoFileIsSaidSo() throws Exception {
    Files.createDirectory(dir.resolve("configs"));

    assertThat(run("validate", "--config", dir.resolve("configs").toString())).isEqualTo(2);
    assertThat(run("validate", "--config", "/dev/null")).isEqualTo(2);
    assertThat(run("validate", "--config", file("only-a-marker.yaml", "---\n").toString())).isEqualTo(2);
    assertThat(run("validate", "--config", Files.write(dir.resolve("latin1.yaml"),
        (GOOD + "# équipe\n").getBytes(StandardCharsets.ISO_8859_1)).toString())).isEqualTo(2);

    assertThat(err.toString()).contains("configs: (file): is a folder, not a config file", "/dev/null: (root): is empty", "only-a-marker.yaml: (root): is empty",
        "latin1.yaml: (file): is not UTF-8 text: byte 0xE9 at line 8");
  }

  @Test
  void synthWithoutConfigOutsideTheRepositoryAsksForOne() {
    String home = System.getProperty("flyteinfra.home");
    try {
      System.setProperty("flyteinfra.home", dir.toString());
      assertThat(run("synth")).isEqualTo(2);
    } finally {
      if (home == null) {
        System.clearProperty("flyteinfra.home");
      } else {
        System.setProperty("flyteinfra.home", home);
      }
    }
    assertThat(err.toString()).contains("--config: is required here: there is no examples/ folder");
  }

  @Test
  void aUsersConfigWithoutOutGoesToTheWorkingDirectoryNotTheRepositorysOutput() throws Exception {
    Path config = file("mine.yaml", GOOD.replace("name: flyte", "name: mine"));
    String home = System.getProperty("flyteinfra.home");
    Path repository = Files.createDirectories(dir.resolve("repository/examples"));
    try {
      System.setProperty("flyteinfra.home", repository.getParent().toString());
      assertThat(run("synth", "--config", config.toString())).isZero();
    } finally {
      if (home == null) {
        System.clearProperty("flyteinfra.home");
      } else {
        System.setProperty("flyteinfra.home", home);
      }
    }
    Path written = Path.of(".").toAbsolutePath().normalize().resolve("mine");
    try {
      assertThat(written.resolve("kustomization.yaml")).exists();
      assertThat(repository.resolveSibling("synth-output")).doesNotExist();
    } finally {
      try (var files = Files.walk(written)) {
        for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  @Test
  void noCommandListsEveryCommand() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("choose a command: synth, validate, client-config, ci-workflow, helm-values");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(run("synth", "--frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option");
  }
}
