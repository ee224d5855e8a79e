package dev.flyteinfra.core.plan;

import dev.flyteinfra.core.model.DataPlaneCluster;
import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.MultiCluster;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.model.Topology;
import dev.flyteinfra.core.model.WorkloadIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a cloud must provide for a deployment, read off the plan so that cloud modules never
 * guess: the buckets, the database, the exact Kubernetes service accounts of Flyte's backend
 * that act as {@code identity} (the subjects of IRSA trust policies, Workload Identity bindings
 * and Azure federated credentials: named as the official chart names them when the deployment is
 * installed with it), and the task service accounts of every project-domain
 * namespace with the identity each acts as.
 */
public record CloudRequirements(
    SortedSet<String> buckets,
    String databaseName,
    String databaseUser,
    List<ServiceAccountRef> backendServiceAccounts,
    List<TaskServiceAccount> taskServiceAccounts) {

  /** Components of the core topology whose service accounts carry the backend identity. */
  public static final List<String> CORE_IDENTITY_COMPONENTS = List.of("flyteadmin", "datacatalog", "flytescheduler", "flytepropeller");

  /** A Kubernetes service account in one cluster ({@link Plan#SINGLE_CLUSTER} when there is one). */
  public record ServiceAccountRef(String cluster, String namespace, String name) {
    /** {@code system:serviceaccount:<namespace>:<name>}, as token subjects name it. */
    public String subject() {
      return "system:serviceaccount:" + namespace + ":" + name;
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

  /** The task service accounts of one domain, in every project. */
  public List<ServiceAccountRef> taskServiceAccountsOf(String domain) {
    return taskServiceAccounts.stream().filter(task -> task.domain().equals(domain))
        .map(TaskServiceAccount::serviceAccount).toList();
  }

  static CloudRequirements of(Plan plan) {
    FlyteDeployment d = plan.deployment();
    SortedSet<String> buckets = new TreeSet<>(List.of(d.storage().metadataBucket(), d.storage().effectiveUserDataBucket()));
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
    List<TaskServiceAccount> tasks = new ArrayList<>();
    for (Project project : d.projects()) {
      for (Domain domain : d.domains()) {
        tasks.add(new TaskServiceAccount(project.name(), domain.name(), domain.taskIdentity().or(d::taskIdentity)));
      }
    }
    return new CloudRequirements(buckets, d.database().dbname(), d.database().username(), List.copyOf(backend), List.copyOf(tasks));
  }
}
