package dev.flyteinfra.core.flytecore;

import dev.flyteinfra.core.plan.Plan;

/** Names of the core topology's objects that other objects and config refer to. */
final class CoreNames {
  private CoreNames() {}

  static String admin(Plan plan) {
    return plan.nameWith("flyteadmin");
  }

  static String datacatalog(Plan plan) {
    return plan.nameWith("datacatalog");
  }

  static String webhook(Plan plan) {
    return plan.nameWith("pod-webhook");
  }

  static String propellerTemplate(Plan plan) {
    return plan.nameWith("flytepropeller-template");
  }
}
