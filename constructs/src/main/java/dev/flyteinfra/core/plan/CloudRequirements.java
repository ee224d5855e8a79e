package dev.flyteinfra.core.plan;

import dev.flyteinfra.core.model.DataPlaneCluster;
import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Generation;
import dev.flyteinfra.core.model.ImmutableDomain;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.MultiCluster;
import dev.flyteinfra.core.model.Notifications;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.model.TaskSecrets;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.model.WorkloadIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a cloud must provide for a deployment, read off the plan so that cloud modules never
 * guess: the buckets, the database, and the {@linkplain IdentityRequirement identities} — each
 * with a key, the exact Kubernetes service accounts that act as it (the subjects of IRSA trust
 * policies, Workload Identity bindings and Azure federated credentials: named as the official
 * chart names them when the deployment is installed with it) and what it may reach. A cloud
 * module builds one cloud identity per requirement (or, by its own rule, one per {@link Kind})
 * and hands the ids back by key through {@link #withIdentities}. Beside them, for the manifests,
 * the task service accounts of every project-domain namespace with the identity each acts as.
 */
public record CloudRequirements(
    SortedSet<String> buckets,
    String databaseName,
    String databaseUser,
    List<IdentityRequirement> identities,
    List<TaskServiceAccount> taskServiceAccounts) {

  /** Components of the core topology whose service accounts carry the backend identity. */
  public static final List<String> CORE_IDENTITY_COMPONENTS = List.of("flyteadmin", "datacatalog", "flytescheduler", "flytepropeller");
  /** The key of the backend's identity. */
  public static final String BACKEND = "backend";
  /** The key of the one task identity of a Flyte 2 deployment (Flyte 1's are {@code tasks-<domain>}). */
  public static final String TASKS = "tasks";

  /** A Kubernetes service account in one cluster ({@link Plan#SINGLE_CLUSTER} when there is one). */
  public record ServiceAccountRef(String cluster, String namespace, String name) {
    /** {@code system:serviceaccount:<namespace>:<name>}, as token subjects name it. */
    public String subject() {
      return "system:serviceaccount:" + namespace + ":" + name;
    }
  }

  /** Whose identity it is: Flyte's backend, or the tasks it runs. */
  public enum Kind { BACKEND, TASKS }

  /**
   * What an identity may reach, as the cloud modules grant it.
   *
   * @param buckets the buckets it reads and writes (objects, and listing the bucket)
   * @param signsUrls whether it signs upload and download URLs with its own identity (flyteadmin does)
   * @param notifications the notifications it publishes and processes, when the deployment sends them
   * @param taskSecrets the secret store and name prefix of the secrets it reads, when tasks read a cloud's
   */
  public record Access(SortedSet<String> buckets, boolean signsUrls, Optional<Notifications> notifications,
      Optional<TaskSecrets> taskSecrets) {}

  /**
   * One identity a cloud must create.
   *
   * @param key how the plan asks for it back: {@value #BACKEND}, {@code tasks-<domain>} (Flyte 1) or {@value #TASKS} (Flyte 2)
   * @param kind whose identity it is
   * @param domain the domain whose tasks act as it, for a per-domain task identity
   * @param description what it is for, in words, for the cloud's display names
   * @param serviceAccounts the Kubernetes service accounts that assume it
   * @param access what it may reach
   */
  public record IdentityRequirement(String key, Kind kind, Optional<String> domain, String description,
      List<ServiceAccountRef> serviceAccounts, Access access) {
    /** The shortest distinct name, for clouds whose identity names are short: the domain's name, else the key. */
    public String shortName() {
      return domain.orElse(key);
    }
  }

  /** The {@code default} service account of a project-domain namespace, and the identity it acts as. */
  public record TaskServiceAccount(String project, String domain, Optional<WorkloadIdentity> identity) {
    public String namespace() {
      return project + "-" + domain;
    }

    public ServiceAccountRef serviceAccount() {
      return new ServiceAccountRef(Plan.SINGLE_CLUSTER, namespace(), "default");
    }
  }

  /** The service accounts that act as the backend's identity. */
  public List<ServiceAccountRef> backendServiceAccounts() {
    return identity(BACKEND).serviceAccounts();
  }

  /** The identity requirement with this key. */
  public IdentityRequirement identity(String key) {
    return identities.stream().filter(identity -> identity.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no identity " + key + " among " + keys()));
  }

  private List<String> keys() {
    return identities.stream().map(IdentityRequirement::key).toList();
  }

  /**
   * The deployment with the cloud's identities, given back by key: the backend's as
   * {@code identity}, a domain's task identity as that domain's {@code taskIdentity}, a task
   * identity of no domain as {@code taskIdentity}.
   *
   * @throws IllegalArgumentException when a required identity is missing
   */
  public FlyteDeployment withIdentities(FlyteDeployment d, Map<String, WorkloadIdentity> byKey) {
    ImmutableFlyteDeployment result = ImmutableFlyteDeployment.copyOf(d);
    List<Domain> domains = new ArrayList<>(d.domains());
    for (IdentityRequirement requirement : identities) {
      WorkloadIdentity identity = byKey.get(requirement.key());
      if (identity == null) {
        throw new IllegalArgumentException("no identity given for " + requirement.key() + ": give one for each of " + keys());
      }
      if (requirement.kind() == Kind.BACKEND) {
        result = result.withIdentity(identity);
      } else if (requirement.domain().isEmpty()) {
        result = result.withTaskIdentity(identity);
      } else {
        for (int i = 0; i < domains.size(); i++) {
          if (domains.get(i).name().equals(requirement.domain().get())) {
            domains.set(i, ImmutableDomain.copyOf(domains.get(i)).withTaskIdentity(identity));
          }
        }
      }
    }
    return result.withDomains(domains);
  }

  static CloudRequirements of(Plan plan) {
    FlyteDeployment d = plan.deployment();
    SortedSet<String> buckets = new TreeSet<>(List.of(d.storage().metadataBucket(), d.storage().effectiveUserDataBucket()));
    List<TaskServiceAccount> tasks = new ArrayList<>();
    for (Project project : d.projects()) {
      for (Domain domain : d.domains()) {
        tasks.add(new TaskServiceAccount(project.name(), domain.name(), domain.taskIdentity().or(d::taskIdentity)));
      }
    }
    List<IdentityRequirement> identities = new ArrayList<>();
    identities.add(new IdentityRequirement(BACKEND, Kind.BACKEND, Optional.empty(), "Flyte backend of " + d.name(),
        backendServiceAccounts(plan), new Access(buckets, true, d.notifications(), Optional.empty())));
    if (plan.generation() == Generation.FLYTE_2) {
      // Flyte 2 runs every task as one service account in one namespace: one task identity, no per-namespace accounts.
      identities.add(new IdentityRequirement(TASKS, Kind.TASKS, Optional.empty(), "Flyte tasks of " + d.name(),
          List.of(new ServiceAccountRef(Plan.SINGLE_CLUSTER, plan.taskNamespace(), plan.taskServiceAccount())),
          new Access(buckets, false, Optional.empty(), Optional.empty())));
      return new CloudRequirements(buckets, d.database().dbname(), d.database().username(), List.copyOf(identities), List.of());
    }
    Optional<TaskSecrets> taskSecrets = Optional.of(d.taskSecrets())
        .filter(s -> s.backend() == TaskSecrets.Backend.AWS || s.backend() == TaskSecrets.Backend.GCP);
    // One task identity per domain: every project's namespace of the domain acts as it.
    for (Domain domain : d.domains()) {
      identities.add(new IdentityRequirement("tasks-" + domain.name(), Kind.TASKS, Optional.of(domain.name()),
          "Flyte tasks of domain " + domain.name(),
          tasks.stream().filter(t -> t.domain().equals(domain.name())).map(TaskServiceAccount::serviceAccount).toList(),
          new Access(buckets, false, Optional.empty(), taskSecrets)));
    }
    return new CloudRequirements(buckets, d.database().dbname(), d.database().username(), List.copyOf(identities), List.copyOf(tasks));
  }

  private static List<ServiceAccountRef> backendServiceAccounts(Plan plan) {
    FlyteDeployment d = plan.deployment();
    List<ServiceAccountRef> backend = new ArrayList<>();
    if (d.topology() != Topology.CORE) {
      backend.add(new ServiceAccountRef(Plan.SINGLE_CLUSTER, plan.namespace(), plan.name()));
    } else {
      Optional<MultiCluster> multi = d.multiCluster();
      String control = multi.map(MultiCluster::controlPlaneName).orElse(Plan.SINGLE_CLUSTER);
      for (String component : CORE_IDENTITY_COMPONENTS) {
        if (!component.equals("flytepropeller")) {
          backend.add(new ServiceAccountRef(control, plan.namespace(), plan.componentName(component)));
        }
      }
      List<String> propellerClusters = multi.map(m -> m.dataPlanes().stream().map(DataPlaneCluster::name).toList())
          .orElse(List.of(Plan.SINGLE_CLUSTER));
      propellerClusters.forEach(cluster -> backend.add(new ServiceAccountRef(cluster, plan.namespace(), plan.componentName("flytepropeller"))));
    }
    return List.copyOf(backend);
  }
}
