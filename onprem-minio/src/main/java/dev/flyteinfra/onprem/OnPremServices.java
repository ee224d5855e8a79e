package dev.flyteinfra.onprem;

import dev.flyteinfra.core.plan.InClusterServices;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-cluster Postgres and MinIO of a deployment that has no cloud services (topology sandbox,
 * {@code database.inCluster}, {@code storage.minio.inCluster}): the credentials Job first, then
 * each server. Found by {@link InClusterServices#load()} through {@link java.util.ServiceLoader}.
 */
public final class OnPremServices implements InClusterServices {
  @Override
  public List<HasMetadata> render(Plan plan) {
    OnPremObjects objects = new OnPremObjects(plan);
    List<HasMetadata> rendered = new ArrayList<>(new CredentialsJob(objects).render());
    if (plan.runsPostgres()) {
      rendered.addAll(new PostgresServer(objects).render());
    }
    if (plan.runsMinio()) {
      rendered.addAll(new MinioServer(objects).render());
    }
    return rendered;
  }
}
