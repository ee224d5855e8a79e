package dev.flyteinfra.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.organizations.OrganizationsFunctions;
import com.pulumi.gcp.organizations.inputs.GetProjectArgs;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.projects.inputs.IAMMemberConditionArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.BucketIAMMember;
import com.pulumi.gcp.storage.BucketIAMMemberArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.flyteinfra.core.model.TaskSecrets;
import dev.flyteinfra.core.model.WorkloadIdentity;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.CloudRequirements.IdentityRequirement;
import dev.flyteinfra.pulumi.OutputMaps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Google service account per identity requirement, bound with Workload Identity to exactly its
 * Kubernetes service accounts and granted what it may reach: its buckets, signing URLs, with
 * taskSecrets backend gcp the secrets of its prefix.
 */
final class GkeIdentities {
  /** What an identity gets on each of its buckets: its objects, and reading the bucket itself. */
  static final List<String> BUCKET_ROLES = List.of("roles/storage.objectAdmin", "roles/storage.legacyBucketReader");
  /** What tasks get on their secrets, with taskSecrets backend gcp. */
  static final String SECRET_ACCESSOR = "roles/secretmanager.secretAccessor";

  private final CloudRequirements requirements;
  private final Map<String, Account> accounts = new LinkedHashMap<>();

  /**
   * @param name the component's name, the prefix of every resource name
   * @param deploymentName the deployment's name, the prefix of every account id
   */
  GkeIdentities(Resource parent, String name, String deploymentName, String project, CloudRequirements requirements,
      Map<String, Bucket> buckets) {
    this.requirements = requirements;
    CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
    String workloadPool = project + ".svc.id.goog";
    for (IdentityRequirement identity : requirements.identities()) {
      String prefix = name + "-" + identity.key();
      Account account = new Account(prefix, AccountArgs.builder().project(project)
          .accountId(accountId(deploymentName, identity.shortName())).displayName(identity.description()).build(), child);
      accounts.put(identity.key(), account);
      for (CloudRequirements.ServiceAccountRef sa : identity.serviceAccounts()) {
        new com.pulumi.gcp.serviceaccount.IAMMember(prefix + "-" + sa.namespace() + "-" + sa.name(),
            com.pulumi.gcp.serviceaccount.IAMMemberArgs.builder().serviceAccountId(account.name())
                .role("roles/iam.workloadIdentityUser")
                .member("serviceAccount:" + workloadPool + "[" + sa.namespace() + "/" + sa.name() + "]").build(), child);
      }
      if (identity.access().signsUrls()) {
        // flyteadmin signs upload and download URLs with its own identity.
        new com.pulumi.gcp.serviceaccount.IAMMember(prefix + "-signs-urls", com.pulumi.gcp.serviceaccount.IAMMemberArgs.builder()
            .serviceAccountId(account.name()).role("roles/iam.serviceAccountTokenCreator")
            .member(member(account)).build(), child);
      }
    }
    // The secrets' names hold the project's number: looked up once, for every identity that reads secrets.
    List<IdentityRequirement> readingSecrets = requirements.identities().stream()
        .filter(identity -> identity.access().taskSecrets().filter(s -> s.backend() == TaskSecrets.Backend.GCP).isPresent()).toList();
    Output<String> projectNumber = readingSecrets.isEmpty() ? Output.of("") : OrganizationsFunctions.getProject(
        GetProjectArgs.builder().projectId(project).build()).applyValue(found -> found.number());
    for (IdentityRequirement identity : readingSecrets) {
      identity.access().taskSecrets().ifPresent(secrets -> grantSecrets(name + "-" + identity.key() + "-secrets", project, projectNumber,
              secrets.namePrefix(), accounts.get(identity.key()), child));
    }
    buckets.forEach((bucketName, bucket) -> {
      for (IdentityRequirement identity : requirements.identities()) {
        if (!identity.access().buckets().contains(bucketName)) {
          continue;
        }
        Account account = accounts.get(identity.key());
        for (String role : BUCKET_ROLES) {
          new BucketIAMMember(account.pulumiResourceName() + "-" + bucketName + "-" + role.substring("roles/storage.".length()),
              BucketIAMMemberArgs.builder().bucket(bucket.name()).role(role).member(member(account)).build(), child);
        }
      }
    });
  }

  /**
   * Lets an account read exactly the Secret Manager secrets whose ids start with the prefix (an
   * IAM condition on the secret's name, which holds the project's number).
   */
  private static void grantSecrets(String name, String project, Output<String> projectNumber, String namePrefix,
      Account account, CustomResourceOptions child) {
    Output<String> secrets = projectNumber.applyValue(number -> "projects/" + number + "/secrets/" + namePrefix);
    new IAMMember(name, IAMMemberArgs.builder()
        .project(project).role(SECRET_ACCESSOR)
        .member(member(account))
        .condition(IAMMemberConditionArgs.builder().title("Flyte task secrets")
            .description("Only the secrets whose ids start with " + namePrefix)
            .expression(secrets.applyValue(prefix -> "resource.name.startsWith(\"" + prefix + "\")")).build())
        .build(), child);
  }

  /** {@code serviceAccount:<email>}, an account as an IAM member. */
  static Output<String> member(Account account) {
    return account.email().applyValue(email -> "serviceAccount:" + email);
  }

  /** Key → account. */
  Map<String, Account> accounts() {
    return accounts;
  }

  /** Domain → the account of its tasks, for the per-domain task identities. */
  Map<String, Account> byDomain() {
    Map<String, Account> byDomain = new TreeMap<>();
    requirements.identities().forEach(identity -> identity.domain().ifPresent(domain -> byDomain.put(domain, accounts.get(identity.key()))));
    return byDomain;
  }

  Account account(String key) {
    return accounts.get(key);
  }

  /** Key → the identity, once the emails are known. */
  Output<Map<String, WorkloadIdentity>> resolved() {
    return OutputMaps.resolved(accounts, Account::email).applyValue(GkeIdentities::asIdentities);
  }

  /** Key → the identity, as the emails are planned: they are known in advance. */
  Map<String, WorkloadIdentity> planned(String deploymentName, String project) {
    Map<String, String> emails = new TreeMap<>();
    requirements.identities().forEach(identity -> emails.put(identity.key(), email(accountId(deploymentName, identity.shortName()), project)));
    return asIdentities(emails);
  }

  private static Map<String, WorkloadIdentity> asIdentities(Map<String, String> emails) {
    Map<String, WorkloadIdentity> identities = new TreeMap<>();
    emails.forEach((key, email) -> identities.put(key, WorkloadIdentity.gcpServiceAccount(email)));
    return identities;
  }

  /** {@code <account id>@<project>.iam.gserviceaccount.com}. */
  static String email(String accountId, String project) {
    return accountId + "@" + project + ".iam.gserviceaccount.com";
  }

  /**
   * A service account id (6 to 30 characters) of the deployment's name and a purpose, the name
   * shortened to fit.
   */
  static String accountId(String deploymentName, String purpose) {
    int room = 30 - purpose.length() - 1;
    String prefix = deploymentName.length() > room ? deploymentName.substring(0, room) : deploymentName;
    return (prefix.endsWith("-") ? prefix.substring(0, prefix.length() - 1) : prefix) + "-" + purpose;
  }
}
