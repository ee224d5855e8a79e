package dev.flyteinfra.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.CloudRequirements.IdentityRequirement;
import dev.flyteinfra.core.plan.CloudRequirements.ServiceAccountRef;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.pulumi.PulumiPlan;
import dev.flyteinfra.pulumi.PulumiPlan.PlannedResource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** AksIdentities builds user-assigned identities from the identity requirements alone, whatever their shape. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AksIdentitiesTest {
  static List<PlannedResource> plan(CloudRequirements requirements) {
    return PulumiPlan.of("flyte", "test", ctx -> {
      ComponentResource parent = new ComponentResource("test:index:Parent", "parent");
      Output<String> group = Output.of("flyte");
      new AksIdentities(parent, "flyte", group, "eastus", Output.of("https://issuer.example/"), Output.of(AzurePlanOutputs.SUBSCRIPTION),
          AksStorage.create(parent, "flyte", group, "eastus", "acmeflyte", requirements.buckets()), requirements);
    }, new AzurePlanOutputs());
  }

  @Test
  void oneTaskIdentityOfNoDomainIsOneIdentityFederatedWithItsServiceAccounts() {
    CloudRequirements planned = Plan.of(FlyteAksTest.deployment(Topology.BINARY)).cloudRequirements();
    IdentityRequirement tasks = new IdentityRequirement("tasks", CloudRequirements.Kind.TASKS, Optional.empty(), "Flyte tasks",
        List.of(new ServiceAccountRef(Plan.SINGLE_CLUSTER, "flyte-tasks", "task")), planned.identity("tasks-production").access());
    CloudRequirements requirements = new CloudRequirements(planned.buckets(), planned.databaseName(), planned.databaseUser(),
        List.of(planned.identity("backend"), tasks), planned.taskServiceAccounts());

    List<PlannedResource> plan = plan(requirements);

    assertThat(FlyteAksTest.all(plan, "azure-native:managedidentity:UserAssignedIdentity")).extracting(PlannedResource::name)
        .containsExactlyInAnyOrder("flyte-backend", "flyte-tasks");
    assertThat(FlyteAksTest.all(plan, "azure-native:managedidentity:FederatedIdentityCredential"))
        .filteredOn(c -> c.inputs().get("resourceName").equals("flyte-tasks")).singleElement()
        .satisfies(c -> assertThat(c.inputs()).containsEntry("subject", "system:serviceaccount:flyte-tasks:task")
            .containsEntry("issuer", "https://issuer.example/"));
    assertThat(FlyteAksTest.all(plan, "azure-native:authorization:RoleAssignment")).extracting(PlannedResource::name)
        .containsExactlyInAnyOrder("flyte-backend-blob-data", "flyte-tasks-blob-data");
  }

  @Test
  void anIdentityThatReachesNoBucketGetsNoBlobRole() {
    CloudRequirements planned = Plan.of(FlyteAksTest.deployment(Topology.BINARY)).cloudRequirements();
    IdentityRequirement backend = planned.identity("backend");
    IdentityRequirement noBuckets = new IdentityRequirement(backend.key(), backend.kind(), backend.domain(), backend.description(),
        backend.serviceAccounts(), new CloudRequirements.Access(new java.util.TreeSet<>(), false, Optional.empty(), Optional.empty()));
    CloudRequirements requirements = new CloudRequirements(planned.buckets(), planned.databaseName(), planned.databaseUser(),
        List.of(noBuckets), planned.taskServiceAccounts());

    assertThat(FlyteAksTest.all(plan(requirements), "azure-native:authorization:RoleAssignment")).isEmpty();
  }
}
