package dev.flyteinfra.core.config;

import dev.flyteinfra.core.configkeys.FlyteConfigKeys;
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
 * <p>The sections each binary registers at that release come from the key list this library
 * carries ({@link FlyteConfigKeys#flyte1()}, its header). A section is a top-level key ({@code storage}) or, where Flyte
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

  /** Section (lower case) → the binaries that read it, as the key list this library carries says. */
  private static final Map<String, Set<Binary>> READERS = new TreeMap<>();

  static {
    FlyteConfigKeys.flyte1().sections().forEach((section, packages) -> {
      Set<Binary> binaries = EnumSet.noneOf(Binary.class);
      for (Binary binary : Binary.values()) {
        if (packages.contains(binary.mainPackage())) {
          binaries.add(binary);
        }
      }
      READERS.put(section, binaries);
    });
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
}
