package dev.flyteinfra.core.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules of {@code components:} ({@link Components}): each component's replicas, resources
 * and autoscaling, and that a topology is given settings only for the components it runs.
 */
final class ComponentsChecks {
  private static final Components DEFAULTS = ImmutableComponents.builder().build();

  private ComponentsChecks() {}

  static void check(Checks c, Components components, Topology topology) {
    if (components == null) {
      return;
    }
    boolean core = topology == Topology.CORE;
    if (components.binary() != null) {
      if (core) {
        unused(c, "binary", !components.binary().equals(DEFAULTS.binary()), "the binary and sandbox topologies",
            "set each component of the core topology instead (components.flyteadmin, ...)");
      } else {
        component(c.at("binary"), components.binary());
        if (components.binary().replicas() != 1) {
          c.add("binary.replicas", "flyte-binary runs exactly one replica, got " + components.binary().replicas(),
              "set replicas: 1 (propeller and the scheduler inside it are singletons); scale with topology core");
        }
      }
    }
    coreComponents(components).forEach((name, settings) -> {
      if (settings == null) {
        return;
      }
      if (!core) {
        unused(c, name, !settings.equals(coreComponents(DEFAULTS).get(name)), "the core topology",
            "remove it: topology " + topology.configName() + " runs flyte-binary, sized by components.binary");
        return;
      }
      Checks here = c.at(name);
      component(here, settings);
      if ((name.equals("flytescheduler") || name.equals("syncresources")) && settings.replicas() != 1) {
        here.add("replicas", name + " runs exactly one replica, got " + settings.replicas(),
            "set replicas: 1 (a second one would repeat its work)");
      }
      settings.autoscaling().ifPresent(autoscaling -> {
        if (!name.equals("flyteadmin") && !name.equals("flyteconsole")) {
          here.add("autoscaling", "is only available for flyteadmin and flyteconsole", "remove it; set replicas instead");
        }
        if (autoscaling.minReplicas() < 1 || autoscaling.minReplicas() > autoscaling.maxReplicas()) {
          here.add("autoscaling.minReplicas", "must be between 1 and maxReplicas (" + autoscaling.maxReplicas() + "), got "
              + autoscaling.minReplicas(), "e.g. minReplicas: 2, maxReplicas: 5");
        }
        if (autoscaling.targetCpuUtilizationPercent() < 1 || autoscaling.targetCpuUtilizationPercent() > 100) {
          here.add("autoscaling.targetCpuUtilizationPercent", "must be between 1 and 100", "use e.g. 80");
        }
      });
    });
  }

  /** A setting for a component the topology does not run is refused, as every topology-only setting is. */
  static void unused(Checks c, String field, boolean set, String usedBy, String fix) {
    if (set) {
      c.add(field, "is only used by " + usedBy, fix);
    }
  }

  static void component(Checks c, ComponentSettings component) {
    if (component.replicas() < 0) {
      c.add("replicas", "must not be negative, got " + component.replicas(), "use 1 or more");
    }
    ResourcesChecks.check(c.at("resources"), component.resources());
  }

  /** The core topology's components by name, in the order of the config reference. */
  static Map<String, ComponentSettings> coreComponents(Components c) {
    Map<String, ComponentSettings> components = new LinkedHashMap<>();
    components.put("flyteadmin", c.flyteadmin());
    components.put("flytepropeller", c.flytepropeller());
    components.put("datacatalog", c.datacatalog());
    components.put("flyteconsole", c.flyteconsole());
    components.put("flytescheduler", c.flytescheduler());
    components.put("webhook", c.webhook());
    components.put("syncresources", c.syncresources());
    return components;
  }
}
