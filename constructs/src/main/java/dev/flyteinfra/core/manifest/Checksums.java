package dev.flyteinfra.core.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of rendered content, for the {@code checksum/*} pod annotations that roll pods on a config change. */
public final class Checksums {
  private Checksums() {}

  /** SHA-256 (hex) of the value's deterministic YAML form. */
  public static String sha256(Object value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Yaml.write(value).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
