package dev.flyteinfra.core.model;

import dev.flyteinfra.core.configkeys.FlyteConfigKeys;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of {@code extraConfig:}: Flyte config lands in a ConfigMap, so no credential may be in
 * it, at any depth, in mappings and lists alike: a key that names a secret ({@code secret_key},
 * {@code password}, the Azure stow config's {@code key}), an environment variable entry
 * ({@code {name: AWS_SECRET_ACCESS_KEY, value: ...}}) that holds one, or a value that is one
 * (an AWS access key id, a PEM private key).
 */
final class ExtraConfigChecks {
  private static final List<String> SECRET_WORDS = List.of(
      "password", "passwd", "secret", "token", "accesskey", "access_key", "privatekey", "private_key", "credential",
      "apikey", "api_key", "accountkey", "account_key");
  /** Keys that name where a secret is, or say something about it, rather than hold it ({@code clientSecretEnvVar}, {@code tokenUrl}). */
  private static final List<String> REFERENCE_SUFFIXES = List.of("path", "location", "file", "name", "dir", "ref", "envvar", "env_var",
      "type", "enabled", "url", "uri", "lifespan", "window", "tokenkey", "scopes", "header");
  /** Keys that hold a key itself: {@code account_key}, {@code client_key}, {@code shared_key} (a plain {@code key} names a toleration's label). */
  private static final Pattern KEY_ITSELF = Pattern.compile(".+_key");
  /** Values that are credentials whatever their key: AWS access key ids and PEM private keys. */
  private static final Pattern SECRET_VALUE = Pattern.compile("(?s)((A3T[A-Z0-9]|AKIA|ASIA)[A-Z0-9]{16}|.*-----BEGIN [A-Z ]*PRIVATE KEY-----.*)");
  private static final String MESSAGE = "looks like a credential in plain text, which would land in a ConfigMap";
  private static final String FIX = "keep it in a Secret and point Flyte at the mounted file (e.g. database.passwordSecret)";

  private ExtraConfigChecks() {}

  static void check(Checks c, Map<String, ?> config, Generation generation) {
    mapping(c, config, false);
    FlyteConfigKeys keys = generation == Generation.FLYTE_2 ? FlyteConfigKeys.flyte2() : FlyteConfigKeys.flyte1();
    for (FlyteConfigKeys.KeyProblem problem : keys.problems(config, keys.binaries())) {
      c.add(problem.path(), problem.message() + " (Flyte " + generation.checkedVersion() + " ignores what it does not read)",
          problem.meant().map(meant -> "did you mean " + meant + "?")
              .orElse(problem.message().startsWith("is not a key") ? "remove it, or check Flyte's configuration reference for the key"
                  : "write the value as the key's kind, as the message says"));
    }
  }

  private static void mapping(Checks c, Map<?, ?> config, boolean stowConfig) {
    config.forEach((key, value) -> {
      String name = String.valueOf(key);
      if (value instanceof Map<?, ?> child) {
        mapping(c.at(name), child, name.equals("config") && c.path("").endsWith("stow"));
      } else if (value instanceof List<?>) {
        value(c.at(name), value);
      } else if ((namesSecret(name) || stowConfig && name.equals("key")) && value != null && !String.valueOf(value).isBlank()) {
        c.add(name, MESSAGE, FIX);
      } else {
        value(c.at(name), value);
      }
    });
    // An environment variable entry: {name: AWS_SECRET_ACCESS_KEY, value: ...}
    if (config.get("name") instanceof String variable && config.get("value") instanceof String value && !value.isBlank()
        && namesSecret(variable)) {
      c.add("value", "is the value of " + variable + ", a credential in plain text, which would land in a ConfigMap",
          "give the variable from a Secret (valueFrom.secretKeyRef) instead");
    }
  }

  private static void value(Checks c, Object value) {
    if (value instanceof Map<?, ?> map) {
      mapping(c, map, false);
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        value(c.item(i), list.get(i));
      }
    } else if (value instanceof String text && SECRET_VALUE.matcher(text.strip()).matches()) {
      c.add("", MESSAGE, FIX);
    }
  }

  private static boolean namesSecret(String key) {
    String normalized = key.toLowerCase(Locale.ROOT).replace("-", "_").replace(".", "_");
    boolean reference = REFERENCE_SUFFIXES.stream().anyMatch(normalized::endsWith);
    boolean secretWord = SECRET_WORDS.stream().anyMatch(normalized::contains) || KEY_ITSELF.matcher(normalized).matches();
    return secretWord && !reference;
  }
}
