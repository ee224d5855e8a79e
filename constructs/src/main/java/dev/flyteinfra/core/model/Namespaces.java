package dev.flyteinfra.core.model;

import java.util.Set;

/** Namespaces Kubernetes keeps for itself: Flyte's objects and task pods do not belong there. */
final class Namespaces {
  private static final Set<String> RESERVED = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

  private Namespaces() {}

  /** {@code default}, and {@code kube-system} with every other {@code kube-} namespace. */
  static boolean isReserved(String namespace) {
    return RESERVED.contains(namespace) || namespace.startsWith("kube-");
  }
}
