package dev.flyteinfra.core.model;

import java.util.List;
import java.util.stream.Collectors;

/** A deployment description with problems; the message lists every one, a line each. */
public class InvalidDeploymentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public InvalidDeploymentException(List<Problem> problems) {
    super(problems.size() + " problem(s):\n" + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Throws with the problems when there are any. */
  public static void throwIfAny(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidDeploymentException(problems);
    }
  }

  public List<Problem> problems() {
    return problems;
  }
}
