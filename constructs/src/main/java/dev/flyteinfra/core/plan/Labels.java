package dev.flyteinfra.core.plan;

import java.util.Map;
import java.util.TreeMap;

/**
 * The standard {@code app.kubernetes.io/*} labels every object carries, and the smaller set that
 * selects a component's pods.
 */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String VERSION = "app.kubernetes.io/version";
  public static final String MANAGER = "flyte-infra";

  private final String instance;
  private final String version;

  Labels(String instance, String version) {
    this.instance = instance;
    this.version = version;
  }

  /** All six standard labels for an object of the given app and component. */
  public Map<String, String> standard(String app, String component) {
    Map<String, String> labels = new TreeMap<>(selector(app, component));
    labels.put(PART_OF, "flyte");
    labels.put(MANAGED_BY, MANAGER);
    labels.put(VERSION, version);
    return labels;
  }

  /** The labels a Service or Deployment selects the component's pods by. */
  public Map<String, String> selector(String app, String component) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(NAME, app);
    labels.put(INSTANCE, instance);
    labels.put(COMPONENT, component);
    return labels;
  }
}
