package dev.flyteinfra.core.config;

import static dev.flyteinfra.core.config.ConfigTree.map;

import dev.flyteinfra.core.yaml.Yaml;
import dev.flyteinfra.core.model.Domain;
import dev.flyteinfra.core.model.FlyteDeployment;
import dev.flyteinfra.core.model.Notifications;
import dev.flyteinfra.core.model.ObjectStore;
import dev.flyteinfra.core.model.PostgresDatabase;
import dev.flyteinfra.core.model.Project;
import dev.flyteinfra.core.model.Quota;
import dev.flyteinfra.core.model.TaskLogs;
import dev.flyteinfra.core.model.TaskSecrets;
import dev.flyteinfra.core.model.WorkloadIdentity;
import dev.flyteinfra.core.plan.Plan;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sections of Flyte's configuration that every topology shares, in Flyte's own key names:
 * database, storage, task log links, cluster resources and logger (task plugins: {@link PluginConfig}). Each method
 * returns a map for one top-level section (or a few), ready to be written as a config file.
 */
public final class FlyteConfigSections {
  private static final String CLOUDWATCH_TEMPLATE = "https://console.aws.amazon.com/cloudwatch/home?region=%s"
      + "#logEventViewer:group=%s;stream=var.log.containers.{{ .podName }}_{{ .namespace }}_{{ .containerName }}-{{ .containerId }}.log";
  private static final String STACKDRIVER_TEMPLATE = "https://console.cloud.google.com/logs/query;query="
      + "resource.labels.namespace_name%%3D%%22{{.namespace}}%%22%%0Aresource.labels.pod_name%%3D%%22{{.podName}}%%22"
      + "%%0Aresource.labels.container_name%%3D%%22{{.containerName}}%%22?project=%s"
      + "&angularJsUrl=%%2Flogs%%2Fviewer%%3Fproject%%3D%s";
  /**
   * A link to the Log Analytics workspace's Logs with a KQL query: the portal runs the query given
   * URL-encoded after {@code /query/} (the {@code /q/} form wants it gzipped, which a template cannot do).
   */
  private static final String AZURE_LOGS_LINK = "https://portal.azure.com/#@%s/blade/Microsoft_Azure_Monitoring_Logs/LogsBlade"
      + "/resourceId/%s/source/LogsBlade.AnalyticsShareLinkToQuery/query/%s";
  /**
   * The pod's container's rows of Container insights' ContainerLogV2 table since the pod started
   * (the time filter in the query overrides the portal's default of the last 24 hours). Flyte
   * replaces each {@code {{ .var }}} verbatim; pod, namespace and container names are DNS names and
   * the start time digits, so the filled-in link stays URL-safe.
   */
  private static final String AZURE_LOGS_QUERY = "ContainerLogV2"
      + "\n| where PodNamespace == \"{{ .namespace }}\" and PodName == \"{{ .podName }}\" and ContainerName == \"{{ .containerName }}\""
      + "\n| where TimeGenerated >= unixtime_seconds_todatetime({{ .podUnixStartTime }})"
      + "\n| project TimeGenerated, LogMessage"
      + "\n| order by TimeGenerated asc";
  private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\{ \\.[A-Za-z]+ \\}\\}");

  /** The Secret in every project-domain namespace that holds MinIO's access key for task pods. */
  public static final String TASK_STORAGE_SECRET = "flyte-storage-credentials";
  /** Environment variables of FlyteAdmin (and flyte-binary) that hold MinIO's access key. */
  public static final String STORAGE_KEY_ID_ENV = "AWS_ACCESS_KEY_ID";
  public static final String STORAGE_SECRET_KEY_ENV = "AWS_SECRET_ACCESS_KEY";
  private static final String STORAGE_KEY_ID = "storageAccessKeyId";
  private static final String STORAGE_SECRET_KEY = "storageSecretAccessKey";
  private static final String QUOTA_CPU = "projectQuotaCpu";
  private static final String QUOTA_MEMORY = "projectQuotaMemory";
  private static final String QUOTA_GPU = "projectQuotaGpu";

  private FlyteConfigSections() {}

  /** {@code database.postgres}, the password read from the mounted Secret file. */
  public static Map<String, Object> database(PostgresDatabase db) {
    return map("database", map("postgres", postgres(db)));
  }

  /** The {@code postgres} connection of a {@code database} section, the password read from the mounted Secret file. */
  public static Map<String, Object> postgres(PostgresDatabase db) {
    return map(
        "host", db.host(),
        "port", db.port(),
        "dbname", db.dbname(),
        "username", db.username(),
        "passwordPath", Plan.DB_PASSWORD_DIR + "/" + Plan.DB_PASSWORD_FILE,
        "options", db.options());
  }

  /** Config files as YAML text, from file name → the config each holds; sorted by file name (Flyte's merge order). */
  public static Map<String, String> files(Map<String, Map<String, Object>> sections) {
    Map<String, String> files = new TreeMap<>();
    sections.forEach((file, config) -> files.put(file, Yaml.write(config)));
    return files;
  }

  /** {@code storage}: one stow backend for every provider, and the download limit the charts set. */
  public static Map<String, Object> storage(ObjectStore store) {
    return storage(store, Optional.empty());
  }

  /** {@code storage}, with signed URLs naming the store at another endpoint than Flyte reaches it at. */
  public static Map<String, Object> storage(ObjectStore store, Optional<String> signedUrlEndpoint) {
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
      // accesskey: the keys come from the config file projected from credentialsConfig's Secret.
      // iam: the AWS SDK's default chain reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from
      // the environment, set from the Secret. Either way no key is in any ConfigMap.
      stow = map("kind", "s3", "config", map(
          "region", minio.region(),
          "endpoint", minio.endpoint(),
          "auth_type", minio.credentialsConfig().isPresent() ? "accesskey" : "iam",
          "disable_ssl", minio.endpoint().startsWith("http://"),
          "v2_signing", false));
    }
    Map<String, Object> storage = map("type", "stow", "container", store.metadataBucket(), "stow", stow,
        "limits", map("maxDownloadMBs", 10));
    signedUrlEndpoint.ifPresent(endpoint -> storage.put("signedUrl", map("stowConfigOverride", map("endpoint", endpoint))));
    return map("storage", storage);
  }

  /** Where task outputs go: {@code <scheme>://<user-data bucket>/data}. */
  public static String rawOutputPrefix(ObjectStore store) {
    String scheme = store.gcs().isPresent() ? "gs" : store.azure().isPresent() ? "abfs" : "s3";
    return scheme + "://" + store.effectiveUserDataBucket() + "/data";
  }

  /** Where FlyteAdmin reads the SendGrid API key (gcp notifications): its own directory, beside /etc/secrets. */
  public static final String SENDGRID_KEY_DIR = "/etc/flyte/notifications";
  public static final String SENDGRID_KEY_FILE = "sendgrid_api_key";
  private static final String NOTIFICATION_SUBJECT = "Flyte: {{ project }}/{{ domain }}/{{ launch_plan.name }} has {{ phase }}";

  /**
   * {@code notifications}: where FlyteAdmin publishes execution notifications and processes them
   * into e-mails. The default body links to the execution in the console at {@code consoleHost}.
   */
  public static Map<String, Object> notifications(Notifications notifications, Optional<String> consoleHost) {
    String details = consoleHost.map(host -> "\n Details: https://" + host
        + "/console/projects/{{ project }}/domains/{{ domain }}/executions/{{ name }}.").orElse("");
    String body = notifications.body().orElse("Execution {{ workflow.project }}/{{ workflow.domain }}/{{ workflow.name }}/{{ name }}"
        + " has {{ phase }}." + details + "\n {{ error }}");
    Map<String, Object> emailer = map("sender", notifications.sender(),
        "subject", notifications.subject().orElse(NOTIFICATION_SUBJECT), "body", body);
    Map<String, Object> section;
    if (notifications.backend() == Notifications.Backend.AWS) {
      section = map("type", "aws", "region", notifications.region().orElseThrow(),
          "publisher", map("topicName", notifications.topicArn().orElseThrow()),
          "processor", map("queueName", notifications.queueName().orElseThrow(), "accountId", notifications.accountId().orElseThrow()));
    } else {
      emailer.put("emailServerConfig", map("serviceName", "sendgrid", "apiKeyFilePath", SENDGRID_KEY_DIR + "/" + SENDGRID_KEY_FILE));
      section = map("type", "gcp", "gcp", map("projectId", notifications.project().orElseThrow()),
          "publisher", map("topicName", notifications.topic().orElseThrow()),
          "processor", map("queueName", notifications.subscription().orElseThrow()));
    }
    section.put("emailer", emailer);
    return map("notifications", section);
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
    // Flyte 1.16.8 has no Azure log plugin (azure-log-templates is Flyte 2's): a template link of its own.
    logs.azure().ifPresent(azure -> links.put("templates", List.of(map(
        "displayName", "Azure Logs",
        "templateUris", List.of(azureLogsLink(azure))))));
    return links;
  }

  /** The portal link of the Azure Logs template: the workspace's Logs running {@link #AZURE_LOGS_QUERY}. */
  private static String azureLogsLink(TaskLogs.AzureLogAnalytics azure) {
    String workspace = "/subscriptions/" + azure.subscriptionId() + "/resourceGroups/" + azure.resourceGroup()
        + "/providers/Microsoft.OperationalInsights/workspaces/" + azure.workspace();
    return String.format(Locale.ROOT, AZURE_LOGS_LINK, urlEncoded(azure.tenantId()), urlEncoded(workspace),
        urlEncodedTemplate(AZURE_LOGS_QUERY));
  }

  /** A template URL-encoded but for its {@code {{ .var }}} variables, which Flyte fills in. */
  private static String urlEncodedTemplate(String template) {
    StringBuilder encoded = new StringBuilder();
    Matcher variable = TEMPLATE_VARIABLE.matcher(template);
    int last = 0;
    while (variable.find()) {
      encoded.append(urlEncoded(template.substring(last, variable.start()))).append(variable.group());
      last = variable.end();
    }
    return encoded.append(urlEncoded(template.substring(last))).toString();
  }

  /** Percent-encoded for a URL path segment (spaces as %20, not +). */
  private static String urlEncoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * {@code plugins.k8s} keys that hand task pods a MinIO store: its endpoint, and its access key
   * from the Secret that the cluster resource templates put into every project-domain namespace.
   * Empty for the clouds, where tasks reach the store through their identity.
   */
  public static Map<String, Object> taskStorageEnv(ObjectStore store) {
    return store.minio().map(minio -> map(
        "default-env-vars", map("FLYTE_AWS_ENDPOINT", minio.endpoint()),
        "default-env-from-secrets", List.of(TASK_STORAGE_SECRET))).orElse(map());
  }

  /**
   * The cluster resource templates Flyte applies to every project-domain namespace: the namespace
   * itself, with a task identity its {@code default} service account bound to it, with domain
   * quotas a ResourceQuota, and with MinIO the Secret that gives task pods its access key.
   * File name (applied in name order) → YAML text.
   */
  public static Map<String, String> clusterResourceTemplates(FlyteDeployment deployment) {
    List<Domain> domains = deployment.domains();
    Optional<WorkloadIdentity> taskIdentity = deployment.taskIdentity();
    Map<String, String> templates = new TreeMap<>();
    templates.put("001_namespace.yaml", Yaml.write(map(
        "apiVersion", "v1", "kind", "Namespace",
        "metadata", map("name", "{{ namespace }}", "labels", map(POD_WEBHOOK_LABEL, deployment.namespace())))));
    Optional<WorkloadIdentity> anyTaskIdentity = taskIdentity.or(() -> domains.stream().flatMap(d -> d.taskIdentity().stream()).findFirst());
    Map<String, Object> identityAnnotations = map();
    anyTaskIdentity.ifPresent(identity -> Plan.serviceAccountAnnotations(identity).keySet()
        .forEach(key -> identityAnnotations.put(key, "{{ " + customDataKey(identity) + " }}")));
    if (anyTaskIdentity.isPresent()) {
      templates.put("002_serviceaccount.yaml", Yaml.write(serviceAccount("default", identityAnnotations)));
    }
    resourceQuotaTemplate(domains).ifPresent(quota -> templates.put("003_resourcequota.yaml", Yaml.write(quota)));
    if (deployment.storage().minio().isPresent()) {
      // The values come from FlyteAdmin's environment (customData valueFrom env), set from the
      // Secret: the key is never in a ConfigMap.
      templates.put("004_storage_credentials.yaml", Yaml.write(map(
          "apiVersion", "v1", "kind", "Secret", "type", "Opaque",
          "metadata", map("name", TASK_STORAGE_SECRET, "namespace", "{{ namespace }}"),
          "stringData", map(
              "FLYTE_AWS_ACCESS_KEY_ID", "{{ " + STORAGE_KEY_ID + " }}",
              "FLYTE_AWS_SECRET_ACCESS_KEY", "{{ " + STORAGE_SECRET_KEY + " }}"))));
    }
    if (deployment.plugins().spark().isPresent()) {
      // Spark drivers create their executors' pods and services: a Role for that, bound to the
      // spark service account (with the task identity) and to default, which tasks run as.
      Map<String, Object> spark = serviceAccount(PluginConfig.SPARK_SERVICE_ACCOUNT, identityAnnotations);
      templates.put("010_spark_serviceaccount.yaml", Yaml.write(spark));
      templates.put("011_spark_role.yaml", Yaml.write(map(
          "apiVersion", "rbac.authorization.k8s.io/v1", "kind", "Role",
          "metadata", map("name", PluginConfig.SPARK_ROLE, "namespace", "{{ namespace }}"),
          "rules", List.of(map("apiGroups", List.of(""), "resources", PluginConfig.SPARK_DRIVER_RESOURCES,
              "verbs", PluginConfig.SPARK_DRIVER_VERBS)))));
      templates.put("012_spark_rolebinding.yaml", Yaml.write(map(
          "apiVersion", "rbac.authorization.k8s.io/v1", "kind", "RoleBinding",
          "metadata", map("name", PluginConfig.SPARK_ROLE + "-binding", "namespace", "{{ namespace }}"),
          "roleRef", map("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", PluginConfig.SPARK_ROLE),
          "subjects", List.of(
              map("kind", "ServiceAccount", "name", PluginConfig.SPARK_SERVICE_ACCOUNT, "namespace", "{{ namespace }}"),
              map("kind", "ServiceAccount", "name", "default", "namespace", "{{ namespace }}")))));
    }
    return templates;
  }

  /** A service account template of every project-domain namespace, with its identity annotations when there are any. */
  private static Map<String, Object> serviceAccount(String name, Map<String, Object> annotations) {
    Map<String, Object> metadata = map("name", name, "namespace", "{{ namespace }}");
    if (!annotations.isEmpty()) {
      metadata.put("annotations", annotations);
    }
    return map("apiVersion", "v1", "kind", "ServiceAccount", "metadata", metadata);
  }

  /**
   * The {@code cluster_resources} section (without its key): where the templates are, and the
   * per-domain values they substitute.
   */
  public static Map<String, Object> clusterResources(FlyteDeployment deployment, String templatePath) {
    Map<String, Object> section = map("standaloneDeployment", false, "templatePath", templatePath);
    List<Object> customData = clusterResourceCustomData(deployment);
    if (!customData.isEmpty()) {
      section.put("customData", customData);
    }
    return section;
  }

  /**
   * {@code cluster_resources.customData}: per domain, the values the templates substitute (the
   * domain's quota, the task identity, MinIO's access key read from the environment), in the
   * list-of-maps shape Flyte reads.
   */
  private static List<Object> clusterResourceCustomData(FlyteDeployment deployment) {
    Optional<WorkloadIdentity> taskIdentity = deployment.taskIdentity();
    List<Object> perDomain = new ArrayList<>();
    for (Domain domain : deployment.domains()) {
      List<Object> values = new ArrayList<>();
      domain.quota().ifPresent(quota -> {
        values.add(map(QUOTA_CPU, map("value", quota.cpu())));
        values.add(map(QUOTA_MEMORY, map("value", quota.memory())));
        quota.gpu().ifPresent(gpu -> values.add(map(QUOTA_GPU, map("value", gpu))));
      });
      domain.taskIdentity().or(() -> taskIdentity).ifPresent(identity -> values.add(map(customDataKey(identity),
          map("value", Plan.serviceAccountAnnotations(identity).values().iterator().next()))));
      if (deployment.storage().minio().isPresent()) {
        values.add(map(STORAGE_KEY_ID, map("valueFrom", map("env", STORAGE_KEY_ID_ENV))));
        values.add(map(STORAGE_SECRET_KEY, map("valueFrom", map("env", STORAGE_SECRET_KEY_ENV))));
      }
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

  /**
   * The pod webhook's secret manager keys (to merge into {@code webhook}): its type and the
   * backend's settings; none for Kubernetes Secrets, Flyte's default.
   */
  public static Map<String, Object> secretManager(TaskSecrets secrets) {
    Map<String, Object> webhook = map();
    switch (secrets.backend()) {
      case KUBERNETES -> {
        return webhook;
      }
      case AWS -> secrets.sidecarImage().ifPresent(image -> webhook.put("awsSecretManager", map("sidecarImage", image)));
      case GCP -> secrets.sidecarImage().ifPresent(image -> webhook.put("gcpSecretManager", map("sidecarImage", image)));
      case VAULT -> {
        Map<String, Object> vault = map("role", secrets.vaultRole(), "kvVersion", Integer.toString(secrets.vaultKvVersion()));
        if (!secrets.vaultAnnotations().isEmpty()) {
          vault.put("annotations", new TreeMap<>(secrets.vaultAnnotations()));
        }
        webhook.put("vaultSecretManager", vault);
      }
    }
    webhook.put("secretManagerType", secrets.backend().flyteName());
    return webhook;
  }

  /**
   * The label of every project-domain namespace, naming the Flyte (by its namespace) whose pod
   * webhook may change its pods ({@link #podWebhookScope}).
   */
  public static final String POD_WEBHOOK_LABEL = "flyte-infra.dev/pod-webhook";

  /**
   * {@code namespaceSelector} of the pod webhook (to merge into {@code webhook}): only the
   * namespaces this deployment's templates label, so that another Flyte in the cluster (a second
   * Flyte 1, or Flyte 2 beside it while migrating) never has its pods claimed by this webhook.
   */
  public static Map<String, Object> podWebhookScope(FlyteDeployment deployment) {
    return map("namespaceSelector", map("matchLabels", map(POD_WEBHOOK_LABEL, deployment.namespace())));
  }

  /** {@code logger}. */
  public static Map<String, Object> logger(int level) {
    return map("logger", map("level", level, "show-source", true));
  }
}
