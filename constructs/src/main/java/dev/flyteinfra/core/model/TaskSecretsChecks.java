package dev.flyteinfra.core.model;

import java.util.regex.Pattern;

/** The rules of {@code taskSecrets:} ({@link TaskSecrets}). */
final class TaskSecretsChecks {
  private static final Pattern SECRET_NAME_PREFIX = Pattern.compile("[A-Za-z0-9_/-]{1,64}");

  private TaskSecretsChecks() {}

  static void check(Checks c, TaskSecrets secrets) {
    if (!SECRET_NAME_PREFIX.matcher(secrets.namePrefix()).matches()) {
      c.add("namePrefix", "'" + secrets.namePrefix() + "' is not a secret name prefix", "use letters, digits, '-', '_' and '/', e.g. flyte-");
    }
    secrets.sidecarImage().filter(image -> image.isBlank() || image.contains(" ")).ifPresent(image ->
        c.add("sidecarImage", "'" + image + "' is not an image", "write it as REGISTRY/NAME:TAG"));
    if (secrets.sidecarImage().isPresent() && secrets.backend() != TaskSecrets.Backend.AWS && secrets.backend() != TaskSecrets.Backend.GCP) {
      c.add("sidecarImage", "only the aws and gcp backends run a sidecar", "remove it");
    }
    if (secrets.vaultKvVersion() != 1 && secrets.vaultKvVersion() != 2) {
      c.add("vaultKvVersion", "must be 1 or 2, got " + secrets.vaultKvVersion(), "use 2 for the KV v2 engine");
    }
    c.required("vaultRole", secrets.vaultRole(), "name the Vault role tasks authenticate as, e.g. flyte");
    secrets.vaultAnnotations().keySet().stream().filter(key -> !Checks.ANNOTATION_KEY.matcher(key).matches()).forEach(key ->
        c.add("vaultAnnotations." + key, "is not an annotation key", "use e.g. vault.hashicorp.com/namespace"));
  }
}
