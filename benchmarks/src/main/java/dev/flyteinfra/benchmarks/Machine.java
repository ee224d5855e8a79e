package dev.flyteinfra.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a report was measured on, in one line. */
final class Machine {
  private Machine() {}

  static String describe() {
    return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB RAM; %s %s (%s); %s %s",
        procField("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
        Runtime.getRuntime().availableProcessors(),
        procField("/proc/meminfo", "MemTotal").map(kb -> Long.parseLong(kb.replaceAll("\\D", "")) / 1048576.0).orElse(Double.NaN),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
        System.getProperty("os.name"), System.getProperty("os.version"));
  }

  private static java.util.Optional<String> procField(String file, String field) {
    try {
      return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(field))
          .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
