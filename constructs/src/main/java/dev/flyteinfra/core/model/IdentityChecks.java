package dev.flyteinfra.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules of a cloud identity ({@link WorkloadIdentity}: {@code identity}, {@code taskIdentity},
 * a domain's {@code taskIdentity}), and that every identity of a deployment and its object store
 * belong to one cloud.
 */
final class IdentityChecks {
  private static final Pattern IAM_ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
  private static final Pattern GCP_SA_EMAIL = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.-]+\\.gserviceaccount\\.com");

  private IdentityChecks() {}

  static void check(Checks c, WorkloadIdentity identity) {
    long set = Stream.of(identity.awsRoleArn(), identity.gcpServiceAccount(), identity.azureClientId()).filter(Optional::isPresent).count();
    if (set != 1) {
      c.add("", set == 0 ? "names no identity" : "names " + set + " identities", "set exactly one of awsRoleArn, gcpServiceAccount, azureClientId");
    }
    identity.awsRoleArn().filter(arn -> !Checks.isToken(arn) && !IAM_ROLE_ARN.matcher(arn).matches()).ifPresent(arn ->
        c.add("awsRoleArn", "'" + arn + "' is not an IAM role ARN", "use arn:aws:iam::<12-digit account>:role/<name>"));
    identity.gcpServiceAccount().filter(email -> !GCP_SA_EMAIL.matcher(email).matches()).ifPresent(email ->
        c.add("gcpServiceAccount", "'" + email + "' is not a Google service account email", "use <name>@<project>.iam.gserviceaccount.com"));
    identity.azureClientId().filter(id -> !Checks.UUID.matcher(id).matches()).ifPresent(id ->
        c.add("azureClientId", "'" + id + "' is not a client id", "use the managed identity's client id, a UUID"));
  }

  /**
   * Every identity names the same cloud, and the object store's when it is a cloud's own: a
   * service account can carry one cloud's annotation, and it reaches that cloud's buckets only.
   */
  static void sameCloud(Checks root, FlyteDeployment d) {
    Map<String, WorkloadIdentity> identities = new LinkedHashMap<>();
    d.identity().ifPresent(identity -> identities.put("identity", identity));
    d.taskIdentity().ifPresent(identity -> identities.put("taskIdentity", identity));
    Optional<String> storeCloud = d.storage() == null ? Optional.empty() : d.storage().s3().map(s -> "aws")
        .or(() -> d.storage().gcs().map(g -> "gcp")).or(() -> d.storage().azure().map(a -> "azure"));
    List<String> seen = new ArrayList<>();
    identities.forEach((field, identity) -> cloudOf(identity).ifPresent(cloud -> {
      if (storeCloud.isPresent() && !storeCloud.get().equals(cloud)) {
        root.add(field, "is a " + cloud + " identity, while the object store is " + storeCloud.get() + "'s",
            "give the " + storeCloud.get() + " identity (" + keyOf(storeCloud.get()) + ") that may reach the buckets");
      } else if (!seen.isEmpty() && !seen.get(0).equals(cloud)) {
        root.add(field, "is a " + cloud + " identity, while identity is a " + seen.get(0) + " one",
            "use one cloud for Flyte's and the tasks' identities (" + keyOf(seen.get(0)) + ")");
      }
      seen.add(cloud);
    }));
  }

  /** The cloud an identity belongs to, when it names exactly one. */
  static Optional<String> cloudOf(WorkloadIdentity identity) {
    List<String> clouds = new ArrayList<>();
    identity.awsRoleArn().ifPresent(x -> clouds.add("aws"));
    identity.gcpServiceAccount().ifPresent(x -> clouds.add("gcp"));
    identity.azureClientId().ifPresent(x -> clouds.add("azure"));
    return clouds.size() == 1 ? Optional.of(clouds.get(0)) : Optional.empty();
  }

  private static String keyOf(String cloud) {
    return switch (cloud) {
      case "aws" -> "awsRoleArn";
      case "gcp" -> "gcpServiceAccount";
      default -> "azureClientId";
    };
  }
}
