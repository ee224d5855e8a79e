package dev.flyteinfra.stacks.cli;

import dev.flyteinfra.core.model.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What keeps {@code --out} from being written, found before anything is: each a problem of the option. */
final class OutputPaths {
  private static final String OPTION = "--out";

  private OutputPaths() {}

  /** The problem of a folder to write deployment folders into (created when missing), if any. */
  static Optional<Problem> folderProblem(Path out) {
    if (out.toString().isBlank()) {
      return problem("is empty", "give a folder, e.g. --out ./out");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      return problem("'" + out + "' is a file, not a folder", "give a folder (it is created when missing), or remove the file");
    }
    return ancestorProblem(out);
  }

  /** The problem of a file to write (its folder created when missing), if any. */
  static Optional<Problem> fileProblem(Path out) {
    if (out.toString().isBlank()) {
      return problem("is empty", "give a file path, or leave --out out to print to standard output");
    }
    if (Files.isDirectory(out)) {
      return problem("'" + out + "' is a folder", "give the path of a file in it, e.g. " + out.resolve("values.yaml"));
    }
    if (Files.exists(out) && !Files.isWritable(out)) {
      return problem("'" + out + "' is not writable", "give a path you may write to");
    }
    Path parent = out.toAbsolutePath().getParent();
    return parent == null ? Optional.empty() : ancestorProblem(parent);
  }

  /** The nearest existing folder of {@code path} must be a folder that may be written to. */
  private static Optional<Problem> ancestorProblem(Path path) {
    Path existing = path.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.empty();
    }
    if (!Files.isDirectory(existing)) {
      return problem("'" + existing + "' is a file, so nothing can be written below it", "give a path whose folders are folders");
    }
    if (!Files.isWritable(existing)) {
      return problem("'" + existing + "' is not writable", "give a folder you may write to");
    }
    return Optional.empty();
  }

  /** A write that failed all the same (a read-only file system, a full disk): the problem to report. */
  static Problem writeFailure(UncheckedIOException e) {
    IOException cause = e.getCause();
    String reason = cause instanceof AccessDeniedException ? "permission denied" : cause instanceof FileSystemException fs
        && fs.getReason() != null ? fs.getReason() : String.valueOf(cause.getMessage());
    return new Problem(OPTION, "cannot be written (" + reason + ")", "give a folder on a writable file system with free space");
  }

  private static Optional<Problem> problem(String message, String fix) {
    return Optional.of(new Problem(OPTION, message, fix));
  }
}
