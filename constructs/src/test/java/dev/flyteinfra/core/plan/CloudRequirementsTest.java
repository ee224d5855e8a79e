package dev.flyteinfra.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableNotifications;
import dev.flyteinfra.core.model.ImmutableS3Storage;
import dev.flyteinfra.core.model.ImmutableTaskSecrets;
import dev.flyteinfra.core.model.Notifications;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.model.TaskSecrets;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.model.WorkloadIdentity;
import dev.flyteinfra.core.plan.CloudRequirements.IdentityRequirement;
import dev.flyteinfra.core.plan.CloudRequirements.Kind;
import dev.flyteinfra.core.plan.CloudRequirements.ServiceAccountRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The identities a cloud must create, what each may reach, and how their ids come back into the deployment. */
class CloudRequirementsTest {
  private static ImmutableFlyteDeployment deployment() {
    return ImmutableFlyteDeployment.copyOf(FlyteDeployment.builder().name("flyte").topology(Topology.CORE)
        .database(PostgresDatabase.builder().host("db.example.com").passwordSecret(SecretKeyRef.of("flyte-db", "password")).build())
        .storage(ObjectStore.builder().metadataBucket("flyte-metadata").userDataBucket("flyte-data")
            .s3(ImmutableS3Storage.builder().region("us-east-1").build()).build())
        .projects(List.of(Project.named("flytesnacks"), Project.named("ml")))
        .domains(List.of(Domain.named("development"), Domain.named("production")))
        .build());
  }

  @Test
  void theBackendAndEachDomainsTasksAreOneIdentityEach() {
    CloudRequirements requirements = Plan.of(deployment()).cloudRequirements();

    assertThat(requirements.identities()).extracting(IdentityRequirement::key)
        .containsExactly("backend", "tasks-development", "tasks-production");
    assertThat(requirements.identities()).extracting(IdentityRequirement::kind).containsExactly(Kind.BACKEND, Kind.TASKS, Kind.TASKS);
    assertThat(requirements.identities()).extracting(IdentityRequirement::shortName)
        .containsExactly("backend", "development", "production");
    assertThat(requirements.identity("tasks-production").serviceAccounts()).containsExactly(
        new ServiceAccountRef(Plan.SINGLE_CLUSTER, "flytesnacks-production", "default"),
        new ServiceAccountRef(Plan.SINGLE_CLUSTER, "ml-production", "default"));
    assertThat(requirements.backendServiceAccounts()).extracting(ServiceAccountRef::name)
        .containsExactly("flyte-flyteadmin", "flyte-datacatalog", "flyte-flytescheduler", "flyte-flytepropeller");
  }

  @Test
  void everyIdentityReachesTheBucketsOnlyTheBackendSignsUrlsAndSendsNotifications() {
    FlyteDeployment d = deployment().withNotifications(ImmutableNotifications.builder().backend(Notifications.Backend.GCP)
        .sender("flyte@example.com").project("acme-prod").topic("flyte").subscription("flyte")
        .sendgridApiKey(SecretKeyRef.of("sendgrid", "api-key")).build());
    CloudRequirements requirements = Plan.of(d).cloudRequirements();

    assertThat(requirements.identities()).allSatisfy(identity ->
        assertThat(identity.access().buckets()).containsExactly("flyte-data", "flyte-metadata"));
    assertThat(requirements.identity("backend").access().signsUrls()).isTrue();
    assertThat(requirements.identity("backend").access().notifications()).isPresent();
    assertThat(requirements.identity("tasks-development").access().signsUrls()).isFalse();
    assertThat(requirements.identity("tasks-development").access().notifications()).isEmpty();
  }

  @Test
  void tasksReadACloudsSecretStoreOnlyWhenTheyUseOne() {
    CloudRequirements inKubernetes = Plan.of(deployment()).cloudRequirements();
    CloudRequirements inAws = Plan.of(deployment().withTaskSecrets(ImmutableTaskSecrets.builder()
        .backend(TaskSecrets.Backend.AWS).build())).cloudRequirements();

    assertThat(inKubernetes.identities()).allSatisfy(identity -> assertThat(identity.access().taskSecrets()).isEmpty());
    assertThat(inAws.identity("tasks-production").access().taskSecrets()).map(TaskSecrets::namePrefix).contains("flyte-");
    assertThat(inAws.identity("backend").access().taskSecrets()).isEmpty();
  }

  @Test
  void theCloudsIdsComeBackByKey() {
    FlyteDeployment d = deployment();
    CloudRequirements requirements = Plan.of(d).cloudRequirements();
    Map<String, WorkloadIdentity> ids = new TreeMap<>();
    requirements.identities().forEach(identity -> ids.put(identity.key(), WorkloadIdentity.gcpServiceAccount(identity.key() + "@p.iam.gserviceaccount.com")));

    FlyteDeployment applied = requirements.withIdentities(d, ids);

    assertThat(applied.identity()).contains(WorkloadIdentity.gcpServiceAccount("backend@p.iam.gserviceaccount.com"));
    assertThat(applied.domains()).extracting(Domain::taskIdentity).containsExactly(
        Optional.of(WorkloadIdentity.gcpServiceAccount("tasks-development@p.iam.gserviceaccount.com")),
        Optional.of(WorkloadIdentity.gcpServiceAccount("tasks-production@p.iam.gserviceaccount.com")));
    assertThat(applied.taskIdentity()).isEmpty();
  }

  @Test
  void aMissingIdIsRefusedNamingTheKeys() {
    FlyteDeployment d = deployment();
    CloudRequirements requirements = Plan.of(d).cloudRequirements();

    assertThatThrownBy(() -> requirements.withIdentities(d, Map.of("backend", WorkloadIdentity.awsRole("arn:aws:iam::123456789012:role/x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tasks-development");
  }
}
