package dev.flyteinfra.core.manifest;

import dev.flyteinfra.core.model.ImmutableResources;
import dev.flyteinfra.core.model.Resources;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The hardening every Flyte workload shares: the restricted Pod Security Standard (non-root,
 * no privilege escalation, all capabilities dropped, RuntimeDefault seccomp) and resources with
 * requests and a memory limit.
 */
public final class Workloads {
  /** {@code nobody}: Flyte's images run as any user; the official charts use it too. */
  public static final long NON_ROOT_UID = 65534L;

  private Workloads() {}

  public static PodSecurityContext restrictedPodSecurityContext() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(NON_ROOT_UID)
        .withRunAsGroup(NON_ROOT_UID)
        .withFsGroup(NON_ROOT_UID)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  public static SecurityContext restrictedContainerSecurityContext() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  public static ResourceRequirements resources(Resources r) {
    ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(r.cpu()))
        .addToRequests("memory", new Quantity(r.memory()))
        .addToLimits("memory", new Quantity(r.memoryLimit()));
    r.cpuLimit().ifPresent(limit -> builder.addToLimits("cpu", new Quantity(limit)));
    return builder.build();
  }

  public static ResourceRequirements resources(String cpu, String memory, String memoryLimit) {
    return resources(ImmutableResources.builder().cpu(cpu).memory(memory).memoryLimit(memoryLimit).build());
  }
}
