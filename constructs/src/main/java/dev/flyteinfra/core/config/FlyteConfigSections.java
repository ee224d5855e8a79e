package dev.flyteinfra.core.config;

import static dev.flyteinfra.core.config.ConfigTree.map;

import dev.flyteinfra.core.manifest.Yaml;
import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.model.Quota;
import dev.flyteinfra.core.model.TaskLogs;
import dev.flyteinfra.core.model.WorkloadIdentity;
import dev.flyteinfra.core.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sections of Flyte's configuration that every topology shares, in Flyte's own key names:
 * database, storage, task plugins, task log links, cluster resources and logger. Each method
 * returns a map for one top-level section (or a few), ready to be written as a config file.
 */
public final class FlyteConfigSections {
  /** Task plugins every Flyte 1.16 deployment enables. */
  public static final List<String> DEFAULT_PLUGINS = List.of("container", "sidecar", "k8s-array", "connector-service", "echo");

  private static final String CLOUDWATCH_TEMPLATE = "https://console.aws.amazon.com/cloudwatch/home?region=%s"
      + "#logEventViewer:group=%s;stream=var.log.containers.{{ .podName }}_{{ .namespace }}_{{ .containerName }}-{{ .containerId }}.log";
  private static final String STACKDRIVER_TEMPLATE = "https://console.cloud.google.com/logs/query;query="
      + "resource.labels.namespace_name%%3D%%22{{.namespace}}%%22%%0Aresource.labels.pod_name%%3D%%22{{.podName}}%%22"
      + "%%0Aresource.labels.container_name%%3D%%22{{.containerName}}%%22?project=%s"
      + "&angularJsUrl=%%2Flogs%%2Fviewer%%3Fproject%%3D%s";

  private static final String QUOTA_CPU = "projectQuotaCpu";
  private static final String QUOTA_MEMORY = "projectQuotaMemory";
  private static final String QUOTA_GPU = "projectQuotaGpu";

  private FlyteConfigSections() {}

  /** {@code database.postgres}, the password read from the mounted Secret file. */
  public static Map<String, Object> database(PostgresDatabase db) {
    return map("database", map("postgres", map(
        "host", db.host(),
        "port", db.port(),
        "dbname", db.dbname(),
        "username", db.username(),
        "passwordPath", Plan.DB_PASSWORD_DIR + "/" + Plan.DB_PASSWORD_FILE,
        "options", db.options())));
  }

  /** {@code storage}: one stow backend for every provider, and the download limit the charts set. */
  public static Map<String, Object> storage(ObjectStore store) {
    Map<String, Object> stow;
    if (store.s3().isPresent()) {
      var s3 = store.s3().get();
      Map<String, Object> config = map("region", s3.region(), "auth_type", "iam", "disable_ssl", false, "v2_signing", false);
      s3.endpoint().ifPresent(endpoint -> config.put("endpoint", endpoint));
      stow = map("kind", "s3", "config", config);
    } else if (store.gcs().isPresent()) {
      stow = map("kind", "google", "config", map(
          "json", "", "project_id", store.gcs().get().project(), "scopes", "https://www.googleapis.com/auth/cloud-platform"));
    } else if (store.azure().isPresent()) {
      stow = map("kind", "azure", "config", map("account", store.azure().get().account()));
    } else {
      var minio = store.minio().orElseThrow();
      // auth_type iam = the AWS SDK's default credential chain, which reads AWS_ACCESS_KEY_ID and
      // AWS_SECRET_ACCESS_KEY from the environment, set from the Secret: no key in any ConfigMap.
      stow = map("kind", "s3", "config", map(
          "region", minio.region(),
          "endpoint", minio.endpoint(),
          "auth_type", "iam",
          "disable_ssl", minio.endpoint().startsWith("http://"),
          "v2_signing", false));
    }
    return map("storage", map("type", "stow", "container", store.metadataBucket(), "stow", stow,
        "limits", map("maxDownloadMBs", 10)));
  }

  /** Where task outputs go: {@code <scheme>://<user-data bucket>/data}. */
  public static String rawOutputPrefix(ObjectStore store) {
    String scheme = store.gcs().isPresent() ? "gs" : store.azure().isPresent() ? "abfs" : "s3";
    return scheme + "://" + store.effectiveUserDataBucket() + "/data";
  }

  /** {@code tasks.task-plugins}: enabled plugins and the default plugin per task type. */
  public static Map<String, Object> taskPlugins() {
    return map("tasks", map("task-plugins", map(
        "enabled-plugins", DEFAULT_PLUGINS,
        "default-for-task-types", map("container", "container", "sidecar", "sidecar", "container_array", "k8s-array"))));
  }

  /** {@code plugins.logs}-style keys: which log links the console shows for a task. */
  public static Map<String, Object> taskLogLinks(TaskLogs logs) {
    Map<String, Object> links = map(
        "kubernetes-enabled", logs.kubernetesTemplateUri().isPresent(),
        "cloudwatch-enabled", logs.cloudwatchRegion().isPresent(),
        "stackdriver-enabled", logs.stackdriverProject().isPresent());
    logs.kubernetesTemplateUri().ifPresent(uri -> links.put("kubernetes-template-uri", uri));
    logs.cloudwatchRegion().ifPresent(region -> links.put("cloudwatch-template-uri",
        String.format(Locale.ROOT, CLOUDWATCH_TEMPLATE, region, logs.cloudwatchLogGroup().orElseThrow())));
    logs.stackdriverProject().ifPresent(project -> links.put("stackdriver-template-uri",
        String.format(Locale.ROOT, STACKDRIVER_TEMPLATE, project, project)));
    return links;
  }

  /**
   * The cluster resource templates Flyte applies to every project-domain namespace: the namespace
   * itself, with a task identity its {@code default} service account bound to it, and with domain
   * quotas a ResourceQuota. File name (applied in name order) → YAML text.
   */
  public static Map<String, String> clusterResourceTemplates(List<Domain> domains, Optional<WorkloadIdentity> taskIdentity) {
    Map<String, String> templates = new TreeMap<>();
    templates.put("001_namespace.yaml", Yaml.write(map(
        "apiVersion", "v1", "kind", "Namespace", "metadata", map("name", "{{ namespace }}"))));
    taskIdentity.or(() -> domains.stream().flatMap(d -> d.taskIdentity().stream()).findFirst()).ifPresent(identity -> {
      Map<String, Object> annotations = map();
      Plan.serviceAccountAnnotations(identity).keySet()
          .forEach(key -> annotations.put(key, "{{ " + customDataKey(identity) + " }}"));
      templates.put("002_serviceaccount.yaml", Yaml.write(map(
          "apiVersion", "v1", "kind", "ServiceAccount",
          "metadata", map("name", "default", "namespace", "{{ namespace }}", "annotations", annotations))));
    });
    resourceQuotaTemplate(domains).ifPresent(quota -> templates.put("003_resourcequota.yaml", Yaml.write(quota)));
    return templates;
  }

  /**
   * The {@code cluster_resources} section (without its key): where the templates are, and the
   * per-domain values they substitute.
   */
  public static Map<String, Object> clusterResources(List<Domain> domains, Optional<WorkloadIdentity> taskIdentity, String templatePath) {
    Map<String, Object> section = map("standaloneDeployment", false, "templatePath", templatePath);
    List<Object> customData = clusterResourceCustomData(domains, taskIdentity);
    if (!customData.isEmpty()) {
      section.put("customData", customData);
    }
    return section;
  }

  /**
   * {@code cluster_resources.customData}: per domain, the values the templates substitute (the
   * domain's quota, the task identity), in the list-of-maps shape Flyte reads.
   */
  private static List<Object> clusterResourceCustomData(List<Domain> domains, Optional<WorkloadIdentity> taskIdentity) {
    List<Object> perDomain = new ArrayList<>();
    for (Domain domain : domains) {
      List<Object> values = new ArrayList<>();
      domain.quota().ifPresent(quota -> {
        values.add(map(QUOTA_CPU, map("value", quota.cpu())));
        values.add(map(QUOTA_MEMORY, map("value", quota.memory())));
        quota.gpu().ifPresent(gpu -> values.add(map(QUOTA_GPU, map("value", gpu))));
      });
      domain.taskIdentity().or(() -> taskIdentity).ifPresent(identity -> values.add(map(customDataKey(identity),
          map("value", Plan.serviceAccountAnnotations(identity).values().iterator().next()))));
      if (!values.isEmpty()) {
        perDomain.add(map(domain.name(), values));
      }
    }
    return perDomain;
  }

  /**
   * The ResourceQuota template of every project-domain namespace, when any domain has a quota:
   * CPU and memory limits and, when any domain counts GPUs, requested GPUs. A domain without a
   * quota gets the template's values from customData too, so every domain must have one.
   */
  public static Optional<Map<String, Object>> resourceQuotaTemplate(List<Domain> domains) {
    if (domains.stream().noneMatch(d -> d.quota().isPresent())) {
      return Optional.empty();
    }
    Map<String, Object> hard = map("limits.cpu", "{{ " + QUOTA_CPU + " }}", "limits.memory", "{{ " + QUOTA_MEMORY + " }}");
    if (domains.stream().anyMatch(d -> d.quota().flatMap(Quota::gpu).isPresent())) {
      hard.put("requests.nvidia.com/gpu", "{{ " + QUOTA_GPU + " }}");
    }
    return Optional.of(map("apiVersion", "v1", "kind", "ResourceQuota",
        "metadata", map("name", "project-quota", "namespace", "{{ namespace }}"), "spec", map("hard", hard)));
  }

  /**
   * Per project and domain with a quota of its own, the flytectl file that sets FlyteAdmin's
   * cluster-resource attributes ({@code flytectl update cluster-resource-attribute --attrFile F}):
   * file name {@code <project>-<domain>.yaml} → its content.
   */
  public static Map<String, Object> projectQuotaAttributes(List<Project> projects) {
    Map<String, Object> files = new TreeMap<>();
    for (Project project : projects) {
      project.quotas().forEach((domain, quota) -> {
        Map<String, Object> attributes = map(QUOTA_CPU, quota.cpu(), QUOTA_MEMORY, quota.memory());
        quota.gpu().ifPresent(gpu -> attributes.put(QUOTA_GPU, gpu));
        files.put(project.name() + "-" + domain + ".yaml", map("project", project.name(), "domain", domain, "attributes", attributes));
      });
    }
    return files;
  }

  /** Flyte's {@code domains} list. */
  public static Map<String, Object> domains(List<Domain> domains) {
    return map("domains", domains.stream().map(d -> map("id", d.name(), "name", d.name())).toList());
  }

  /** The customData key the charts use for each cloud's task identity. */
  private static String customDataKey(WorkloadIdentity identity) {
    if (identity.awsRoleArn().isPresent()) {
      return "defaultIamRole";
    }
    return identity.gcpServiceAccount().isPresent() ? "defaultIamServiceAccount" : "defaultAzureClientId";
  }

  /** {@code logger}. */
  public static Map<String, Object> logger(int level) {
    return map("logger", map("level", level, "show-source", true));
  }
}
