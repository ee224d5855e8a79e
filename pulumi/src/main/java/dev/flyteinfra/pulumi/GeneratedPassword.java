package dev.flyteinfra.pulumi;

import com.pulumi.core.Output;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * A database password made in the program, for clouds whose Pulumi provider makes none: 32
 * letters and digits from {@link SecureRandom}. Pass it as a secret and keep it with
 * {@code ignoreChanges}, so it is made once, on the first {@code pulumi up}.
 */
public final class GeneratedPassword {
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private GeneratedPassword() {}

  /** The given password as a secret, or else a generated one. */
  public static Output<String> orGiven(Optional<Output<String>> given) {
    return given.map(Output::asSecret).orElseGet(() -> Output.ofSecret(create()));
  }

  public static String create() {
    StringBuilder password = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
