package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed synth-output/ is what the examples synthesize to now, and kustomize builds it. */
class CommittedOutputTest {
  static Stream<Path> examples() {
    return Repo.exampleFiles().values().stream();
  }

  @Test
  void synthOutputHoldsExactlyTheExamplesAsTheySynthesizeNow() throws Exception {
    Map<String, SortedMap<String, String>> expected = new LinkedHashMap<>();
    Repo.exampleFiles().values().forEach(f -> expected.put(Repo.load(f).name(), Repo.outputs(f)));

    assertThat(DeterminismTest.read(Repo.SYNTH_OUTPUT))
        .as("synth-output/ is stale: run ./flyte-infra synth and commit the result")
        .isEqualTo(new java.util.TreeMap<>(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void kubectlKustomizeBuildsEveryCommittedFolder(Path example) throws Exception {
    String name = Repo.load(example).name();
    Map<String, Map<String, String>> folders = Repo.folders(Repo.synthesize(example));
    for (var folder : folders.entrySet()) {
      Path path = Repo.SYNTH_OUTPUT.resolve(name).resolve(folder.getKey());
      Process kustomize = new ProcessBuilder("kubectl", "kustomize", path.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String built = new String(kustomize.getInputStream().readAllBytes());
      assertThat(kustomize.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(kustomize.exitValue()).as(path.toString()).isZero();
      List<ObjectNode> objects = Repo.documents(built);
      assertThat(objects).as(path.toString()).hasSameSizeAs(Repo.objects(folder.getValue()));
      assertThat(objects).allSatisfy(o -> assertThat(KubernetesSchema.get().validate(o)).isEmpty());
    }
  }
}
