package dev.flyteinfra.core.flytecore;

import dev.flyteinfra.core.config.FlyteConfigSections;
import dev.flyteinfra.core.flytecore.CoreComponent.CoreContext;
import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.model.DataPlaneCluster;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.MultiCluster;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code core} topology: what the official flyte-core chart renders — flyteadmin with its
 * migrations and cluster-resource sync, syncresources, datacatalog, flytescheduler,
 * flytepropeller (or flytepropeller-manager with sharding), the pod webhook, flyteconsole, the
 * FlyteWorkflow CRD and the Ingresses — hardened like the binary, plus what production needs and
 * the chart leaves out: a PodDisruptionBudget for every component with more than one replica and
 * HorizontalPodAutoscalers for flyteadmin and flyteconsole. With {@code multiCluster}, one
 * manifest for the control plane and one per data plane.
 *
 * <p>Each component is a class of its own ({@link AdminComponent}, {@link PropellerComponent}, …);
 * this class lists them per cluster and adds their objects in apply order.
 */
public final class CoreTopology {
  private final Plan plan;
  private final FlyteDeployment d;
  private final CoreContext context;

  private CoreTopology(Plan plan) {
    this.plan = plan;
    this.d = plan.deployment();
    this.context = CoreContext.of(plan);
  }

  /** Cluster name → its objects in apply order; {@link Plan#SINGLE_CLUSTER} without multi-cluster. */
  public static Map<String, List<HasMetadata>> render(Plan plan) {
    return new CoreTopology(plan).clusters();
  }

  private Map<String, List<HasMetadata>> clusters() {
    Map<String, List<HasMetadata>> clusters = new LinkedHashMap<>();
    Optional<MultiCluster> multi = d.multiCluster();
    if (multi.isEmpty()) {
      List<HasMetadata> all = new ArrayList<>(List.of(namespace(), FlyteWorkflowCrd.crd(plan)));
      addAll(all, controlPlane());
      addAll(all, dataPlane(Optional.empty()));
      addAll(all, ingresses());
      clusters.put(Plan.SINGLE_CLUSTER, all);
      return clusters;
    }
    List<HasMetadata> control = new ArrayList<>(List.of(namespace()));
    addAll(control, controlPlane());
    addAll(control, ingresses());
    clusters.put(multi.get().controlPlaneName(), control);
    for (DataPlaneCluster cluster : multi.get().dataPlanes()) {
      List<HasMetadata> objects = new ArrayList<>(List.of(namespace(), FlyteWorkflowCrd.crd(plan)));
      addAll(objects, List.of(new AdminAccess(context)));
      addAll(objects, dataPlane(Optional.of(cluster)));
      clusters.put(cluster.name(), objects);
    }
    return clusters;
  }

  private static void addAll(List<HasMetadata> objects, List<CoreComponent> components) {
    components.forEach(component -> objects.addAll(component.objects()));
  }

  private HasMetadata namespace() {
    return KubeObjects.restrictedNamespace(plan.namespace(), plan.labels().standard("flyte", "namespace"));
  }

  /** The control plane's components, in apply order. */
  private List<CoreComponent> controlPlane() {
    // flyteadmin's first sync and syncresources apply the same templates.
    ConfigMap templates = context.configMap(plan.nameWith("clusterresource-template"), AdminComponent.COMPONENT,
        FlyteConfigSections.clusterResourceTemplates(d));
    return List.of(
        new AdminComponent(context, templates),
        new SyncResourcesComponent(context, templates),
        new DataCatalogComponent(context),
        new SchedulerComponent(context),
        new ConsoleComponent(context));
  }

  /** A data plane's components (of the one cluster without multi-cluster), in apply order. */
  private List<CoreComponent> dataPlane(Optional<DataPlaneCluster> cluster) {
    // The webhook reads propeller's config too.
    ConfigMap propellerConfig = context.configMap(plan.nameWith("propeller-config"), PropellerComponent.COMPONENT,
        context.config().propeller(cluster));
    return List.of(new PropellerComponent(context, propellerConfig), new PodWebhookComponent(context, propellerConfig));
  }

  private List<CoreComponent> ingresses() {
    return d.ingress().<List<CoreComponent>>map(ingress -> List.of(new CoreIngresses(context, ingress))).orElse(List.of());
  }
}
