package dev.flyteinfra.core.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * Writes synthesized folders atomically: everything goes to a temporary folder beside the
 * target first, and only when all of it is written does each {@code <deployment>/} folder
 * replace the old one by a rename. A failure leaves the previous output as it was.
 */
public final class SynthOutput {
  private SynthOutput() {}

  /**
   * Writes {@code outDir/<deployment>/<file>} for every deployment, replacing each deployment's
   * folder as a whole.
   *
   * @param deployments deployment name → (relative file path → content)
   */
  public static void write(Path outDir, Map<String, SortedMap<String, String>> deployments) {
    try {
      Files.createDirectories(outDir);
      Path staging = Files.createTempDirectory(outDir, ".flyte-infra-");
      try {
        for (var deployment : deployments.entrySet()) {
          Path folder = staging.resolve(deployment.getKey());
          for (var file : deployment.getValue().entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
          }
        }
        for (String name : deployments.keySet()) {
          replace(staging.resolve(name), outDir.resolve(name), staging.resolve(".previous-" + name));
        }
      } finally {
        deleteRecursively(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + outDir, e);
    }
  }

  private static void replace(Path fresh, Path target, Path previous) throws IOException {
    if (Files.exists(target)) {
      Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (Files.exists(previous)) {
        Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
