package dev.flyteinfra.core.plugins;

import static dev.flyteinfra.core.manifest.KubeObjects.rule;

import dev.flyteinfra.core.config.PluginConfig;
import dev.flyteinfra.core.model.OperatorTaskPlugin;
import dev.flyteinfra.core.model.TaskPlugins;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;

/** The RBAC rules the enabled task plugins need beyond Flyte's own. */
public final class PluginRbac {
  private PluginRbac() {}

  /** What FlytePropeller needs to run the plugins' tasks: their operators' resources. */
  public static List<PolicyRule> propeller(TaskPlugins plugins) {
    List<PolicyRule> rules = new ArrayList<>();
    for (OperatorTaskPlugin plugin : plugins.operatorPlugins()) {
      rules.add(rule(List.of(plugin.apiGroup()), List.of(plugin.resource()),
          "create", "delete", "get", "list", "patch", "update", "watch"));
    }
    return rules;
  }

  /**
   * What the cluster-resource sync needs to apply the plugins' namespace templates: with Spark,
   * the drivers' Role and its binding, and (Kubernetes grants only what one holds) the Role's
   * own permissions.
   */
  public static List<PolicyRule> resourceSync(TaskPlugins plugins) {
    if (plugins.spark().isEmpty()) {
      return List.of();
    }
    return List.of(
        rule(List.of("rbac.authorization.k8s.io"), List.of("roles", "rolebindings"), "create", "get", "list", "patch", "update"),
        rule(List.of(""), PluginConfig.SPARK_DRIVER_RESOURCES, PluginConfig.SPARK_DRIVER_VERBS.toArray(String[]::new)));
  }
}
