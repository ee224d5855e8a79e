package dev.flyteinfra.core.flytecore;

import static dev.flyteinfra.core.manifest.Workload.mount;

import dev.flyteinfra.core.auth.FlyteAuth;
import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workload;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.MultiCluster;
import dev.flyteinfra.core.plan.CloudRequirements;
import dev.flyteinfra.core.plan.Plan;
import dev.flyteinfra.core.plugins.PluginRbac;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every component of the core topology shares: the plan, the config it reads, auth, and the
 * pieces their pods have in common (metadata and selectors per component, service accounts,
 * credentials volumes, MinIO's environment). A component renders its objects in apply order.
 */
abstract class CoreComponent {
  /** Rules of the official chart's flyteadmin ClusterRole: it manages project namespaces and their contents. */
  static final List<PolicyRule> ADMIN_RULES = List.of(KubeObjects.rule(List.of("", "flyte.lyft.com", "rbac.authorization.k8s.io"),
      List.of("configmaps", "flyteworkflows", "namespaces", "pods", "resourcequotas", "roles", "rolebindings", "secrets",
          "services", "serviceaccounts", "spark-role", "limitranges"), "*"));

  static final String AUTH_VOLUME = "auth";

  final CoreContext context;
  final Plan plan;
  final FlyteDeployment d;
  final CoreConfig config;
  final Optional<FlyteAuth> auth;

  CoreComponent(CoreContext context) {
    this.context = context;
    this.plan = context.plan();
    this.d = plan.deployment();
    this.config = context.config();
    this.auth = context.auth();
  }

  /** This component's objects, in apply order. */
  abstract List<HasMetadata> objects();

  /** The shared inputs of every component, made once per rendering. */
  record CoreContext(Plan plan, CoreConfig config, Optional<FlyteAuth> auth) {
    static CoreContext of(Plan plan) {
      return new CoreContext(plan, new CoreConfig(plan), FlyteAuth.of(plan));
    }

    /** An object's metadata: its name, Flyte's namespace and the component's standard labels. */
    ObjectMeta meta(String name, String component) {
      ObjectMeta meta = new ObjectMeta();
      meta.setName(name);
      meta.setNamespace(plan.namespace());
      meta.setLabels(plan.labels().standard(component, component));
      return meta;
    }

    ConfigMap configMap(String name, String component, Map<String, String> data) {
      return KubeObjects.configMap(meta(name, component), data);
    }
  }

  String image(String component) {
    return plan.images().component(component);
  }

  ObjectMeta meta(String name, String component) {
    return context.meta(name, component);
  }

  Map<String, String> selector(String component) {
    return plan.labels().selector(component, component);
  }

  String clusterScoped(String component) {
    return plan.clusterScopedName() + "-" + component;
  }

  ConfigMap configMap(String name, String component, Map<String, String> data) {
    return context.configMap(name, component, data);
  }

  /**
   * A workload of this component named {@code name}, its pods running as {@code serviceAccount}
   * with the cloud identity's pod labels, spread over nodes.
   */
  Workload workload(String component, String name, String serviceAccount) {
    Workload workload = Workload.of(() -> meta(name, component), selector(component)).serviceAccount(serviceAccount).spreadOverNodes();
    d.identity().ifPresent(identity -> workload.podLabels(Plan.identityPodLabels(identity)));
    return workload;
  }

  /**
   * The ClusterRole {@code <cluster-scoped name>-<role>} with these rules and its binding to the
   * service account, labelled as {@code component}.
   */
  List<HasMetadata> clusterRole(String role, String component, String serviceAccount, List<PolicyRule> rules) {
    return List.of(KubeObjects.clusterRole(meta(clusterScoped(role), component), rules),
        KubeObjects.clusterRoleBinding(meta(clusterScoped(role), component), serviceAccount, plan.namespace()));
  }

  /**
   * FlyteAdmin's rules (its cluster-resource sync applies the namespace templates), and what the
   * plugins' templates need. FlytePropeller's rules already allow every kind the plugins create.
   */
  List<PolicyRule> adminRules() {
    List<PolicyRule> rules = new ArrayList<>(ADMIN_RULES);
    rules.addAll(PluginRbac.resourceSync(d.plugins()));
    return rules;
  }

  /**
   * A component's service account: the backend identity on those {@link CloudRequirements} lists
   * (the one place that says which), and an API token only for components that call the API.
   */
  HasMetadata serviceAccount(String component, String name) {
    ObjectMeta meta = meta(name, component);
    boolean cloudIdentity = CloudRequirements.CORE_IDENTITY_COMPONENTS.contains(component);
    if (cloudIdentity) {
      d.identity().ifPresent(identity -> meta.setAnnotations(Plan.serviceAccountAnnotations(identity)));
    }
    boolean callsApi = cloudIdentity || component.equals("pod-webhook") || component.equals("flyteadmin-access");
    return new ServiceAccountBuilder().withMetadata(meta).withAutomountServiceAccountToken(callsApi).build();
  }

  Volume dbPassword() {
    return Workloads.databaseCredentials(d.database());
  }

  /** One volume per data plane with its token and CA, for FlyteAdmin and syncresources. */
  List<Volume> credentialVolumes() {
    return d.multiCluster().map(MultiCluster::dataPlanes).orElse(List.of()).stream()
        .map(c -> KubeObjects.secretVolume("cluster-" + c.name(), c.credentialsSecret()))
        .toList();
  }

  List<VolumeMount> credentialMounts() {
    return d.multiCluster().map(MultiCluster::dataPlanes).orElse(List.of()).stream()
        .map(c -> mount("cluster-" + c.name(), CoreConfig.CREDENTIALS_DIR + "/" + c.name()))
        .toList();
  }

  /** The volumes, and with auth the service client's secret, which FlytePropeller and FlyteScheduler sign in with. */
  List<Volume> withServiceClientSecret(List<Volume> volumes) {
    List<Volume> all = new ArrayList<>(volumes);
    auth.ifPresent(a -> all.add(a.serviceClientSecret(AUTH_VOLUME)));
    return all;
  }

  List<VolumeMount> withAuthMounts(List<VolumeMount> mounts) {
    List<VolumeMount> all = new ArrayList<>(mounts);
    all.addAll(authMounts());
    return all;
  }

  /** Where Flyte reads its auth secrets, with auth. */
  List<VolumeMount> authMounts() {
    return auth.isPresent() ? List.of(mount(AUTH_VOLUME, FlyteAuth.SECRETS_DIR)) : List.of();
  }

  List<EnvVar> minioEnv() {
    return d.storage().minio().isPresent() ? Workloads.minioCredentials(d.storage().minio().get()) : List.of();
  }

  /** Flyte's components serve {@code /healthcheck} on their metrics (profiler) port. */
  static Probe metricsHealthcheck(int initialDelaySeconds, int failureThreshold) {
    return KubeObjects.httpProbe("/healthcheck", "http-metrics", initialDelaySeconds, failureThreshold);
  }

  /** The readiness probe of a component that serves {@code /healthcheck} on its metrics port. */
  static Probe metricsReadiness() {
    return metricsHealthcheck(10, 3);
  }

  /** The liveness probe of a component that serves {@code /healthcheck} on its metrics port. */
  static Probe metricsLiveness() {
    return metricsHealthcheck(30, 6);
  }
}
