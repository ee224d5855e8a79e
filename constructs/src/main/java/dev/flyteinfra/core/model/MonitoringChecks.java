package dev.flyteinfra.core.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules of {@code monitoring:} ({@link Monitoring}). */
final class MonitoringChecks {
  /** Hours, minutes, seconds and milliseconds, each optional, as ServiceMonitors take them. */
  private static final Pattern PROMETHEUS_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");

  private MonitoringChecks() {}

  static void check(Checks c, Monitoring monitoring, Topology topology) {
    if (monitoring.serviceMonitors() && topology != Topology.CORE) {
      c.add("serviceMonitors", "flyte-binary serves no metrics port of its own to scrape (its chart has no ServiceMonitor)",
          "use topology core, whose components each serve /metrics on http-metrics");
    }
    Optional<Long> interval = duration(c, "interval", monitoring.interval());
    Optional<Long> timeout = duration(c, "scrapeTimeout", monitoring.scrapeTimeout());
    if (interval.isPresent() && timeout.isPresent() && timeout.get() > interval.get()) {
      c.add("scrapeTimeout", "must not exceed the interval " + monitoring.interval() + ", got " + monitoring.scrapeTimeout(),
          "make it at most the interval, e.g. 30s for 60s");
    }
    monitoring.labels().forEach((key, value) -> {
      if (!Checks.ANNOTATION_KEY.matcher(key).matches()) {
        c.add("labels." + key, "is not a label key", "use e.g. release");
      }
      if (!Checks.LABEL_VALUE.matcher(value).matches()) {
        c.add("labels." + key, "'" + value + "' is not a label value", "use at most 63 letters, digits, '-', '_' and '.'");
      }
    });
  }

  /** A Prometheus duration in milliseconds ({@code 30s}, {@code 1m30s}), or a problem. */
  private static Optional<Long> duration(Checks c, String field, String value) {
    Matcher parts = PROMETHEUS_DURATION.matcher(value == null ? "" : value);
    if (!parts.matches() || value.isEmpty()) {
      c.add(field, "'" + value + "' is not a Prometheus duration", "write it like 30s, 1m or 1m30s");
      return Optional.empty();
    }
    long[] unitMillis = {3_600_000L, 60_000L, 1_000L, 1L};
    long millis = 0;
    for (int i = 0; i < unitMillis.length; i++) {
      if (parts.group(i + 1) != null) {
        millis += Long.parseLong(parts.group(i + 1)) * unitMillis[i];
      }
    }
    return Optional.of(millis);
  }
}
