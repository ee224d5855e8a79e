package dev.flyteinfra.core.manifest;

import dev.flyteinfra.core.yaml.Yaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 of rendered content, for the {@code checksum/*} pod annotations that roll pods on a config change. */
public final class Checksums {
  /**
   * An unresolved CDK token, e.g. {@code ${Token[TOKEN.123]}}: its number depends on how many
   * tokens the process made before, so it is hashed as {@code ${Token}}.
   */
  private static final Pattern CDK_TOKEN = Pattern.compile("\\$\\{Token\\[[^\\]]*\\]\\}");

  private Checksums() {}

  /**
   * SHA-256 (hex) of the value's deterministic YAML form. Values known only at deployment (CDK
   * tokens) count by their place, not their value: the same deployment gives the same checksum in
   * every process.
   */
  public static String sha256(Object value) {
    String text = CDK_TOKEN.matcher(Yaml.write(value)).replaceAll("\\${Token}");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
