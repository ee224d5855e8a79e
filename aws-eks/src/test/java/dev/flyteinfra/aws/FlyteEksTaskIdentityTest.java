package dev.flyteinfra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableDomain;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.WorkloadIdentity;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Token;

/** Which task identity each domain's namespaces get from the EKS stack. */
class FlyteEksTaskIdentityTest {
  private static final String PRODUCTION_ROLE = "arn:aws:iam::123456789012:role/flyte-production-tasks";

  @Test
  void aDomainsOwnTaskRoleStaysItsOwnAndTheOthersGetTheStacksTaskRole() {
    // GIVEN a deployment whose production domain names its own task role, the others the default one
    FlyteDeployment given = ImmutableFlyteDeployment.copyOf(FlyteEksSynth.binary())
        .withTaskIdentity(WorkloadIdentity.awsRole("arn:aws:iam::123456789012:role/flyte-tasks")).withDomains(List.of(
        Domain.named("development"),
        ImmutableDomain.builder().name("production").taskIdentity(WorkloadIdentity.awsRole(PRODUCTION_ROLE)).build()));
    Stack stack = new Stack(new App(), "FlyteAws", StackProps.builder()
        .env(Environment.builder().account("123456789012").region("us-east-1").build()).build());

    // WHEN the stack builds it
    FlyteEks flyte = new FlyteEks(stack, "Flyte", FlyteEksProps.builder().deployment(given).build());

    // THEN it is valid, production keeps its role, and development gets the stack's task role
    assertThat(given.validate()).isEmpty();
    Map<String, String> roles = flyte.getDeployment().domains().stream().collect(Collectors.toMap(Domain::name,
        domain -> domain.taskIdentity().flatMap(WorkloadIdentity::awsRoleArn).orElseThrow()));
    assertThat(roles.get("production")).isEqualTo(PRODUCTION_ROLE);
    assertThat(Token.isUnresolved(roles.get("development"))).as("the stack's TaskRole, a token").isTrue();
  }
}
