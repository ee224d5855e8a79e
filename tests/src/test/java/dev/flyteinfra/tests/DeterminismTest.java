package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same input, same bytes: across runs, locales, time zones and JDKs. */
class DeterminismTest {
  /** The first synthesis of the run (CloudFormation synthesis takes seconds: made once, compared with each other run). */
  private static Map<String, SortedMap<String, String>> reference;

  @Test
  void synthesizingTwiceInOneRunGivesTheSameBytes() {
    assertThat(synthesizeAll()).isEqualTo(reference());
  }

  @Test
  void anotherLocaleAndTimeZoneGiveTheSameBytes() {
    Map<String, SortedMap<String, String>> reference = reference();
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR")); // dotless i: breaks naive upper/lower casing
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham")); // +12:45
      assertThat(synthesizeAll()).isEqualTo(reference);
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  /** The CLI under every other JDK of the machine (Temurin 25 here), in yet another locale and zone. */
  @Test
  void everyOtherJdkWritesTheSameBytes(@TempDir Path out) throws Exception {
    List<Path> otherJdks = otherJdks();
    assertThat(otherJdks).as("a second JDK under /usr/lib/jvm (the machine image has Temurin 25)").isNotEmpty();
    Map<String, SortedMap<String, String>> reference = reference();
    for (Path jdk : otherJdks) {
      Path target = out.resolve(jdk.getFileName().toString());
      List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/java").toString(),
          "-Duser.language=de", "-Duser.country=DE", "-Duser.timezone=America/St_Johns", "-Dfile.encoding=ISO-8859-1",
          "-cp", System.getProperty("java.class.path"), "dev.flyteinfra.stacks.cli.FlyteInfraCli", "synth", "--out", target.toString()));
      Repo.exampleFiles().values().forEach(f -> command.addAll(List.of("--config", f.toString())));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String log = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(log).isZero();
      assertThat(read(target)).as("output of " + jdk).isEqualTo(reference);
    }
  }

  private static synchronized Map<String, SortedMap<String, String>> reference() {
    if (reference == null) {
      reference = synthesizeAll();
    }
    return reference;
  }

  /** Every output of every example, CloudFormation templates included. */
  private static Map<String, SortedMap<String, String>> synthesizeAll() {
    Map<String, SortedMap<String, String>> all = new LinkedHashMap<>();
    Repo.exampleFiles().values().forEach(f -> all.put(Repo.load(f).name(), Repo.outputs(f)));
    return all;
  }

  static Map<String, SortedMap<String, String>> read(Path root) throws IOException {
    Map<String, SortedMap<String, String>> all = new TreeMap<>();
    try (Stream<Path> folders = Files.list(root)) {
      for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
          for (Path file : paths.filter(Files::isRegularFile).toList()) {
            files.put(folder.relativize(file).toString(), Files.readString(file));
          }
        }
        all.put(folder.getFileName().toString(), files);
      }
    }
    return all;
  }

  private static List<Path> otherJdks() throws IOException {
    String current = Integer.toString(Runtime.version().feature());
    List<Path> jdks = new ArrayList<>();
    Map<String, Path> byVersion = new TreeMap<>();
    try (Stream<Path> candidates = Files.list(Path.of("/usr/lib/jvm"))) {
      for (Path jdk : candidates.sorted().toList()) {
        Path release = jdk.resolve("release");
        if (Files.isRegularFile(release) && Files.isExecutable(jdk.resolve("bin/java"))) {
          String version = Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION="))
              .map(l -> l.replaceAll("JAVA_VERSION=\"?([0-9]+).*", "$1")).findFirst().orElse(current);
          if (!version.equals(current)) {
            byVersion.putIfAbsent(version, jdk);
          }
        }
      }
    }
    jdks.addAll(byVersion.values());
    return jdks;
  }
}
