package dev.flyteinfra.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Helm chart whose templates are the official chart's rendered output (from
 * {@code ../shared/reference/flyte-charts}), one template file per file of the original chart.
 * {@code helm template} of it yields that same output with no template logic to run: a lower
 * bound of what {@code helm template} of the official chart costs, since the official chart does
 * all of this plus its logic, its larger values and its helpers.
 */
final class StaticChart {
  private static final Pattern SOURCE = Pattern.compile("^# Source: [^/]+/(.+)$", Pattern.MULTILINE);

  private StaticChart() {}

  /** Writes the chart for {@code reference} (a file name in the reference folder, without {@code .yaml}) under {@code dir}. */
  static Path write(String reference, Path dir) {
    try {
      String rendered = Files.readString(Workspace.referenceCharts().resolve(reference + ".yaml"), StandardCharsets.UTF_8);
      Path chart = dir.resolve(reference);
      Files.createDirectories(chart.resolve("templates"));
      Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: " + reference + "\nversion: 0.1.0\n");
      for (var template : templates(rendered).entrySet()) {
        Path file = chart.resolve("templates").resolve(template.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, escape(template.getValue()), StandardCharsets.UTF_8);
      }
      return chart;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails unless {@code rendered} ({@code helm template} of the chart) holds the same documents as
   * the reference it was written from: the baseline must do the work of the real output.
   */
  static void requireSameOutput(Path chart, String rendered) {
    String reference = chart.getFileName().toString();
    try {
      String expected = Files.readString(Workspace.referenceCharts().resolve(reference + ".yaml"), StandardCharsets.UTF_8);
      if (!documents(expected).equals(documents(rendered))) {
        throw new IllegalStateException("helm template of the static chart " + chart + " differs from " + reference + ".yaml");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documents of a rendered stream without helm's {@code # Source:} lines, sorted. */
  private static List<String> documents(String rendered) {
    return Arrays.stream(rendered.split("(?m)^---\\s*$"))
        .map(document -> document.replaceAll("(?m)^# Source: .*\\n", "").strip())
        .filter(document -> !document.isEmpty())
        .sorted()
        .toList();
  }

  /** Template path (flattened: {@code charts/x/templates/y.yaml} → {@code charts/x/y.yaml}) → its documents. */
  private static Map<String, String> templates(String rendered) {
    Map<String, String> templates = new LinkedHashMap<>();
    Matcher source = SOURCE.matcher(rendered);
    int start = -1;
    String path = null;
    while (source.find()) {
      if (path != null) {
        templates.merge(path, "---\n" + rendered.substring(start, source.start()).replaceFirst("\n---\n?$", "\n"), String::concat);
      }
      path = source.group(1).replace("/templates/", "/").replaceFirst("^templates/", "");
      start = source.end() + 1;
    }
    if (path != null) {
      templates.merge(path, "---\n" + rendered.substring(start), String::concat);
    }
    return templates;
  }

  /** Go template delimiters in the rendered text (Flyte's own {@code {{ namespace }}} placeholders) kept literal. */
  private static String escape(String text) {
    return text.replace("{{", "{{ \"{{\" }}");
  }
}
