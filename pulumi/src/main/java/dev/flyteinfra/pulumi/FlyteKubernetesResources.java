package dev.flyteinfra.pulumi;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import dev.flyteinfra.core.FlyteManifests;
import dev.flyteinfra.core.manifest.ManifestWriter;
import dev.flyteinfra.core.model.FlyteDeployment;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Flyte's Kubernetes objects as Pulumi resources of one Kubernetes provider. The objects are
 * synthesized by the core inside {@code Output.apply}, from a deployment whose cloud values
 * (database address, service account emails, client ids) are only known once the cloud
 * resources exist; which objects there are is read off a {@code shape} of the same deployment
 * with those values left as placeholders, so that every object is a resource of the plan.
 */
public final class FlyteKubernetesResources {
  private FlyteKubernetesResources() {}

  /**
   * Registers every object of the deployment, Namespaces first and everything else after them.
   *
   * @param prefix prefixes each resource name ({@code <prefix>-<namespace>/<name>})
   * @param shape the deployment with placeholders where {@code deployment} has cloud values
   * @param deployment the deployment as it will be applied
   * @param parent the component the objects belong to
   * @param provider the Kubernetes provider of the target cluster
   * @param prerequisites given the Namespaces, creates what must exist before the other objects
   *     (the Secrets the pods mount) and returns it
   */
  public static List<KubernetesObject> register(String prefix, FlyteDeployment shape, Output<FlyteDeployment> deployment,
      Resource parent, ProviderResource provider, Function<List<KubernetesObject>, List<? extends Resource>> prerequisites) {
    List<HasMetadata> planned = FlyteManifests.synthesize(shape).objects();
    Output<Map<String, Map<String, Object>>> rendered = deployment.applyValue(applied -> byKey(applied, planned));
    List<KubernetesObject> namespaces = new ArrayList<>();
    for (HasMetadata object : planned) {
      if (isNamespace(object)) {
        namespaces.add(resource(prefix, object, rendered,
            CustomResourceOptions.builder().parent(parent).provider(provider).build()));
      }
    }
    List<Resource> before = new ArrayList<>(namespaces);
    before.addAll(prerequisites.apply(List.copyOf(namespaces)));
    CustomResourceOptions afterNamespaces = CustomResourceOptions.builder().parent(parent).provider(provider)
        .dependsOn(List.copyOf(before)).build();
    List<KubernetesObject> all = new ArrayList<>(namespaces);
    for (HasMetadata object : planned) {
      if (!isNamespace(object)) {
        all.add(resource(prefix, object, rendered, afterNamespaces));
      }
    }
    return all;
  }

  private static boolean isNamespace(HasMetadata object) {
    return "Namespace".equals(object.getKind());
  }

  /** The object as a resource whose every field comes from its rendering. */
  private static KubernetesObject resource(String prefix, HasMetadata object, Output<Map<String, Map<String, Object>>> rendered,
      CustomResourceOptions options) {
    String key = key(object);
    Map<String, Output<Object>> body = new LinkedHashMap<>();
    ManifestWriter.toPlainMap(object).keySet().stream()
        .filter(field -> !field.equals("apiVersion") && !field.equals("kind"))
        .forEach(field -> body.put(field, rendered.applyValue(objects -> objects.get(key).get(field))));
    return new KubernetesObject(prefix + "-" + key, object.getApiVersion(), object.getKind(), body, options);
  }

  /** The value with every number as a type Pulumi serializes (it takes Integer and Double, not Long). */
  static Object serializable(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach((k, v) -> result.put(String.valueOf(k), serializable(v)));
      return result;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(FlyteKubernetesResources::serializable).toList();
    }
    if (value instanceof Number number && !(value instanceof Integer) && !(value instanceof Double)) {
      long whole = number.longValue();
      return whole == number.doubleValue() && whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE
          ? (Object) (int) whole : (Object) number.doubleValue();
    }
    return value;
  }

  /** The applied deployment's objects by key; the same objects as the shape's, or the shape was not one of it. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> byKey(FlyteDeployment applied, List<HasMetadata> planned) {
    Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
    for (HasMetadata object : FlyteManifests.synthesize(applied).objects()) {
      objects.put(key(object), (Map<String, Object>) serializable(ManifestWriter.toPlainMap(object)));
    }
    List<String> expected = planned.stream().map(FlyteKubernetesResources::key).toList();
    if (!objects.keySet().equals(new LinkedHashSet<>(expected))) {
      throw new IllegalStateException("the deployment's objects " + objects.keySet() + " differ from its shape's " + expected);
    }
    return objects;
  }

  /** {@code <Kind>/<namespace>/<name>}, or {@code <Kind>/<name>} for cluster-scoped objects: unique in one cluster. */
  static String key(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return object.getKind().toLowerCase(Locale.ROOT) + "/" + (namespace == null ? "" : namespace + "/")
        + object.getMetadata().getName();
  }
}
