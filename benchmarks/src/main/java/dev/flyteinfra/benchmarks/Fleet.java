package dev.flyteinfra.benchmarks;

import dev.flyteinfra.core.model.DataPlaneCluster;
import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.ImmutableDataPlaneCluster;
import dev.flyteinfra.core.model.ImmutableDomain;
import dev.flyteinfra.core.model.ImmutableFlyteDeployment;
import dev.flyteinfra.core.model.ImmutableMultiCluster;
import dev.flyteinfra.core.model.ImmutableProject;
import dev.flyteinfra.core.model.ImmutableQuota;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.model.Quota;
import dev.flyteinfra.stacks.config.ConfigLoader;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A fleet of the given size built from {@code examples/core-multicluster.yaml}: one control plane,
 * {@code dataPlanes} data-plane clusters (every other one labelled {@code gpu}) and
 * {@code projectDomains} project-domain namespaces, as projects × the two domains
 * {@code development} and {@code production}, each project with its own quotas.
 */
final class Fleet {
  static final List<String> DOMAINS = List.of("development", "production");

  private Fleet() {}

  static FlyteDeployment of(int dataPlanes, int projectDomains) {
    if (projectDomains % DOMAINS.size() != 0) {
      throw new IllegalArgumentException("project-domains must be a multiple of " + DOMAINS.size() + ": " + projectDomains);
    }
    FlyteDeployment base = ConfigLoader.load(Workspace.example("core-multicluster"));
    List<DataPlaneCluster> clusters = IntStream.rangeClosed(1, dataPlanes)
        .<DataPlaneCluster>mapToObj(i -> ImmutableDataPlaneCluster.builder()
            .name(String.format("dp-%03d", i))
            .endpoint(String.format("https://dp-%03d.eks.example.com", i))
            .credentialsSecret(String.format("dp-%03d-credentials", i))
            .labels(i % 2 == 0 ? List.of("gpu") : List.of())
            .build())
        .toList();
    // Every project with quotas of its own in both domains, as teams get them: a flytectl file each.
    Quota quota = ImmutableQuota.builder().cpu("16").memory("64Gi").build();
    List<Project> projects = IntStream.rangeClosed(1, projectDomains / DOMAINS.size())
        .<Project>mapToObj(i -> ImmutableProject.builder().name(String.format("project-%04d", i))
            .putQuotas(DOMAINS.get(0), quota).putQuotas(DOMAINS.get(1), quota).build())
        .toList();
    return ImmutableFlyteDeployment.copyOf(base)
        .withMultiCluster(ImmutableMultiCluster.copyOf(base.multiCluster().orElseThrow()).withDataPlanes(clusters))
        .withDomains(DOMAINS.stream().<Domain>map(name -> ImmutableDomain.builder().name(name)
            .quota(ImmutableQuota.builder().cpu("8").memory("32Gi").build()).build()).toList())
        .withProjects(projects)
        .requireValid();
  }
}
