package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.FlyteDeployment;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README as a contract. Every fenced Java snippet compiles against the library (and the one
 * that needs no cloud runs); every fenced shell command of the CLI runs, in a folder that mirrors
 * the repository, and succeeds, and each file a block's comments say it wrote exists; every other
 * shell command (kubectl, helm, the CDK CLI, pulumi, mvn, …) is checked for what it names: the
 * files, folders, chart versions and config files it needs, since it needs a cluster, a cloud or
 * this build itself. A command this test does not know fails it, so a new one gets a check.
 */
class ReadmeTest {
  private static final Path README = Repo.ROOT.resolve("README.md");
  private static final String CLASS_PATH = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  private static final Pattern SNIPPET = Pattern.compile("ReadmeSnippetAtLine(\\d+)\\.java");
  private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");

  /** A fenced block of the README: its language, the README line of its first line, its text. */
  record Block(String language, int line, List<String> lines) {
    String text() {
      return String.join("\n", lines) + "\n";
    }
  }

  /** A shell command of a block, continuation lines joined, its comment removed. */
  record Command(int line, String text) {}

  @TempDir
  Path tmp;

  static List<Block> blocks(String language) throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      int start = i + 1;
      int end = start;
      while (!lines.get(end).startsWith("```")) {
        end++;
      }
      if (open.group(1).equals(language)) {
        blocks.add(new Block(language, start + 1, lines.subList(start, end)));
      }
      i = end;
    }
    return blocks;
  }

  // ---- Java ------------------------------------------------------------------------------------

  /**
   * A snippet as a class: its imports at the top, its statements the body of {@code run}, whose
   * parameter {@code flyteDeployment} is the deployment the cloud sections say to build as in the
   * Java API section.
   */
  private static String javaSource(String className, Block block) {
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : block.lines()) {
      boolean isImport = line.startsWith("import ");
      imports.append(isImport ? line : "").append('\n');
      body.append(isImport ? "" : line).append('\n');
    }
    // One line of the source per README line, so a diagnostic's line is the README's.
    return imports + "public final class " + className + " { public static void run(" + FlyteDeployment.class.getName()
        + " flyteDeployment) throws Exception {" + body + "}}\n";
  }

  private record Compiled(Path classes, List<String> problems) {}

  private Compiled compile(List<Block> blocks) throws IOException {
    Path sources = Files.createDirectories(tmp.resolve("snippets"));
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    List<Path> files = new ArrayList<>();
    for (Block block : blocks) {
      String name = "ReadmeSnippetAtLine" + block.line();
      files.add(Files.writeString(sources.resolve(name + ".java"), javaSource(name, block)));
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      compiler.getTask(null, fileManager, diagnostics,
          List.of("-classpath", CLASS_PATH, "-d", classes.toString(), "-Xlint:all,-processing,-path", "-proc:none", "--release", "17"),
          null, fileManager.getJavaFileObjectsFromPaths(files)).call();
    }
    List<String> problems = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.NOTE) {
        continue;
      }
      Matcher snippet = SNIPPET.matcher(d.getSource() == null ? "" : d.getSource().getName());
      String where = snippet.find() ? "README.md:" + (Integer.parseInt(snippet.group(1)) + d.getLineNumber() - 1) : "javac";
      problems.add(where + ": " + d.getKind() + ": " + d.getMessage(Locale.ROOT));
    }
    return new Compiled(classes, problems);
  }

  @Test
  void everyJavaSnippetCompilesWithoutAWarning() throws Exception {
    List<Block> snippets = blocks("java");
    assertThat(snippets).hasSizeGreaterThanOrEqualTo(3);

    Compiled compiled = compile(snippets);

    assertThat(compiled.problems()).isEmpty();
  }

  /** The Java API snippet needs no cloud: it runs (the cdk8s App starts Node.js, as it says). */
  @Test
  void theJavaApiSnippetRuns() throws Exception {
    List<Block> library = blocks("java").stream()
        .filter(b -> b.text().contains("FlyteManifests.synthesize(flyte)")).toList();
    assertThat(library).hasSize(1);
    Compiled compiled = compile(library);
    assertThat(compiled.problems()).isEmpty();

    try (URLClassLoader loader = new URLClassLoader(new URL[] {compiled.classes().toUri().toURL()}, getClass().getClassLoader())) {
      Method run = loader.loadClass("ReadmeSnippetAtLine" + library.get(0).line()).getMethod("run", FlyteDeployment.class);
      run.invoke(null, (Object) null);
    }
  }

  // ---- Maven coordinates and examples ----------------------------------------------------------

  @Test
  void theMavenCoordinatesAreThoseOfTheModules() throws Exception {
    String parent = Files.readString(Repo.ROOT.resolve("pom.xml"));
    String version = between(parent, "<version>", "</version>");
    List<Block> xml = blocks("xml");
    assertThat(xml).isNotEmpty();
    Set<String> modules = new HashSet<>();
    try (Stream<Path> poms = Files.list(Repo.ROOT)) {
      for (Path pom : poms.map(dir -> dir.resolve("pom.xml")).filter(Files::isRegularFile).toList()) {
        String text = Files.readString(pom);
        int afterParent = text.contains("</parent>") ? text.indexOf("</parent>") : 0;
        modules.add(between(text.substring(afterParent), "<artifactId>", "</artifactId>"));
      }
    }
    for (Block block : xml) {
      assertThat(between(block.text(), "<groupId>", "</groupId>")).isEqualTo("dev.flyteinfra");
      assertThat(modules).contains(between(block.text(), "<artifactId>", "</artifactId>"));
      assertThat(between(block.text(), "<version>", "</version>")).isEqualTo(version);
    }
    String readme = Files.readString(README);
    assertThat(readme).contains("`" + version + "`");
    // Every artifact the install table names is a module.
    Matcher artifact = Pattern.compile("^\\| `(flyte-infra-[a-z-]+)` \\|", Pattern.MULTILINE).matcher(readme);
    List<String> named = new ArrayList<>();
    while (artifact.find()) {
      named.add(artifact.group(1));
    }
    assertThat(named).isNotEmpty();
    assertThat(modules).containsAll(named);
  }

  private static String between(String text, String open, String close) {
    int start = text.indexOf(open) + open.length();
    return text.substring(start, text.indexOf(close, start)).strip();
  }

  @Test
  void everyExampleIsDescribed() throws Exception {
    String readme = Files.readString(README);

    for (String example : Repo.exampleFiles().keySet()) {
      assertThat(readme).as(example).containsPattern("\\| `examples/" + Pattern.quote(example) + "` \\| [^|]*\\w[^|]* \\|");
    }
  }

  // ---- shell -----------------------------------------------------------------------------------

  /** The commands of a block: comment lines dropped, continuation lines joined, trailing comments removed. */
  static List<Command> commands(Block block) {
    List<Command> commands = new ArrayList<>();
    StringBuilder current = null;
    int start = 0;
    for (int i = 0; i < block.lines().size(); i++) {
      String line = block.lines().get(i);
      if (current == null) {
        if (line.isBlank() || line.stripLeading().startsWith("#")) {
          continue;
        }
        current = new StringBuilder();
        start = block.line() + i;
      }
      String code = withoutComment(line);
      if (code.endsWith("\\")) {
        current.append(code, 0, code.length() - 1).append(' ');
      } else {
        current.append(code);
        commands.add(new Command(start, current.toString().strip().replaceAll("\\s+", " ")));
        current = null;
      }
    }
    return commands;
  }

  /** A line without its comment: a # after white space, outside quotes. */
  private static String withoutComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i).stripTrailing();
      }
    }
    return line.stripTrailing();
  }

  /** Paths a block's comment lines say were written ({@code #   /tmp/out/...}), as the folder of the run sees them. */
  static List<String> claimedFiles(Block block) {
    return block.lines().stream().filter(l -> l.matches("#\\s+/\\S+.*")).map(l -> l.replaceFirst("#\\s+", "").split("\\s+")[0]).toList();
  }

  @Test
  void everyShellBlockIsValidBash() throws Exception {
    for (Block block : blocks("bash")) {
      Process bash = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
      bash.getOutputStream().write(block.text().getBytes(StandardCharsets.UTF_8));
      bash.getOutputStream().close();
      String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(bash.waitFor()).as("README.md:" + block.line() + ": " + output).isZero();
    }
  }

  /** The folder the README's commands run in: the repository's sources (linked), a fresh synth-output/, the CLI. */
  private Path workspace() throws IOException {
    Path workspace = Files.createDirectories(tmp.resolve("repository"));
    try (Stream<Path> entries = Files.list(Repo.ROOT)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(".") && !name.equals("synth-output") && !name.equals("flyte-infra")) {
          Files.createSymbolicLink(workspace.resolve(name), entry);
        }
      }
    }
    // ./flyte-infra: the launcher's java command on the classes this build has (the launcher itself would build the
    // jar with Maven: a test must not); README's "my-flyte.yaml" is a user's config: here, a copy of an example, and
    // "my-flyte2.yaml" a user's Flyte 2 config: a copy of the Flyte 2 gate fixture reached at flyte.example.com.
    Path cli = workspace.resolve("flyte-infra");
    Files.writeString(cli, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '" + CLASS_PATH
        + "' -Dflyteinfra.home='" + workspace + "' dev.flyteinfra.stacks.cli.FlyteInfraCli \"$@\"\n");
    assertThat(cli.toFile().setExecutable(true)).isTrue();
    Files.copy(Repo.EXAMPLES.resolve("binary-gcp.yaml"), workspace.resolve("my-flyte.yaml"));
    Files.copy(Repo.ROOT.resolve("tests/src/test/resources/gate/flyte2-aws.yaml"), workspace.resolve("my-flyte2.yaml"));
    return workspace;
  }

  /** The text of a command as it runs here: /tmp/out and ~/ inside the test's folder. */
  private String local(String text) {
    return text.replace("/tmp/out", tmp.resolve("tmp-out").toString()).replace("~/", tmp.resolve("home") + "/");
  }

  @Test
  void everyShellCommandRunsOrIsChecked() throws Exception {
    Path workspace = workspace();
    List<String> checked = new ArrayList<>();
    Set<String> helmRepositories = new HashSet<>();
    for (Block block : blocks("bash")) {
      Path cwd = workspace;
      for (Command command : commands(block)) {
        for (String part : command.text().split(" && ")) {
          String at = "README.md:" + command.line() + ": " + part;
          List<String> words = Arrays.asList(local(part).split(" "));
          String program = words.stream().filter(w -> !w.matches("[A-Z_]+=.*")).findFirst().orElseThrow();
          if (part.contains("./flyte-infra")) {
            assertThat(cwd).as(at + " runs in the repository's folder").isEqualTo(workspace);
            run(cwd, local(part), at);
          } else if (program.equals("cd")) {
            cwd = cwd.resolve(words.get(1)).normalize();
            assertThat(cwd).as(at).isDirectory();
          } else if (program.equals("kubectl") && words.get(1).equals("apply")) {
            Path folder = cwd.resolve(words.get(words.indexOf("-k") + 1));
            assertThat(folder.resolve("kustomization.yaml")).as(at).isRegularFile();
            run(cwd, "kubectl kustomize " + folder + " > /dev/null", at);
          } else if (program.equals("flytectl") || program.equals("pyflyte")) {
            assertThat(cwd.resolve(words.get(words.indexOf("--config") + 1))).as(at).isRegularFile();
          } else if (program.equals("helm") && words.get(1).equals("repo")) {
            assertThat(words.subList(0, 3)).as(at).containsExactly("helm", "repo", "add");
            assertThat(words.get(4)).as(at).isEqualTo("https://flyteorg.github.io/flyte");
            helmRepositories.add(words.get(3));
          } else if (program.equals("helm") && words.get(1).equals("install")) {
            String chart = words.get(3);
            assertThat(helmRepositories).as(at + ": its repository is added before").contains(chart.split("/")[0]);
            assertThat(chart.split("/")[1]).as(at).isIn("flyte-binary", "flyte-core");
            assertThat(words.get(words.indexOf("--version") + 1)).as(at).isEqualTo("v" + FlyteDeployment.DEFAULT_FLYTE_VERSION);
            assertThat(cwd.resolve(words.get(words.indexOf("-f") + 1))).as(at + ": the values file").isRegularFile();
          } else if (program.equals("mvn")) {
            // This build itself (verify) or an install into ~/.m2: what Maven builds is this pom.
            assertThat(cwd.resolve("pom.xml")).as(at).isRegularFile();
            assertThat(words).as(at).containsAnyOf("verify", "install");
          } else if (program.equals("npm")) {
            assertThat(words).as(at).contains("ci");
            assertThat(cwd.resolve("package.json")).as(at).isRegularFile();
            assertThat(cwd.resolve("package-lock.json")).as(at).isRegularFile();
            assertThat(Files.readString(cwd.resolve("package.json"))).as(at).containsPattern("\"aws-cdk\": \"2\\.");
          } else if (program.equals("npx")) {
            assertThat(words.subList(0, 2)).as(at).containsExactly("npx", "cdk");
            assertThat(cwd.resolve("cdk.json")).as(at).isRegularFile();
            String config = words.stream().filter(w -> w.startsWith("config=")).findFirst().orElseThrow().substring("config=".length());
            if (words.get(2).equals("synth")) {
              assertThat(cwd.resolve(config)).as(at).isRegularFile();
            } else {
              assertThat(words.get(2)).as(at + ": needs AWS, only checked").isEqualTo("deploy");
            }
          } else if (program.equals("pulumi")) {
            if (!words.get(1).equals("login")) {
              assertThat(cwd.resolve("Pulumi.yaml")).as(at).isRegularFile();
            }
            if (words.size() > 4 && words.subList(1, 4).equals(List.of("config", "set", "config"))) {
              assertThat(cwd.resolve(words.get(4))).as(at).isRegularFile();
              assertThat(Files.readString(cwd.resolve("Pulumi.yaml"))).as(at + ": the default").contains("default: " + words.get(4));
            }
          } else if (program.equals("benchmarks/run")) {
            assertThat(cwd.resolve(program)).as(at).isExecutable();
            run(cwd, "bash -n " + program, at);
          } else if (program.equals("k3d")) {
            assertThat(words.subList(0, 3)).as(at + ": creates a cluster, only checked").containsExactly("k3d", "cluster", "create");
          } else {
            throw new AssertionError(at + ": a command this test does not know; run it or check what it names here");
          }
          checked.add(part);
        }
      }
      for (String claimed : claimedFiles(block)) {
        assertThat(matches(local(claimed))).as("README.md:" + block.line() + ": the block says it writes " + claimed).isNotEmpty();
      }
    }
    assertThat(checked).anyMatch(c -> c.startsWith("./flyte-infra synth"));
    // ./flyte-infra synth with no --config: every example into synth-output/, as committed.
    try (Stream<Path> written = Files.list(workspace.resolve("synth-output")); Stream<Path> committed = Files.list(Repo.SYNTH_OUTPUT)) {
      assertThat(written.map(p -> p.getFileName().toString()).sorted().toList())
          .isEqualTo(committed.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  /** The files matching a path with * in its file name. */
  private static List<Path> matches(String path) throws IOException {
    Path pattern = Path.of(path);
    Path folder = pattern.getParent();
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> matcher.matches(f.getFileName())).toList();
    }
  }

  /** Runs a command line with bash in a folder; it must exit 0. */
  private void run(Path cwd, String commandLine, String at) throws Exception {
    Path log = Files.createTempFile(tmp, "command", ".log");
    Process process = new ProcessBuilder("bash", "-o", "pipefail", "-c", commandLine).directory(cwd.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(at + ": finished").isTrue();
    assertThat(process.exitValue()).as(at + "\n" + Files.readString(log)).isZero();
  }
}
