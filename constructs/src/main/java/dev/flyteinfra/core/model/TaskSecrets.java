package dev.flyteinfra.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where the secrets that tasks request ({@code @task(secret_requests=[Secret(group=..., key=...)])})
 * come from: the FlytePropeller pod webhook injects them from Kubernetes Secrets in the task's
 * namespace, AWS Secrets Manager or GCP Secret Manager (through a sidecar), or Vault (through the
 * Vault agent injector's annotations). Flyte's {@code webhook.secretManagerType}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTaskSecrets.class)
@JsonDeserialize(as = ImmutableTaskSecrets.class)
public interface TaskSecrets {
  /** A secret store the webhook reads from. */
  enum Backend {
    @JsonProperty("kubernetes") KUBERNETES("K8s"),
    @JsonProperty("aws") AWS("AWS"),
    @JsonProperty("gcp") GCP("GCP"),
    @JsonProperty("vault") VAULT("Vault");

    private final String flyteName;

    Backend(String flyteName) {
      this.flyteName = flyteName;
    }

    /** The value of {@code webhook.secretManagerType}. */
    public String flyteName() {
      return flyteName;
    }
  }

  /** Default: {@code kubernetes}, Secrets in the task's project-domain namespace. */
  @Value.Default
  default Backend backend() {
    return Backend.KUBERNETES;
  }

  /**
   * With {@code aws}: the names of the secrets tasks may read start with this; the EKS stack
   * grants the task role exactly these. Default: {@code flyte-}.
   */
  @Value.Default
  default String namePrefix() {
    return "flyte-";
  }

  /** With {@code aws} or {@code gcp}: the sidecar image that fetches the secrets. Default: Flyte's. */
  Optional<String> sidecarImage();

  /** With {@code vault}: the Vault role tasks authenticate as. Default: {@code flyte}. */
  @Value.Default
  default String vaultRole() {
    return "flyte";
  }

  /** With {@code vault}: the KV secrets engine's version, 1 or 2. Default: 2. */
  @Value.Default
  default int vaultKvVersion() {
    return 2;
  }

  /** With {@code vault}: more Vault agent annotations on task pods (e.g. {@code vault.hashicorp.com/namespace}). Default: none. */
  Map<String, String> vaultAnnotations();
}
