package dev.flyteinfra.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.resources.ComponentResource;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.model.WorkloadIdentity;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.CloudRequirements.IdentityRequirement;
import dev.flyteinfra.core.plan.CloudRequirements.ServiceAccountRef;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.pulumi.PulumiPlan;
import dev.flyteinfra.pulumi.PulumiPlan.PlannedResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GkeIdentities builds Google service accounts from the identity requirements alone, whatever their shape. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GkeIdentitiesTest {
  @Test
  void anAccountIdFitsThirtyCharactersWithoutATrailingDash() {
    assertThat(GkeIdentities.accountId("flyte", "backend")).isEqualTo("flyte-backend");
    assertThat(GkeIdentities.accountId("a-very-long-deployment-name-x", "production")).isEqualTo("a-very-long-deploym-production");
    assertThat(GkeIdentities.accountId("flyte-", "backend")).isEqualTo("flyte-backend");
  }

  @Test
  void oneTaskIdentityOfNoDomainIsOneAccountWithItsBindingsAndBuckets() {
    FlyteGkeArgs args = FlyteGkeTest.args(Topology.BINARY).build();
    CloudRequirements planned = Plan.of(args.deployment()).cloudRequirements();
    IdentityRequirement tasks = new IdentityRequirement("tasks", CloudRequirements.Kind.TASKS, Optional.empty(), "Flyte tasks",
        List.of(new ServiceAccountRef(Plan.SINGLE_CLUSTER, "flyte-tasks", "task")), planned.identity("tasks-production").access());
    CloudRequirements requirements = new CloudRequirements(planned.buckets(), planned.databaseName(), planned.databaseUser(),
        List.of(planned.identity("backend"), tasks), planned.taskServiceAccounts());

    List<PlannedResource> plan = PulumiPlan.of("flyte", "test", ctx -> {
      ComponentResource parent = new ComponentResource("test:index:Parent", "parent");
      new GkeIdentities(parent, "flyte", "flyte", FlyteGkeTest.PROJECT, requirements,
          GkeBuckets.create(parent, "flyte", FlyteGkeTest.PROJECT, args, requirements.buckets()));
    }, new GcpPlanOutputs());

    assertThat(FlyteGkeTest.all(plan, "gcp:serviceaccount/account:Account")).extracting(r -> r.inputs().get("accountId"))
        .containsExactlyInAnyOrder("flyte-backend", "flyte-tasks");
    assertThat(FlyteGkeTest.one(plan, "gcp:serviceaccount/iAMMember:IAMMember", "flyte-tasks-flyte-tasks-task").inputs())
        .containsEntry("member", "serviceAccount:" + FlyteGkeTest.PROJECT + ".svc.id.goog[flyte-tasks/task]");
    assertThat(FlyteGkeTest.all(plan, "gcp:storage/bucketIAMMember:BucketIAMMember"))
        .filteredOn(r -> r.name().startsWith("flyte-tasks-")).hasSize(2 * 2);
    assertThat(FlyteGkeTest.all(plan, "gcp:serviceaccount/iAMMember:IAMMember")).extracting(PlannedResource::name)
        .contains("flyte-backend-signs-urls").doesNotContain("flyte-tasks-signs-urls");
  }

  @Test
  void theEmailsAreKnownBeforeTheAccountsExist() {
    FlyteGkeArgs args = FlyteGkeTest.args(Topology.CORE).build();
    CloudRequirements requirements = Plan.of(args.deployment()).cloudRequirements();
    Map<String, WorkloadIdentity> planned = plannedIdentities(requirements);

    assertThat(planned).containsEntry("backend", WorkloadIdentity.gcpServiceAccount("flyte-backend@acme-prod.iam.gserviceaccount.com"))
        .containsEntry("tasks-production", WorkloadIdentity.gcpServiceAccount("flyte-production@acme-prod.iam.gserviceaccount.com"));
  }

  private static Map<String, WorkloadIdentity> plannedIdentities(CloudRequirements requirements) {
    AtomicReference<Map<String, WorkloadIdentity>> result = new AtomicReference<>();
    PulumiPlan.of("flyte", "test", ctx -> {
      ComponentResource parent = new ComponentResource("test:index:Parent", "parent");
      result.set(new GkeIdentities(parent, "flyte", "flyte", FlyteGkeTest.PROJECT, requirements, Map.of())
          .planned("flyte", FlyteGkeTest.PROJECT));
    }, new GcpPlanOutputs());
    return result.get();
  }
}
