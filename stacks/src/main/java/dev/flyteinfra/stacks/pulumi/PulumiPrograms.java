package dev.flyteinfra.stacks.pulumi;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import dev.flyteinfra.pulumi.PulumiPlan;
import dev.flyteinfra.stacks.config.ConfigLoader;
import dev.flyteinfra.stacks.config.DeploymentConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** How the Pulumi programs of {@code stacks/<cloud>/} run: in the engine from stack config, or offline as a plan. */
public final class PulumiPrograms {
  private PulumiPrograms() {}

  /** A program's resources for one config file. */
  @FunctionalInterface
  public interface Program {
    void define(Context ctx, DeploymentConfig config, Optional<Output<String>> databasePassword);
  }

  /**
   * Runs the program in the Pulumi engine: stack config {@code config} names the config file,
   * the optional secret {@code databasePassword} replaces the generated password.
   */
  public static void run(String exampleConfig, Program program) {
    PulumiRuntime.prepare();
    Pulumi.run(ctx -> {
      String file = ctx.config().get("config").orElseThrow(() ->
          new IllegalArgumentException("set the config file: pulumi config set config " + exampleConfig));
      program.define(ctx, ConfigLoader.loadConfig(Path.of(file)), ctx.config().get("databasePassword").map(Output::ofSecret));
    });
  }

  /**
   * The program's offline plan under Pulumi's mock engine, as {@code cloud/<cloud>/resources.json}
   * → JSON text; nothing when the config has no section for this cloud.
   */
  public static SortedMap<String, String> plan(String cloud, boolean hasSection, String project, DeploymentConfig config,
      Program program, PulumiPlan.CloudOutputs outputs) {
    SortedMap<String, String> files = new TreeMap<>();
    if (hasSection) {
      files.put("cloud/" + cloud + "/resources.json", PulumiPlan.toJson(PulumiPlan.of(project, config.deployment().name(),
          ctx -> program.define(ctx, config, Optional.empty()), outputs)));
    }
    return files;
  }
}
