package dev.flyteinfra.stacks.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flyteinfra.aws.FlyteEksProps;
import dev.flyteinfra.core.model.InvalidDeploymentException;
import dev.flyteinfra.core.model.Problem;
import dev.flyteinfra.stacks.config.DeploymentConfig;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * Builds the EKS stack of a config file with an {@code aws:} section, with cdk-nag's AwsSolutions
 * checks over it; for the CDK app ({@link FlyteAwsApp}) and for {@code flyte-infra synth}.
 */
public final class AwsStacks {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private AwsStacks() {}

  /**
   * Adds the deployment's stack (named after the deployment), with cdk-nag's AwsSolutions checks,
   * to the app; account and region from {@code env}.
   */
  public static FlyteAwsStack addTo(App app, DeploymentConfig config, Environment env) {
    FlyteEksProps props = FlyteEksProps.builder().from(config.aws().orElseThrow()).deployment(config.deployment()).build();
    FlyteAwsStack stack = new FlyteAwsStack(app, config.deployment().name(), StackProps.builder()
        .env(env)
        .description("Flyte " + config.deployment().topology().toString().toLowerCase(java.util.Locale.ROOT)
            + " on EKS: " + config.deployment().name() + " (flyte-infra)")
        .build(), props);
    Aspects.of(stack).add(new AwsSolutionsChecks());
    return stack;
  }

  /**
   * The synthesized CloudFormation of a config file's stack, as {@code cloud/aws/<StackName>.template.json}
   * → JSON text; nothing without an {@code aws:} section. The stack is environment-agnostic except
   * for the region of the buckets, so the template is the same on every machine. Throws with every
   * problem (including each unsuppressed cdk-nag error).
   */
  public static SortedMap<String, String> templates(DeploymentConfig config) {
    SortedMap<String, String> files = new TreeMap<>();
    if (config.aws().isEmpty()) {
      return files;
    }
    Path outdir = temporaryFolder();
    try {
      App app = new App(AppProps.builder().outdir(outdir.toString()).analyticsReporting(false).context(featureFlags()).build());
      String region = config.deployment().storage().s3().orElseThrow().region();
      FlyteAwsStack stack = addTo(app, config, Environment.builder().region(region).build());
      CloudAssembly assembly = app.synth();
      CloudFormationStackArtifact artifact = assembly.getStackByName(stack.getStackName());
      List<Problem> errors = nagErrors(artifact);
      if (!errors.isEmpty()) {
        throw new InvalidDeploymentException(errors);
      }
      files.put("cloud/aws/" + stack.getStackName() + ".template.json", JSON.writeValueAsString(artifact.getTemplate()) + "\n");
      return files;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing the template of " + config.deployment().name(), e);
    } finally {
      deleteRecursively(outdir);
    }
  }

  /**
   * The AWS CDK feature flags of every app this builds, as {@code stacks/cdk.json} sets them for
   * the CDK CLI: aws-cdk-lib's recommended flags of its release ({@code recommended-feature-flags.json}
   * of aws-cdk-lib 2.263.0), so the CLI's template is the one {@code flyte-infra synth} writes.
   */
  public static Map<String, Object> featureFlags() {
    try (InputStream in = AwsStacks.class.getResourceAsStream("cdk-feature-flags.json")) {
      return JSON.readValue(in, new TypeReference<TreeMap<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("reading cdk-feature-flags.json", e);
    }
  }

  /** Every error CDK or cdk-nag recorded on the stack. */
  private static List<Problem> nagErrors(CloudFormationStackArtifact artifact) {
    return artifact.getMessages().stream()
        .filter(m -> m.getLevel().toString().equals("ERROR"))
        .map(m -> new Problem("aws", m.getEntry().getData().toString().strip(), "at " + m.getId()))
        .toList();
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("flyte-infra-cdk");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + folder, e);
    }
  }
}
