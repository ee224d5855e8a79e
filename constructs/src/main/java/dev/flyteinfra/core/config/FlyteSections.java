package dev.flyteinfra.core.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which of Flyte 1.16.8's binaries reads each section of Flyte's configuration, so that a config
 * file holds only what the component that mounts it reads (Flyte ignores the rest without a word).
 *
 * <p>Written by hand from the facts: the sections each binary registers at that release, as the
 * key list {@code flyte-config-keys-v1.16.8.txt} (shared reference data, not read at run time)
 * names them in its header. A section is a top-level key ({@code storage}) or, where Flyte
 * registers one below another, a nested one ({@code plugins.spark}); the most specific section a
 * key lies in decides. Keys match case-insensitively, as Flyte reads them. A test checks this
 * table against the key list.
 */
public final class FlyteSections {
  /** Flyte's binaries, by the Go package of their main at flyteorg/flyte. */
  public enum Binary {
    /** flyte-binary: every component in one process. */
    FLYTE_BINARY("cmd"),
    /** FlyteAdmin (serve, migrate, clusterresource sync/run). */
    FLYTEADMIN("flyteadmin/cmd"),
    /** FlyteScheduler. */
    FLYTESCHEDULER("flyteadmin/cmd/scheduler"),
    /** FlytePropeller, and its pod webhook ({@code flytepropeller webhook}). */
    FLYTEPROPELLER("flytepropeller/cmd/controller"),
    /** flytepropeller-manager, which runs the propeller shards. */
    PROPELLER_MANAGER("flytepropeller/cmd/manager"),
    /** DataCatalog. */
    DATACATALOG("datacatalog/cmd");

    private final String mainPackage;

    Binary(String mainPackage) {
      this.mainPackage = mainPackage;
    }

    /** The Go package of its main, as the key list's header names it. */
    public String mainPackage() {
      return mainPackage;
    }
  }

  private static final Set<Binary> ALL = EnumSet.allOf(Binary.class);
  /** FlyteAdmin's sections: the scheduler is built from FlyteAdmin's packages and registers them too. */
  private static final Set<Binary> ADMIN = EnumSet.of(Binary.FLYTE_BINARY, Binary.FLYTEADMIN, Binary.FLYTESCHEDULER);
  private static final Set<Binary> ADMIN_AND_PROPELLER = with(ADMIN, Binary.FLYTEPROPELLER);
  private static final Set<Binary> PROPELLER = EnumSet.of(Binary.FLYTE_BINARY, Binary.FLYTEPROPELLER);
  private static final Set<Binary> CATALOG = EnumSet.of(Binary.FLYTE_BINARY, Binary.DATACATALOG);

  /** Section (lower case) → the binaries that read it. */
  private static final Map<String, Set<Binary>> READERS = new TreeMap<>();

  static {
    for (String section : new String[] {"auth", "cloudevents", "cluster_resources", "clusterpools", "clusters", "domains",
        "externalevents", "flyteadmin", "namespace_mapping", "notifications", "qualityofservice", "queues", "registration",
        "remotedata", "scheduler", "server", "task_resources", "task_type_whitelist"}) {
      READERS.put(section, ADMIN);
    }
    for (String section : new String[] {"admin", "catalog-cache", "event", "plugins", "plugins.agent-service", "plugins.catalogcache",
        "plugins.connector-service", "plugins.k8s", "plugins.k8s-array", "plugins.logs", "propeller.admin-launcher",
        "propeller.resourcemanager", "propeller.workflowstore", "secrets", "tasks"}) {
      READERS.put(section, ADMIN_AND_PROPELLER);
    }
    for (String section : new String[] {"plugins.athena", "plugins.aws", "plugins.aws.batch", "plugins.bigquery", "plugins.dask",
        "plugins.databricks", "plugins.echo", "plugins.kf-operator", "plugins.ray", "plugins.snowflake", "plugins.spark", "webhook"}) {
      READERS.put(section, PROPELLER);
    }
    for (String section : new String[] {"logger", "otel", "prof", "storage"}) {
      READERS.put(section, ALL);
    }
    READERS.put("application", CATALOG);
    READERS.put("datacatalog", CATALOG);
    READERS.put("database", with(ADMIN, Binary.DATACATALOG));
    READERS.put("flyte", EnumSet.of(Binary.FLYTE_BINARY));
    READERS.put("manager", EnumSet.of(Binary.PROPELLER_MANAGER));
    READERS.put("propeller", with(ADMIN_AND_PROPELLER, Binary.PROPELLER_MANAGER));
  }

  private FlyteSections() {}

  /** Every section Flyte registers (lower case, nested ones dotted) → the binaries that read it. */
  public static Map<String, Set<Binary>> readers() {
    return Collections.unmodifiableMap(READERS);
  }

  /**
   * The part of a config tree that any of {@code readers} reads: each section that none of them
   * reads is left out, at the top and at every nested section. Keys outside every section Flyte
   * registers are kept (no binary reads them; that is for validation to say, not for this to hide).
   */
  public static Map<String, Object> readBy(Map<String, ?> config, Set<Binary> readers) {
    return readBy("", config, readers);
  }

  private static Map<String, Object> readBy(String parent, Map<?, ?> config, Set<Binary> readers) {
    Map<String, Object> kept = new LinkedHashMap<>();
    config.forEach((key, value) -> {
      String path = parent + String.valueOf(key).toLowerCase(Locale.ROOT);
      Set<Binary> sectionReaders = READERS.get(path);
      if (sectionReaders != null && sectionReaders.stream().noneMatch(readers::contains)) {
        return;
      }
      boolean hasNested = READERS.keySet().stream().anyMatch(section -> section.startsWith(path + "."));
      if (value instanceof Map<?, ?> children && hasNested) {
        Map<String, Object> nested = readBy(path + ".", children, readers);
        if (!nested.isEmpty()) {
          kept.put(String.valueOf(key), nested);
        }
      } else {
        kept.put(String.valueOf(key), value);
      }
    });
    return kept;
  }

  private static Set<Binary> with(Set<Binary> binaries, Binary more) {
    Set<Binary> all = EnumSet.copyOf(binaries);
    all.add(more);
    return all;
  }
}
