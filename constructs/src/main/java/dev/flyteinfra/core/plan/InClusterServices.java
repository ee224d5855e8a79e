package dev.flyteinfra.core.plan;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Renders the Postgres and MinIO a deployment runs in its cluster ({@code database.inCluster},
 * {@code storage.minio.inCluster}, topology sandbox), with the Jobs that generate their
 * credentials and create the buckets. The {@code flyte-infra-onprem-minio} module provides it:
 * having that jar on the class path is all it takes.
 */
public interface InClusterServices {
  /** Every object of the in-cluster services the plan asks for, in apply order. */
  List<HasMetadata> render(Plan plan);

  /**
   * The provider on the class path.
   *
   * @throws IllegalStateException naming the module to add, when there is none
   */
  static InClusterServices load() {
    return ServiceLoader.load(InClusterServices.class, InClusterServices.class.getClassLoader()).findFirst()
        .orElseThrow(() -> new IllegalStateException("this deployment runs Postgres or MinIO in the cluster, which the module "
            + "dev.flyteinfra:flyte-infra-onprem-minio renders: add it to the class path (the flyte-infra CLI includes it)"));
  }
}
