package dev.flyteinfra.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthOutputTest {
  @TempDir
  Path out;

  private static Map<String, SortedMap<String, String>> output(String deployment, String file, String content) {
    Map<String, SortedMap<String, String>> all = new LinkedHashMap<>();
    all.put(deployment, new TreeMap<>(Map.of(file, content)));
    return all;
  }

  @Test
  void aNewSynthReplacesTheWholeDeploymentFolder() throws Exception {
    SynthOutput.write(out, output("flyte", "old.yaml", "old\n"));

    SynthOutput.write(out, output("flyte", "new.yaml", "new\n"));

    try (var files = Files.list(out.resolve("flyte"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("new.yaml");
    }
    try (var left = Files.list(out)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("flyte");
    }
  }

  @Test
  void aFailureWhileWritingLeavesThePreviousOutputUntouched() throws Exception {
    SynthOutput.write(out, output("flyte", "a.yaml", "before\n"));
    Map<String, SortedMap<String, String>> broken = output("flyte", "a.yaml", "after\n");
    broken.put("other", new TreeMap<>(Map.of("a.yaml/../../../x\0y", "cannot be written")));

    assertThatThrownBy(() -> SynthOutput.write(out, broken)).isInstanceOf(RuntimeException.class);

    assertThat(Files.readString(out.resolve("flyte/a.yaml"))).isEqualTo("before\n");
    try (var left = Files.list(out)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("flyte");
    }
  }
}
