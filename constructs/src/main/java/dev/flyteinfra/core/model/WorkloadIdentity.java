package dev.flyteinfra.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The cloud identity a Kubernetes service account acts as: exactly one of an AWS IAM role (IRSA),
 * a GCP service account (GKE Workload Identity) or an Azure managed identity's client id (Azure
 * workload identity).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableWorkloadIdentity.class)
@JsonDeserialize(as = ImmutableWorkloadIdentity.class)
public interface WorkloadIdentity {
  /** e.g. {@code arn:aws:iam::123456789012:role/flyte-backend}. */
  Optional<String> awsRoleArn();

  /** e.g. {@code flyte-backend@my-project.iam.gserviceaccount.com}. */
  Optional<String> gcpServiceAccount();

  /** The client id (a UUID) of a user-assigned managed identity. */
  Optional<String> azureClientId();

  static WorkloadIdentity awsRole(String roleArn) {
    return ImmutableWorkloadIdentity.builder().awsRoleArn(roleArn).build();
  }

  static WorkloadIdentity gcpServiceAccount(String email) {
    return ImmutableWorkloadIdentity.builder().gcpServiceAccount(email).build();
  }

  static WorkloadIdentity azureClient(String clientId) {
    return ImmutableWorkloadIdentity.builder().azureClientId(clientId).build();
  }
}
