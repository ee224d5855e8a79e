package dev.flyteinfra.stacks.pulumi;

import java.util.concurrent.ForkJoinPool;

/** What a process must do before it runs a Pulumi program, in the engine or under mocks. */
public final class PulumiRuntime {
  static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private PulumiRuntime() {}

  /**
   * Gives the common fork-join pool at least four threads, before anything uses it: Pulumi Java
   * blocks on it, and on a two-core machine (one thread by default) a program can wait forever
   * (pulumi/pulumi-java#2270); with two threads a mock run was seen spinning for minutes once
   * (one worker in the runner's task loop, the other parked). Call first thing in {@code main}.
   */
  public static void prepare() {
    if (System.getProperty(PARALLELISM) == null) {
      System.setProperty(PARALLELISM, Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors())));
    }
    ForkJoinPool.commonPool();
  }
}
