package dev.flyteinfra.core.flyte2;

import static dev.flyteinfra.core.manifest.KubeObjects.rule;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What Flyte 2's binary may do in the cluster, narrowed from the chart's one ClusterRole (write on
 * every Secret, pod and webhook configuration of the cluster) to what the Go source of 2.0.42
 * uses, each where it uses it:
 * <ul>
 *   <li>cluster-wide reads only: the executor's controller-runtime cache and its PodTemplate
 *       informer watch every namespace; the namespaces; its own MutatingWebhookConfiguration, which
 *       it registers at start (create cannot be limited by name; get, patch and update are);
 *   <li>in the task namespace: task pods, their logs, events, TaskActions (and Knative Services
 *       with app serving);
 *   <li>in Flyte's namespace: Secrets (the webhook's certificate, the secrets users store with
 *       {@code flyte create secret}) and events.
 * </ul>
 * Derived from the source, not from a running binary: a rule the binary needs beyond these shows
 * as a Forbidden error in its log.
 */
final class Flyte2Rbac {
  private static final String[] ALL = {"create", "delete", "get", "list", "patch", "update", "watch"};
  private static final String[] WRITE = {"create", "delete", "patch", "update"};
  private static final String[] READ = {"get", "list", "watch"};
  private static final List<String> CORE = List.of("");
  private static final List<String> EVENTS = List.of("", "events.k8s.io");
  private static final List<String> KNATIVE = List.of("services", "revisions", "configurations", "routes");

  private Flyte2Rbac() {}

  static List<HasMetadata> objects(Plan plan, Function<String, ObjectMeta> flyteMeta, Function<String, ObjectMeta> taskMeta) {
    boolean apps = plan.deployment().apps().isPresent();
    List<PolicyRule> cluster = new ArrayList<>(List.of(
        rule(CORE, List.of("namespaces", "pods", "podtemplates"), READ),
        rule(EVENTS, List.of("events"), READ),
        rule(List.of("flyte.org"), List.of("taskactions"), READ),
        rule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"), "create", "list", "watch"),
        namedRule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"),
            List.of(plan.nameWith("webhook")), "get", "patch", "update")));
    List<PolicyRule> tasks = new ArrayList<>(List.of(
        rule(CORE, List.of("pods"), WRITE),
        rule(CORE, List.of("pods/log"), "get"),
        rule(EVENTS, List.of("events"), WRITE),
        rule(List.of("flyte.org"), List.of("taskactions", "taskactions/status", "taskactions/finalizers"), ALL)));
    if (apps) {
      cluster.add(rule(List.of("serving.knative.dev"), KNATIVE, READ));
      tasks.add(rule(List.of("serving.knative.dev"), KNATIVE, WRITE));
    }
    List<PolicyRule> own = List.of(
        rule(CORE, List.of("secrets"), ALL),
        rule(EVENTS, List.of("events"), WRITE));
    String name = plan.clusterScopedName();
    return List.of(
        KubeObjects.clusterRole(flyteMeta.apply(name), cluster),
        KubeObjects.clusterRoleBinding(flyteMeta.apply(name), plan.name(), plan.namespace()),
        role(taskMeta.apply(plan.name()), tasks),
        binding(taskMeta.apply(plan.name()), plan),
        role(flyteMeta.apply(plan.name()), own),
        binding(flyteMeta.apply(plan.name()), plan));
  }

  /** A rule as {@link KubeObjects#rule} limited to named objects. */
  private static PolicyRule namedRule(List<String> groups, List<String> resources, List<String> names, String... verbs) {
    return new PolicyRuleBuilder(rule(groups, resources, verbs)).withResourceNames(names).build();
  }

  private static HasMetadata role(ObjectMeta meta, List<PolicyRule> rules) {
    return new RoleBuilder().withMetadata(meta).withRules(rules).build();
  }

  /** Binds the Role of the same name and namespace to the binary's service account (in Flyte's namespace). */
  private static HasMetadata binding(ObjectMeta meta, Plan plan) {
    return KubeObjects.roleBinding(meta, plan.name(), plan.namespace());
  }
}
