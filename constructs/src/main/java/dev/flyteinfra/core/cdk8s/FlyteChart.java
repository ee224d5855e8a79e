package dev.flyteinfra.core.cdk8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.manifest.Manifest;
import dev.flyteinfra.core.manifest.ManifestWriter;
import dev.flyteinfra.core.model.FlyteDeployment;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.ApiObject;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.ApiObjectProps;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.JsonPatch;
import software.constructs.Construct;

/**
 * A cdk8s {@link Chart} holding the same objects the YAML writer writes, for cdk8s apps:
 *
 * <pre>{@code
 * App app = new App();
 * new FlyteChart(app, "flyte", deployment);
 * app.synth();
 * }</pre>
 *
 * Each object becomes an {@link ApiObject} with the object's own name, so cdk8s adds no name
 * hashes; maps are handed over sorted, so the synthesized YAML is deterministic.
 */
public class FlyteChart extends Chart {
  /**
   * @throws dev.flyteinfra.core.model.InvalidDeploymentException listing every problem of the description
   */
  public FlyteChart(Construct scope, String id, FlyteDeployment deployment) {
    this(scope, id, deployment, ChartProps.builder().build());
  }

  public FlyteChart(Construct scope, String id, FlyteDeployment deployment, ChartProps props) {
    this(scope, id, FlyteManifests.synthesize(deployment), props);
  }

  /**
   * One cluster of a multi-cluster deployment: {@code multiCluster.controlPlaneName} or a data
   * plane's name; a cdk8s app synthesizes one chart per cluster.
   *
   * @throws IllegalArgumentException when the deployment has no such cluster
   */
  public FlyteChart(Construct scope, String id, FlyteDeployment deployment, String cluster) {
    this(scope, id, clusterManifest(deployment, cluster), ChartProps.builder().build());
  }

  private FlyteChart(Construct scope, String id, Manifest manifest, ChartProps props) {
    super(scope, id, props);
    for (HasMetadata object : manifest.objects()) {
      add(object);
    }
  }

  private static Manifest clusterManifest(FlyteDeployment deployment, String cluster) {
    Map<String, Manifest> clusters = FlyteManifests.synthesizeClusters(deployment);
    Manifest manifest = clusters.get(cluster);
    if (manifest == null) {
      throw new IllegalArgumentException("no cluster '" + cluster + "' in " + deployment.name() + "; clusters: " + clusters.keySet());
    }
    return manifest;
  }

  private void add(HasMetadata object) {
    ObjectNode tree = ManifestWriter.toTree(object);
    JsonNode metadata = tree.path("metadata");
    ApiObjectMetadata.Builder meta = ApiObjectMetadata.builder().name(metadata.path("name").asText());
    if (metadata.has("namespace")) {
      meta.namespace(metadata.path("namespace").asText());
    }
    if (metadata.has("labels")) {
      meta.labels(stringMap(metadata.path("labels")));
    }
    if (metadata.has("annotations")) {
      meta.annotations(stringMap(metadata.path("annotations")));
    }
    ApiObject apiObject = new ApiObject(this, object.getKind() + "-" + object.getMetadata().getName(), ApiObjectProps.builder()
        .apiVersion(object.getApiVersion())
        .kind(object.getKind())
        .metadata(meta.build())
        .build());
    tree.fieldNames().forEachRemaining(field -> {
      if (!List.of("apiVersion", "kind", "metadata").contains(field)) {
        apiObject.addJsonPatch(JsonPatch.add("/" + field, ManifestWriter.plain(tree.get(field))));
      }
    });
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new TreeMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }
}
