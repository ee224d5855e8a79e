package dev.flyteinfra.stacks.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** One generated file: to standard output, or written whole (a temporary file beside it, then moved into place). */
final class OutputFile {
  private OutputFile() {}

  /** A temporary file is created readable by its owner only; what is written holds no secret, so it is 0644 as other files. */
  private static void readableByAll(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /** Writes {@code text} to {@code file}, or prints it when there is no file; says where it went on {@code out}. */
  static void write(Path file, String text, PrintWriter out) {
    if (file == null) {
      out.print(text);
      out.flush();
      return;
    }
    try {
      Path target = file.toAbsolutePath();
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      readableByAll(temporary);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      out.println("wrote " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }
}
