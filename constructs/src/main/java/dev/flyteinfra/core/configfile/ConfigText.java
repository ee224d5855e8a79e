package dev.flyteinfra.core.configfile;

import dev.flyteinfra.core.model.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The text of a config file from its bytes: UTF-8 (with or without a byte-order mark), or UTF-16
 * or UTF-32 with one, as YAML allows; anything else, and files beyond {@link #MAX_BYTES}, is a
 * problem that says how to save the file instead.
 */
public final class ConfigText {
  /** The largest config file read: a deployment description is a few kilobytes. */
  public static final int MAX_BYTES = 1024 * 1024;

  private ConfigText() {}

  /** The decoded text, or the problem that keeps the bytes from being one. */
  public static Decoded decode(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      return Decoded.problem(new Problem("(file)", "is " + bytes.length + " bytes, more than the " + MAX_BYTES + " a config file may have",
          "give the deployment description itself (a few kilobytes), not a bundle or a binary file"));
    }
    if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
      return strict(bytes, 4, Charset.forName("UTF-32BE"), "UTF-32");
    }
    if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
      return strict(bytes, 4, Charset.forName("UTF-32LE"), "UTF-32");
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return strict(bytes, 2, StandardCharsets.UTF_16BE, "UTF-16");
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return strict(bytes, 2, StandardCharsets.UTF_16LE, "UTF-16");
    }
    int offset = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    for (int i = offset; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return Decoded.problem(new Problem("(file)", "holds NUL bytes (line " + lineAt(bytes, i) + "): it is UTF-16 or UTF-32 without a "
            + "byte-order mark, or not text at all", "save it as UTF-8 text"));
      }
    }
    return strict(bytes, offset, StandardCharsets.UTF_8, "UTF-8");
  }

  private static Decoded strict(byte[] bytes, int offset, Charset charset, String name) {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    try {
      return new Decoded(Optional.of(decoder.decode(buffer).toString()), Optional.empty());
    } catch (CharacterCodingException e) {
      int at = buffer.position();
      String what = name.equals("UTF-8")
          ? "is not UTF-8 text: byte 0x" + String.format("%02X", bytes[Math.min(at, bytes.length - 1)] & 0xFF) + " at line "
              + lineAt(bytes, at) + " is not UTF-8 (Latin-1 or Windows-1252 text?)"
          : "is not valid " + name + " text after its byte-order mark";
      return Decoded.problem(new Problem("(file)", what, "save the file as UTF-8"));
    }
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, bytes.length); i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The text, or the problem that keeps the bytes from being text. */
  public record Decoded(Optional<String> text, Optional<Problem> problem) {
    static Decoded problem(Problem problem) {
      return new Decoded(Optional.empty(), Optional.of(problem));
    }
  }
}
