package dev.flyteinfra.core.flytecore;

import dev.flyteinfra.core.plan.Plan;

/**
 * Names of the core topology's objects that other objects and config refer to: after the
 * deployment ({@code <name>-flyteadmin}), or as the flyte-core chart names them when the deployment
 * is installed with it ({@code flyteadmin}).
 */
final class CoreNames {
  private CoreNames() {}

  static String admin(Plan plan) {
    return plan.componentName("flyteadmin");
  }

  static String datacatalog(Plan plan) {
    return plan.componentName("datacatalog");
  }

  static String webhook(Plan plan) {
    return plan.installedWithChart() ? "flyte-pod-webhook" : plan.nameWith("pod-webhook");
  }

  static String propellerTemplate(Plan plan) {
    return plan.nameWith("flytepropeller-template");
  }
}
