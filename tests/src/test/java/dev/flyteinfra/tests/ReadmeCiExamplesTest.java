package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.client.CiOptions;
import dev.flyteinfra.core.client.CiTarget;
import dev.flyteinfra.core.client.CiWorkflow;
import dev.flyteinfra.core.client.FlyteEndpoint;
import dev.flyteinfra.core.model.FlyteDeployment;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's CI examples, one per provider and generation, are what the commands above them write today. */
class ReadmeCiExamplesTest {
  private static final Pattern EXAMPLE = Pattern.compile(
      "<details><summary><code>([^<]+)</code> \\((Flyte [12]), (GitHub Actions|GitLab CI)\\)</summary>\n\n```yaml\n(.*?)```\n", Pattern.DOTALL);

  @Test
  void everyExampleFileIsTheGeneratedOne() {
    Map<String, String> shown = new TreeMap<>();
    Matcher matcher = EXAMPLE.matcher(Repo.read(Repo.ROOT.resolve("README.md")));
    while (matcher.find()) {
      shown.put(matcher.group(2) + ", " + matcher.group(3) + ": " + matcher.group(1), matcher.group(4));
    }

    Map<String, String> generated = new TreeMap<>();
    FlyteDeployment coreAws = Repo.load(Repo.EXAMPLES.resolve("core-aws.yaml"));
    put(generated, "Flyte 1, GitHub Actions", CiWorkflow.files(coreAws, CiOptions.builder().provider(CiOptions.Provider.GITHUB)
        .addTargets(CiTarget.of("training", "flytesnacks", "production", "workflows/training"),
            CiTarget.of("etl", "flytesnacks", "development", "etl"))
        .image("ghcr.io/acme/flyte-workflows").clientId("flyte-ci").build()));
    put(generated, "Flyte 1, GitLab CI", CiWorkflow.files(coreAws, CiOptions.builder().provider(CiOptions.Provider.GITLAB)
        .addTargets(CiTarget.of("training", "flytesnacks", "production", "workflows/training"))
        .image("registry.gitlab.com/acme/flyte-workflows").build()));
    FlyteEndpoint endpoint = new FlyteEndpoint("flyte.example.com", false, true);
    put(generated, "Flyte 2, GitHub Actions", CiWorkflow.flyte2Files("flyte2", endpoint, CiOptions.builder()
        .provider(CiOptions.Provider.GITHUB)
        .addTargets(CiTarget.of("env", "flytesnacks", "production", "src/ml/tasks.py"),
            CiTarget.of("etl_env", "flytesnacks", "development", "src/etl/tasks.py"))
        .addUvGroups("ci").build(true).registry("ghcr.io/acme").baseImage("ghcr.io/acme/flyte-base").build()));
    put(generated, "Flyte 2, GitLab CI", CiWorkflow.flyte2Files("flyte2", endpoint, CiOptions.builder()
        .provider(CiOptions.Provider.GITLAB)
        .addTargets(CiTarget.recursive("flytesnacks", "development", "src/workflows")).rootDir("src")
        .addUvGroups("ci").registry("registry.gitlab.com/acme/flyte").build()));

    assertThat(shown).as("regenerate the README's examples from the commands above them").isEqualTo(generated);
  }

  private static void put(Map<String, String> examples, String example, SortedMap<String, String> files) {
    files.forEach((path, text) -> examples.put(example + ": " + path, text));
  }
}
