package dev.flyteinfra.core.model;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rules of {@code domains:} ({@link Domain}) and {@code projects:} ({@link Project}), whose namespaces they make together. */
final class DomainChecks {
  /** Longest domain name Flyte adds to a project to make a namespace ({@code -development}). */
  private static final int LONGEST_DOMAIN_SUFFIX = "-development".length();

  private DomainChecks() {}

  static void checkDomains(Checks c, FlyteDeployment deployment) {
    List<Domain> domains = deployment.domains();
    if (domains.isEmpty()) {
      c.add("", "is empty", "list at least one domain, e.g. development");
    }
    Set<String> seen = new HashSet<>();
    long withQuota = domains.stream().filter(domain -> domain.quota().isPresent()).count();
    long withGpu = domains.stream().filter(domain -> domain.quota().flatMap(Quota::gpu).isPresent()).count();
    for (int i = 0; i < domains.size(); i++) {
      Domain domain = domains.get(i);
      Checks item = c.item(i);
      if (item.required("name", domain.name(), "name the domain, e.g. production")
          && item.matches("name", domain.name(), Checks.DNS_1123_LABEL, 30, "a DNS-1123 label")
          && !seen.add(domain.name())) {
        item.add("name", "'" + domain.name() + "' is listed twice", "remove the duplicate");
      }
      if (domain.quota().isEmpty() && withQuota > 0) {
        item.add("quota", "is missing while other domains have one",
            "give every domain a quota: the ResourceQuota template reads each domain's values");
      }
      domain.taskIdentity().ifPresent(identity -> {
        IdentityChecks.check(item.at("taskIdentity"), identity);
        Optional<WorkloadIdentity> other = deployment.taskIdentity().or(() -> domains.stream()
            .flatMap(x -> x.taskIdentity().stream()).findFirst());
        if (other.isPresent() && !IdentityChecks.cloudOf(identity).equals(IdentityChecks.cloudOf(other.get()))) {
          item.add("taskIdentity", "names another cloud's identity than the other task identities",
              "use one cloud for every domain: the namespace template has one annotation key");
        }
        if (deployment.taskIdentity().isEmpty() && domains.stream().anyMatch(x -> x.taskIdentity().isEmpty())) {
          item.add("taskIdentity", "is set for some domains only, and taskIdentity is not set",
              "set taskIdentity as the default, or a taskIdentity on every domain");
        }
      });
      domain.quota().ifPresent(quota -> {
        Checks q = item.at("quota");
        q.quantity("cpu", quota.cpu());
        q.quantity("memory", quota.memory());
        quota.gpu().filter(gpu -> !gpu.matches("\\d+")).ifPresent(gpu ->
            q.add("gpu", "'" + gpu + "' is not a whole number of GPUs", "write a count such as \"4\""));
        if (quota.gpu().isEmpty() && withGpu > 0) {
          q.add("gpu", "is missing while other domains count GPUs", "give every domain a GPU count, \"0\" for none");
        }
      });
    }
  }

  static void checkProjects(Checks c, List<Project> projects, List<Domain> domains) {
    int longestSuffix = domains.stream().map(Domain::name).filter(n -> n != null).mapToInt(n -> n.length() + 1).max()
        .orElse(LONGEST_DOMAIN_SUFFIX);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < projects.size(); i++) {
      Checks item = c.item(i);
      String name = projects.get(i).name();
      if (item.required("name", name, "name the project, e.g. flytesnacks")
          && item.matches("name", name, Checks.DNS_1123_LABEL, 63 - longestSuffix,
              "a DNS-1123 label short enough for the namespace <project>-<domain>")
          && !seen.add(name)) {
        item.add("name", "'" + name + "' is listed twice", "remove the duplicate");
      }
      if (name != null) {
        domains.stream().map(Domain::name).filter(domain -> domain != null && Namespaces.isReserved(name + "-" + domain))
            .findFirst().ifPresent(domain -> item.add("name", "makes the namespace " + name + "-" + domain
                + ", which Kubernetes keeps for itself", "choose a project name that does not start with kube"));
      }
      checkProjectQuotas(item.at("quotas"), projects.get(i), domains);
    }
  }

  /** A project's quota overrides a domain's template values, so the domain must have that template. */
  private static void checkProjectQuotas(Checks c, Project project, List<Domain> domains) {
    project.quotas().forEach((domainName, quota) -> {
      Checks q = c.at(domainName);
      Optional<Domain> domain = domains.stream().filter(d -> domainName.equals(d.name())).findFirst();
      if (domain.isEmpty()) {
        q.add("", "'" + domainName + "' is not a domain", "use one of the names in domains");
        return;
      }
      if (domain.get().quota().isEmpty()) {
        q.add("", "overrides a quota the domain does not have",
            "give domain " + domainName + " a quota too: its ResourceQuota template is what this overrides");
        return;
      }
      q.quantity("cpu", quota.cpu());
      q.quantity("memory", quota.memory());
      if (quota.gpu().isPresent() != domain.get().quota().flatMap(Quota::gpu).isPresent()) {
        q.add("gpu", quota.gpu().isPresent() ? "is set but the domain counts no GPUs" : "is missing while the domain counts GPUs",
            "count GPUs in both the domain's and the project's quota, or in neither");
      }
    });
  }
}
