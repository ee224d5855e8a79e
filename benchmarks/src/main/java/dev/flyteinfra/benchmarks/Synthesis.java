package dev.flyteinfra.benchmarks;

import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.model.FlyteDeployment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What a benchmark of our synthesis measures: deployment model in, the bytes of every YAML file out. */
final class Synthesis {
  private Synthesis() {}

  static List<byte[]> yamlBytes(FlyteDeployment deployment) {
    return FlyteManifests.files(deployment).values().stream().map(text -> text.getBytes(StandardCharsets.UTF_8)).toList();
  }

  static long size(List<byte[]> files) {
    return files.stream().mapToLong(file -> file.length).sum();
  }
}
