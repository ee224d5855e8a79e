package dev.flyteinfra.pulumi;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Kubernetes object of any kind, registered with the Pulumi Kubernetes provider under its
 * own type token ({@code kubernetes:apps/v1:Deployment}, {@code kubernetes:core/v1:ConfigMap}),
 * as the provider's generic custom resource does in the other Pulumi languages: the provider
 * creates, diffs and awaits it like the typed resource of that kind.
 */
public final class KubernetesObject extends CustomResource {
  /**
   * @param name the Pulumi name, unique in the stack
   * @param apiVersion e.g. {@code apps/v1}
   * @param kind e.g. {@code Deployment}
   * @param body the object's other top-level fields, each possibly unknown until deployment
   */
  public KubernetesObject(String name, String apiVersion, String kind, Map<String, Output<Object>> body,
      CustomResourceOptions options) {
    super(typeToken(apiVersion, kind), name, new Args(apiVersion, kind, body), options);
  }

  /** {@code kubernetes:<group or core>/<version>:<Kind>}, the provider's token for the kind. */
  public static String typeToken(String apiVersion, String kind) {
    return "kubernetes:" + (apiVersion.contains("/") ? apiVersion : "core/" + apiVersion) + ":" + kind;
  }

  /**
   * The object's fields as resource inputs: one per top-level field a Kubernetes object can have,
   * null where the kind has none. Pulumi reads the inputs from the
   * fields' {@link Import} names, and so does the constructor.
   */
  static final class Args extends ResourceArgs {
    @Import(name = "apiVersion") private Output<Object> apiVersion;
    @Import(name = "kind") private Output<Object> kind;
    @Import(name = "metadata") private Output<Object> metadata;
    @Import(name = "spec") private Output<Object> spec;
    @Import(name = "data") private Output<Object> data;
    @Import(name = "stringData") private Output<Object> stringData;
    @Import(name = "binaryData") private Output<Object> binaryData;
    @Import(name = "type") private Output<Object> type;
    @Import(name = "immutable") private Output<Object> immutable;
    @Import(name = "rules") private Output<Object> rules;
    @Import(name = "roleRef") private Output<Object> roleRef;
    @Import(name = "subjects") private Output<Object> subjects;
    @Import(name = "aggregationRule") private Output<Object> aggregationRule;
    @Import(name = "webhooks") private Output<Object> webhooks;
    @Import(name = "automountServiceAccountToken") private Output<Object> automountServiceAccountToken;
    @Import(name = "secrets") private Output<Object> secrets;
    @Import(name = "imagePullSecrets") private Output<Object> imagePullSecrets;
    @Import(name = "value") private Output<Object> value;
    @Import(name = "globalDefault") private Output<Object> globalDefault;
    @Import(name = "description") private Output<Object> description;
    @Import(name = "preemptionPolicy") private Output<Object> preemptionPolicy;

    Args(String apiVersion, String kind, Map<String, Output<Object>> body) {
      Map<String, Output<?>> fields = new LinkedHashMap<>(body);
      fields.put("apiVersion", Output.of(apiVersion));
      fields.put("kind", Output.of(kind));
      for (Field field : Args.class.getDeclaredFields()) {
        Import input = field.getAnnotation(Import.class);
        if (input != null) {
          try {
            field.set(this, fields.remove(input.name()));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("setting input " + input.name(), e);
          }
        }
      }
      if (!fields.isEmpty()) {
        throw new IllegalArgumentException(kind + " has a field this resource cannot carry: " + fields.keySet().iterator().next());
      }
    }
  }
}
