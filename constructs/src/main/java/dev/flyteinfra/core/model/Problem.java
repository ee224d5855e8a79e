package dev.flyteinfra.core.model;

import java.util.Objects;

/**
 * One thing wrong with a deployment description: the field path ({@code database.port},
 * {@code projects[1].name}), what is wrong, and how to fix it.
 */
public record Problem(String path, String message, String fix) implements Comparable<Problem> {
  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /** The same problem in a section of the config file: {@code under("aws")} of {@code nodeMinSize} is {@code aws.nodeMinSize}. */
  public Problem under(String section) {
    return new Problem(section + "." + path, message, fix);
  }

  /** {@code field.path: what is wrong — how to fix it}. */
  @Override
  public String toString() {
    return path + ": " + message + " — " + fix;
  }

  @Override
  public int compareTo(Problem other) {
    return toString().compareTo(other.toString());
  }
}
