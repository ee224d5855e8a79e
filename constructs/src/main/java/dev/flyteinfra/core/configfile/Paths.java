package dev.flyteinfra.core.configfile;

/** Field paths as problems name them: {@code database.port}, {@code projects[1].name}, {@code (root)}. */
final class Paths {
  static final String ROOT = "(root)";

  private Paths() {}

  /** The path of {@code key} in the mapping at {@code path}. */
  static String key(String path, String key) {
    return path.equals(ROOT) ? key : path + "." + key;
  }

  /** The path of the {@code index}th item of the list at {@code path}. */
  static String item(String path, int index) {
    return (path.equals(ROOT) ? "" : path) + "[" + index + "]";
  }
}
