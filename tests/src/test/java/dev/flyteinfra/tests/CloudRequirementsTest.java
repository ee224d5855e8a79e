package dev.flyteinfra.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.CloudRequirements.ServiceAccountRef;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cloud requirements a cloud module reads name exactly the service accounts the manifests
 * bind to the backend identity, and a task service account per project and domain.
 */
class CloudRequirementsTest {
  static Stream<Path> examples() {
    return Repo.gateConfigs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void identityServiceAccountsAreExactlyThoseTheManifestsAnnotate(Path example) {
    FlyteDeployment d = Repo.load(example);
    Plan plan = Plan.of(d);
    CloudRequirements requirements = plan.cloudRequirements();

    List<ServiceAccountRef> annotated = new ArrayList<>();
    FlyteManifests.synthesizeClusters(d).forEach((cluster, manifest) -> manifest.objects().stream()
        .filter(o -> o instanceof ServiceAccount)
        .filter(o -> o.getMetadata().getAnnotations() != null && !o.getMetadata().getAnnotations().isEmpty())
        .forEach(o -> annotated.add(new ServiceAccountRef(cluster, o.getMetadata().getNamespace(), o.getMetadata().getName()))));

    // The backend's, and Flyte 2's task service account, which the manifests render (Flyte 1's task accounts live in
    // the namespace templates, checked below).
    List<ServiceAccountRef> expected = new ArrayList<>();
    if (d.identity().isPresent()) {
      expected.addAll(requirements.backendServiceAccounts());
    }
    if (d.generation() == dev.flyteinfra.core.model.Generation.FLYTE_2 && d.taskIdentity().isPresent()) {
      expected.addAll(requirements.identity(CloudRequirements.TASKS).serviceAccounts());
    }
    assertThat(annotated).containsExactlyInAnyOrderElementsOf(expected);
    FlyteDeployment resolved = plan.deployment();
    assertThat(requirements.buckets()).contains(resolved.storage().metadataBucket(), resolved.storage().effectiveUserDataBucket());
    assertThat(requirements.databaseName()).isEqualTo(resolved.database().dbname());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyProjectDomainHasItsTaskServiceAccount(Path example) {
    FlyteDeployment d = Repo.load(example);
    if (d.generation() == dev.flyteinfra.core.model.Generation.FLYTE_2) {
      // Flyte 2: one task service account in one task namespace, which the manifests create.
      CloudRequirements requirements = Plan.of(d).cloudRequirements();
      assertThat(requirements.taskServiceAccounts()).isEmpty();
      var tasks = requirements.identity(CloudRequirements.TASKS);
      assertThat(tasks.serviceAccounts()).singleElement().satisfies(account -> assertThat(Repo.objects(Repo.synthesize(example)))
          .anySatisfy(object -> {
            assertThat(object.path("kind").asText()).isEqualTo("ServiceAccount");
            assertThat(object.at("/metadata/name").asText()).isEqualTo(account.name());
            assertThat(object.at("/metadata/namespace").asText()).isEqualTo(account.namespace());
          }));
      return;
    }

    List<CloudRequirements.TaskServiceAccount> tasks = Plan.of(d).cloudRequirements().taskServiceAccounts();

    assertThat(tasks).hasSize(d.projects().size() * d.domains().size());
    for (var domain : d.domains()) {
      assertThat(tasks).filteredOn(t -> t.domain().equals(domain.name()))
          .allSatisfy(t -> assertThat(t.identity()).isEqualTo(domain.taskIdentity().or(d::taskIdentity)))
          .allSatisfy(t -> assertThat(t.serviceAccount().subject()).isEqualTo("system:serviceaccount:" + t.project() + "-" + domain.name() + ":default"));
    }
  }
}
