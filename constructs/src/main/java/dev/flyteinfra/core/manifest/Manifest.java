package dev.flyteinfra.core.manifest;

import dev.flyteinfra.core.plan.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthesized Kubernetes objects of one deployment, in apply order. Each object's
 * {@code app.kubernetes.io/component} label names the file it is written to.
 */
public record Manifest(String deploymentName, List<HasMetadata> objects) {
  public Manifest {
    objects = List.copyOf(objects);
  }

  /** Component → its objects, components in order of first appearance. */
  public Map<String, List<HasMetadata>> byComponent() {
    Map<String, List<HasMetadata>> groups = new LinkedHashMap<>();
    for (HasMetadata object : objects) {
      String component = object.getMetadata().getLabels().get(Labels.COMPONENT);
      if (component == null) {
        throw new IllegalStateException(object.getKind() + " " + object.getMetadata().getName() + " has no component label");
      }
      groups.computeIfAbsent(component, c -> new ArrayList<>()).add(object);
    }
    return groups;
  }
}
