package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.flytecore.CoreFixtures.container;
import static dev.flyteinfra.core.flytecore.CoreFixtures.context;
import static dev.flyteinfra.core.flytecore.CoreFixtures.core;
import static dev.flyteinfra.core.flytecore.CoreFixtures.deployment;
import static dev.flyteinfra.core.flytecore.CoreFixtures.initContainers;
import static dev.flyteinfra.core.flytecore.CoreFixtures.kinds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flyteinfra.core.model.ImmutableAutoscaling;
import dev.flyteinfra.core.model.ImmutableComponentSettings;
import dev.flyteinfra.core.model.ImmutableComponents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleComponentTest {
  @Test
  void theConsoleReadsItsEnvironmentFromItsConfigMapAndCanBeAutoscaled() {
    // GIVEN a core deployment whose console is autoscaled
    var d = core().components(ImmutableComponents.builder()
        .flyteconsole(ImmutableComponentSettings.builder().autoscaling(ImmutableAutoscaling.builder().build()).build()).build()).build();

    // WHEN the console is rendered
    List<HasMetadata> objects = new ConsoleComponent(context(d)).objects();

    // THEN the image's entry point reads the ConfigMap as environment, and the autoscaler owns the replicas
    assertThat(kinds(objects)).startsWith("ServiceAccount/flyte-flyteconsole", "ConfigMap/flyte-console-config",
        "Deployment/flyte-flyteconsole", "Service/flyte-flyteconsole").contains("HorizontalPodAutoscaler/flyte-flyteconsole");
    Deployment console = deployment(objects);
    assertThat(console.getSpec().getReplicas()).isNull();
    var main = container(console, "flyteconsole");
    assertThat(main.getCommand()).isEmpty();
    assertThat(main.getEnvFrom()).singleElement().satisfies(from -> assertThat(from.getConfigMapRef().getName()).isEqualTo("flyte-console-config"));
    assertThat(main.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(CoreConfig.CONSOLE);
    assertThat(ConsoleComponent.liveness().getInitialDelaySeconds()).isGreaterThan(ConsoleComponent.readiness().getInitialDelaySeconds());
  }
}
