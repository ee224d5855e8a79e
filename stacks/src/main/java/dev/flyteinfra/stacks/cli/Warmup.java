package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.stacks.config.ConfigLoader;

/**
 * Start-up work done beside the command, on the second core: most of a short run is Jackson
 * building its (de)serializers by introspection — for the model when a config file is bound, for
 * fabric8's Kubernetes types when the manifests are written — and loading those classes. Two
 * daemon threads do that while the main thread parses the command line and reads the config:
 * one builds the model's deserializer, the other synthesizes a sandbox that is thrown away. What
 * they build lands in Jackson's caches, which are thread-safe; they never write a file, and the
 * process does not wait for them.
 */
final class Warmup {
  private Warmup() {}

  static void start() {
    daemon("flyte-infra-warm-config", ConfigLoader::prepare);
    daemon("flyte-infra-warm-manifests", () -> FlyteManifests.files(FlyteDeployment.builder().name("warmup")
        .topology(Topology.SANDBOX).build()));
  }

  private static void daemon(String name, Runnable work) {
    Thread thread = new Thread(() -> {
      try {
        work.run();
      } catch (RuntimeException | LinkageError e) {
        // Only a head start: the command does the same work itself and reports what goes wrong.
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
  }
}
