package dev.flyteinfra.core.model;

import java.math.BigDecimal;
import java.util.Optional;

/** The rules of a container's {@code resources:} ({@link Resources}). */
final class ResourcesChecks {
  private ResourcesChecks() {}

  static void check(Checks c, Resources r) {
    if (r == null) {
      return;
    }
    Optional<BigDecimal> cpu = c.quantity("cpu", r.cpu());
    Optional<BigDecimal> memory = c.quantity("memory", r.memory());
    Optional<BigDecimal> cpuLimit = r.cpuLimit().flatMap(q -> c.quantity("cpuLimit", q));
    Optional<BigDecimal> memoryLimit = c.quantity("memoryLimit", r.memoryLimit());
    if (cpu.isPresent() && cpuLimit.isPresent() && cpu.get().compareTo(cpuLimit.get()) > 0) {
      c.add("cpu", "request " + r.cpu() + " exceeds the limit " + r.cpuLimit().orElseThrow(),
          "lower the request or raise cpuLimit (Kubernetes rejects such a pod)");
    }
    if (memory.isPresent() && memoryLimit.isPresent() && memory.get().compareTo(memoryLimit.get()) > 0) {
      c.add("memory", "request " + r.memory() + " exceeds the limit " + r.memoryLimit(),
          "lower the request or raise memoryLimit (Kubernetes rejects such a pod)");
    }
  }
}
