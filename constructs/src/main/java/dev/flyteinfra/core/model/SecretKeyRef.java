package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * One key of an existing Kubernetes Secret in the deployment's namespace. Secrets are always
 * referenced, never written: creating the Secret is the job of whoever owns the credential (a
 * cloud module, External Secrets, Sealed Secrets, or {@code kubectl create secret}).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSecretKeyRef.class)
@JsonDeserialize(as = ImmutableSecretKeyRef.class)
public interface SecretKeyRef {
  /** Name of the Secret. Required. */
  String name();

  /** Key inside the Secret. Required. */
  String key();

  static SecretKeyRef of(String name, String key) {
    return ImmutableSecretKeyRef.builder().name(name).key(key).build();
  }
}
