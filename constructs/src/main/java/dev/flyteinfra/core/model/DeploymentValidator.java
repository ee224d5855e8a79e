package dev.flyteinfra.core.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a {@link FlyteDeployment} field by field and collects every problem. Values that are
 * unresolved CDK tokens ({@code ${Token[...]}}) pass the format checks: they are known only at
 * deploy time.
 */
final class DeploymentValidator {
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}");
  private static final Pattern POSTGRES_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");
  private static final Pattern VERSION = Pattern.compile("1\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern AZURE_CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
  private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern GCP_PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
  private static final Pattern AZURE_ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
  private static final Pattern URL = Pattern.compile("https?://[^\\s/]+(:\\d+)?(/\\S*)?");
  /** A link template: a URL whose path may hold Go template actions such as {@code {{ .podName }}}. */
  private static final Pattern TEMPLATE_URL = Pattern.compile("https?://[^\\s/{}]+(:\\d+)?([/?#].*)?");
  private static final Pattern IAM_ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
  private static final Pattern GCP_SA_EMAIL = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.-]+\\.gserviceaccount\\.com");
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
  private static final Pattern AZURE_RESOURCE_GROUP = Pattern.compile("[-\\w.()]{0,89}[-\\w()]");
  private static final Pattern AZURE_LOG_WORKSPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]");
  private static final Pattern HTTPS_URL = Pattern.compile("https://[^\\s/]+(:\\d+)?(/\\S*)?");
  private static final Pattern BCRYPT_HASH = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern SNS_TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}:[A-Za-z0-9_-]{1,256}");
  private static final Pattern QUANTITY = Pattern.compile("(\\d+(\\.\\d+)?|\\.\\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
  private static final Pattern ANNOTATION_KEY =
      Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  /** Spark properties that hold credentials (S3A and Azure keys, tokens, passwords). */
  private static final Pattern SPARK_SECRET_PROPERTY =
      Pattern.compile("(?i).*(secret|password|token|access[._-]?key|account[._-]key|private[._-]?key).*");
  private static final Pattern TASK_TYPE = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern SECRET_NAME_PREFIX = Pattern.compile("[A-Za-z0-9_/-]{1,64}");
  /** Hours, minutes, seconds and milliseconds, each optional, as ServiceMonitors take them. */
  private static final Pattern PROMETHEUS_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
  private static final List<String> SECRET_WORDS =
      List.of("password", "secret", "token", "accesskey", "access_key", "privatekey", "private_key", "credential");
  private static final List<String> REFERENCE_SUFFIXES = List.of("path", "location", "file", "name", "dir", "ref");
  /** Longest name: Service names {@code <name>-webhook} must stay DNS-1035 labels of 63 characters. */
  static final int MAX_NAME_LENGTH = 40;
  /** Longest domain name Flyte adds to a project to make a namespace ({@code -development}). */
  private static final int LONGEST_DOMAIN_SUFFIX = "-development".length();

  private final FlyteDeployment deployment;
  private final List<Problem> problems = new ArrayList<>();

  DeploymentValidator(FlyteDeployment deployment) {
    this.deployment = deployment;
  }

  List<Problem> problems() {
    checkDeployment();
    return List.copyOf(problems);
  }

  private void checkDeployment() {
    FlyteDeployment d = deployment;
    if (required("name", d.name(), "give the deployment a name, e.g. flyte")) {
      matches("name", d.name(), DNS_1035_LABEL, MAX_NAME_LENGTH,
          "a DNS-1035 label: lower-case letters, digits and '-', starting with a letter");
    }
    if (required("namespace", d.namespace(), "name the namespace, e.g. flyte")) {
      matches("namespace", d.namespace(), DNS_1123_LABEL, 63, "a DNS-1123 label: lower-case letters, digits and '-'");
    }
    if (required("flyteVersion", d.flyteVersion(), "give a Flyte 1.x release, e.g. " + FlyteDeployment.DEFAULT_FLYTE_VERSION)) {
      if (!VERSION.matcher(d.flyteVersion()).matches()) {
        add("flyteVersion", "'" + d.flyteVersion() + "' is not a Flyte 1.x release",
            "write MAJOR.MINOR.PATCH without a leading 'v', e.g. " + FlyteDeployment.DEFAULT_FLYTE_VERSION);
      }
    }
    required("topology", d.topology(), "choose one of: sandbox, binary, core");
    boolean sandbox = d.topology() == Topology.SANDBOX;
    if (sandbox ? d.database() != null : required("database", d.database(),
        "describe the PostgreSQL database (host and passwordSecret, or inCluster: {})")) {
      checkDatabase(d.database());
      if (sandbox && d.database().inCluster().isEmpty()) {
        add("database", "the sandbox runs its own Postgres", "remove database, or set only database.inCluster");
      }
    }
    if (sandbox ? d.storage() != null : required("storage", d.storage(),
        "describe the object store (metadataBucket and one of s3, gcs, azure, minio)")) {
      checkStorage(d.storage());
      if (sandbox && d.storage().minio().flatMap(MinioStorage::inCluster).isEmpty()) {
        add("storage", "the sandbox runs its own MinIO", "remove storage, or set storage.minio.inCluster");
      }
    }
    d.identity().ifPresent(identity -> checkIdentity("identity", identity));
    d.taskIdentity().ifPresent(identity -> checkIdentity("taskIdentity", identity));
    d.ingress().ifPresent(this::checkIngress);
    if (d.components() != null && d.components().binary() != null) {
      checkComponent("components.binary", d.components().binary());
      if (d.topology() != Topology.CORE && d.components().binary().replicas() != 1) {
        add("components.binary.replicas", "flyte-binary runs exactly one replica, got " + d.components().binary().replicas(),
            "set replicas: 1 (propeller and the scheduler inside it are singletons); scale with topology core");
      }
    }
    checkDomains(d.domains());
    checkProjects(d.projects(), d.domains());
    checkCore(d);
    if (d.logLevel() < 0 || d.logLevel() > 5) {
      add("logLevel", "must be between 0 (panic) and 5 (debug), got " + d.logLevel(), "use 4 for info or 5 for debug");
    }
    if (d.taskLogs() != null) {
      checkTaskLogs(d.taskLogs());
    }
    if (d.plugins() != null) {
      checkPlugins(d.plugins());
    }
    if (d.taskSecrets() != null) {
      checkTaskSecrets(d);
    }
    if (d.monitoring() != null) {
      checkMonitoring(d.monitoring(), d.topology());
    }
    d.auth().ifPresent(auth -> checkAuth(auth, d));
    d.notifications().ifPresent(this::checkNotifications);
    checkNoSecrets("extraConfig", d.extraConfig());
  }

  private void checkTaskSecrets(FlyteDeployment d) {
    TaskSecrets secrets = d.taskSecrets();
    if (!SECRET_NAME_PREFIX.matcher(secrets.namePrefix()).matches()) {
      add("taskSecrets.namePrefix", "'" + secrets.namePrefix() + "' is not a secret name prefix",
          "use letters, digits, '-', '_' and '/', e.g. flyte-");
    }
    secrets.sidecarImage().filter(image -> image.isBlank() || image.contains(" ")).ifPresent(image ->
        add("taskSecrets.sidecarImage", "'" + image + "' is not an image", "write it as REGISTRY/NAME:TAG"));
    if (secrets.sidecarImage().isPresent() && secrets.backend() != TaskSecrets.Backend.AWS && secrets.backend() != TaskSecrets.Backend.GCP) {
      add("taskSecrets.sidecarImage", "only the aws and gcp backends run a sidecar", "remove it");
    }
    if (secrets.vaultKvVersion() != 1 && secrets.vaultKvVersion() != 2) {
      add("taskSecrets.vaultKvVersion", "must be 1 or 2, got " + secrets.vaultKvVersion(), "use 2 for the KV v2 engine");
    }
    required("taskSecrets.vaultRole", secrets.vaultRole(), "name the Vault role tasks authenticate as, e.g. flyte");
    secrets.vaultAnnotations().keySet().stream().filter(key -> !ANNOTATION_KEY.matcher(key).matches()).forEach(key ->
        add("taskSecrets.vaultAnnotations." + key, "is not an annotation key", "use e.g. vault.hashicorp.com/namespace"));
  }

  private void checkAuth(Auth auth, FlyteDeployment d) {
    if (d.topology() == Topology.SANDBOX) {
      add("auth", "the sandbox is a local, insecure Flyte", "use topology binary or core, with an Ingress host and TLS");
    }
    if (d.ingress().flatMap(IngressSettings::host).isEmpty() || d.ingress().flatMap(IngressSettings::tlsSecret).isEmpty()
        && !d.ingress().get().annotations().containsKey("alb.ingress.kubernetes.io/certificate-arn")) {
      add("auth", "signing in needs Flyte at a public host over TLS (the provider redirects to https://<host>/callback)",
          "set ingress.host and ingress.tlsSecret (or an ACM certificate on an ALB)");
    }
    if (required("auth.provider", auth.provider(), "choose one of: okta, google, azure-ad, keycloak, generic")) {
      checkAuthProvider(auth);
    }
    required("auth.clientId", auth.clientId(), "give the client id of the web application registered for Flyte");
    if (required("auth.clientSecret", auth.clientSecret(), "reference the Secret key holding the web application's client secret")) {
      secretRef("auth.clientSecret", auth.clientSecret());
    }
    if (required("auth.serviceClientSecret", auth.serviceClientSecret(),
        "reference the Secret key holding the secret FlytePropeller and FlyteScheduler sign in with")) {
      secretRef("auth.serviceClientSecret", auth.serviceClientSecret());
    }
    auth.authorizedUris().stream().filter(uri -> !URL.matcher(uri).matches()).forEach(uri ->
        add("auth.authorizedUris", "'" + uri + "' is not an http(s) URL", "write it as https://host[:port]"));
    if (auth.authorizationServer() == Auth.AuthorizationServer.INTERNAL) {
      if (auth.serviceClientSecretHash().isEmpty()) {
        add("auth.serviceClientSecretHash", "is required with the internal authorization server (Flyte's default hash is public)",
            "give the base64 of the bcrypt hash of the service client's secret: htpasswd -nbBC 10 \"\" \"$SECRET\" | tr -d ':\\n' | base64 -w0");
      }
      auth.serviceClientSecretHash().ifPresent(hash -> bcryptHash("auth.serviceClientSecretHash", hash));
      // Every client id of the internal server once: its public clients, the service client, the CI clients.
      Set<String> ids = new HashSet<>(List.of(Auth.FLYTECTL_CLIENT, Auth.FLYTE_CLI_CLIENT));
      auth.serviceClientId().filter(id -> !ids.add(id)).ifPresent(id -> add("auth.serviceClientId",
          "'" + id + "' is already a public client of the internal authorization server", "choose another id, e.g. flytepropeller"));
      ids.add(auth.serviceClientId().orElse(Auth.INTERNAL_SERVICE_CLIENT));
      for (int i = 0; i < auth.ciClients().size(); i++) {
        Auth.StaticClient client = auth.ciClients().get(i);
        if (required("auth.ciClients[" + i + "].id", client.id(), "name the client, e.g. flyte-ci")
            && !ids.add(client.id())) {
          add("auth.ciClients[" + i + "].id", "'" + client.id() + "' is already a client of the internal authorization server", "choose another id");
        }
        if (required("auth.ciClients[" + i + "].secretHash", client.secretHash(), "give the base64 of the bcrypt hash of its secret")) {
          bcryptHash("auth.ciClients[" + i + "].secretHash", client.secretHash());
        }
      }
      externalOnly("auth.flytectlClientId", auth.flytectlClientId().isPresent());
      externalOnly("auth.audience", auth.audience().isPresent());
      externalOnly("auth.scopes", !auth.scopes().isEmpty());
    } else {
      if (auth.provider() == Auth.Provider.GOOGLE) {
        add("auth.authorizationServer", "Google has no custom authorization server to issue Flyte's access tokens",
            "use authorizationServer: internal with Google");
      }
      required("auth.serviceClientId", auth.serviceClientId().orElse(null),
          "give the id of the confidential client registered at the provider for FlytePropeller");
      required("auth.flytectlClientId", auth.flytectlClientId().orElse(null),
          "give the id of the public (native) client registered at the provider for flytectl and pyflyte");
      auth.serviceClientSecretHash().ifPresent(hash -> add("auth.serviceClientSecretHash",
          "the external authorization server checks the secret itself", "remove serviceClientSecretHash"));
      if (!auth.ciClients().isEmpty()) {
        add("auth.ciClients", "an external authorization server knows its own clients", "register CI clients at the provider and remove ciClients");
      }
    }
  }

  private void checkNotifications(Notifications notifications) {
    if (required("notifications.sender", notifications.sender(), "give the address the e-mails come from, e.g. flyte@example.com")
        && !isToken(notifications.sender()) && !EMAIL.matcher(notifications.sender()).matches()) {
      add("notifications.sender", "'" + notifications.sender() + "' is not an e-mail address", "give e.g. flyte@example.com");
    }
    if (!required("notifications.backend", notifications.backend(), "choose aws (SNS, SQS, SES) or gcp (Pub/Sub, SendGrid)")) {
      return;
    }
    boolean aws = notifications.backend() == Notifications.Backend.AWS;
    String backend = aws ? "aws" : "gcp";
    Map<String, Optional<?>> awsKeys = new LinkedHashMap<>();
    awsKeys.put("region", notifications.region());
    awsKeys.put("topicArn", notifications.topicArn());
    awsKeys.put("queueName", notifications.queueName());
    awsKeys.put("accountId", notifications.accountId());
    Map<String, Optional<?>> gcpKeys = new LinkedHashMap<>();
    gcpKeys.put("project", notifications.project());
    gcpKeys.put("topic", notifications.topic());
    gcpKeys.put("subscription", notifications.subscription());
    gcpKeys.put("sendgridApiKey", notifications.sendgridApiKey());
    (aws ? awsKeys : gcpKeys).forEach((key, value) -> {
      if (value.isEmpty()) {
        add("notifications." + key, "is required with backend " + backend,
            aws ? "name the existing one, or let the EKS stack create it" : key.equals("sendgridApiKey")
                ? "reference the Secret key holding the SendGrid API key" : "name the existing one, or let the GKE stack create it");
      }
    });
    (aws ? gcpKeys : awsKeys).forEach((key, value) -> value.ifPresent(v ->
        add("notifications." + key, "only backend " + (aws ? "gcp" : "aws") + " takes it", "remove " + key)));
    notifications.region().filter(r -> !isToken(r) && !AWS_REGION.matcher(r).matches()).ifPresent(r ->
        add("notifications.region", "'" + r + "' is not an AWS region", "use a region code such as us-east-1"));
    notifications.topicArn().filter(arn -> !isToken(arn) && !SNS_TOPIC_ARN.matcher(arn).matches()).ifPresent(arn ->
        add("notifications.topicArn", "'" + arn + "' is not an SNS topic ARN", "give arn:aws:sns:<region>:<account>:<topic>"));
    notifications.accountId().filter(id -> !isToken(id) && !id.matches("\\d{12}")).ifPresent(id ->
        add("notifications.accountId", "'" + id + "' is not an AWS account id", "give the 12 digits"));
    notifications.project().filter(p -> !GCP_PROJECT.matcher(p).matches()).ifPresent(p ->
        add("notifications.project", "'" + p + "' is not a GCP project id", "use the project id of the topic"));
    notifications.sendgridApiKey().ifPresent(ref -> secretRef("notifications.sendgridApiKey", ref));
  }

  /** The issuer and tenant a provider preset takes. */
  private void checkAuthProvider(Auth auth) {
    boolean derivedIssuer = auth.provider() == Auth.Provider.GOOGLE || auth.provider() == Auth.Provider.AZURE_AD;
    if (derivedIssuer) {
      auth.issuer().ifPresent(issuer -> add("auth.issuer", "the " + providerName(auth) + " preset knows its issuer",
          "remove issuer" + (auth.provider() == Auth.Provider.AZURE_AD ? " and set tenantId" : "")));
    } else if (auth.issuer().isEmpty()) {
      add("auth.issuer", "is required for provider " + providerName(auth), switch (auth.provider()) {
        case OKTA -> "give the authorization server's issuer, e.g. https://<org>.okta.com/oauth2/default";
        case KEYCLOAK -> "give the realm's issuer, e.g. https://keycloak.example.com/realms/flyte";
        default -> "give the provider's OpenID Connect issuer URL";
      });
    } else if (!HTTPS_URL.matcher(auth.issuer().get()).matches()) {
      add("auth.issuer", "'" + auth.issuer().get() + "' is not an https URL", "give the issuer as https://host/path, without a trailing /.well-known");
    }
    if (auth.provider() == Auth.Provider.AZURE_AD) {
      if (auth.tenantId().isEmpty()) {
        add("auth.tenantId", "is required for provider azure-ad", "give the Entra ID tenant id, a UUID");
      } else if (!UUID.matcher(auth.tenantId().get()).matches()) {
        add("auth.tenantId", "'" + auth.tenantId().get() + "' is not a tenant id", "give the Entra ID tenant id, a UUID");
      }
    } else {
      auth.tenantId().ifPresent(id -> add("auth.tenantId", "only provider azure-ad takes a tenant id", "remove tenantId"));
    }
  }

  private void externalOnly(String path, boolean set) {
    if (set) {
      add(path, "only an external authorization server takes it (the internal one defines its own clients and scopes)",
          "remove it, or set authorizationServer: external");
    }
  }

  private void bcryptHash(String path, String base64Hash) {
    String hash;
    try {
      hash = new String(Base64.getDecoder().decode(base64Hash), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      hash = "";
    }
    if (!BCRYPT_HASH.matcher(hash).matches()) {
      add(path, "is not the base64 of a bcrypt hash", "give htpasswd -nbBC 10 \"\" \"$SECRET\" | tr -d ':\\n' | base64 -w0 (never the secret itself)");
    }
  }

  private static String providerName(Auth auth) {
    return auth.provider().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private void checkMonitoring(Monitoring monitoring, Topology topology) {
    if (monitoring.serviceMonitors() && topology != Topology.CORE) {
      add("monitoring.serviceMonitors", "flyte-binary serves no metrics port of its own to scrape (its chart has no ServiceMonitor)",
          "use topology core, whose components each serve /metrics on http-metrics");
    }
    Optional<Long> interval = duration("monitoring.interval", monitoring.interval());
    Optional<Long> timeout = duration("monitoring.scrapeTimeout", monitoring.scrapeTimeout());
    if (interval.isPresent() && timeout.isPresent() && timeout.get() > interval.get()) {
      add("monitoring.scrapeTimeout", "must not exceed the interval " + monitoring.interval() + ", got " + monitoring.scrapeTimeout(),
          "make it at most the interval, e.g. 30s for 60s");
    }
    monitoring.labels().forEach((key, value) -> {
      if (!ANNOTATION_KEY.matcher(key).matches()) {
        add("monitoring.labels." + key, "is not a label key", "use e.g. release");
      }
      if (!LABEL_VALUE.matcher(value).matches()) {
        add("monitoring.labels." + key, "'" + value + "' is not a label value", "use at most 63 letters, digits, '-', '_' and '.'");
      }
    });
  }

  /** A Prometheus duration in milliseconds ({@code 30s}, {@code 1m30s}), or a problem. */
  private Optional<Long> duration(String path, String value) {
    Matcher parts = PROMETHEUS_DURATION.matcher(value == null ? "" : value);
    if (!parts.matches() || value.isEmpty()) {
      add(path, "'" + value + "' is not a Prometheus duration", "write it like 30s, 1m or 1m30s");
      return Optional.empty();
    }
    long[] unitMillis = {3_600_000L, 60_000L, 1_000L, 1L};
    long millis = 0;
    for (int i = 0; i < unitMillis.length; i++) {
      if (parts.group(i + 1) != null) {
        millis += Long.parseLong(parts.group(i + 1)) * unitMillis[i];
      }
    }
    return Optional.of(millis);
  }

  private void checkPlugins(TaskPlugins plugins) {
    plugins.spark().ifPresent(spark -> spark.sparkConfig().forEach((key, value) -> {
      String path = "plugins.spark.sparkConfig." + key;
      if (!key.startsWith("spark.")) {
        add(path, "is not a Spark property", "write Spark properties with their full name, e.g. spark.executor.memory");
      }
      if (SPARK_SECRET_PROPERTY.matcher(key).matches()) {
        add(path, "looks like a credential in plain text, which would land in a ConfigMap",
            "leave it out: Spark tasks reach the object store through their identity");
      }
    }));
    plugins.ray().filter(ray -> ray.ttlSecondsAfterFinished() < 0).ifPresent(ray -> add("plugins.ray.ttlSecondsAfterFinished",
        "must not be negative, got " + ray.ttlSecondsAfterFinished(), "use 0 to delete a finished job's cluster at once"));
    plugins.connector().ifPresent(connector -> {
      required("plugins.connector.image", connector.image(), "give the connector image, e.g. " + TaskPlugins.ConnectorPlugin.DEFAULT_IMAGE);
      if (connector.replicas() < 1) {
        add("plugins.connector.replicas", "must be at least 1, got " + connector.replicas(), "run 1 or more connectors");
      }
      checkResources("plugins.connector.resources", connector.resources());
      connector.secret().ifPresent(secret -> matches("plugins.connector.secret", secret, DNS_1123_SUBDOMAIN, 253,
          "a Secret name: lower-case letters, digits, '-' and '.'"));
      Set<String> taken = new TreeSet<>(List.of("container", "sidecar", "container_array"));
      plugins.operatorPlugins().forEach(plugin -> taken.add(plugin.id()));
      for (String type : connector.taskTypes()) {
        if (!TASK_TYPE.matcher(type).matches()) {
          add("plugins.connector.taskTypes", "'" + type + "' is not a task type", "use letters, digits, '_' and '-', e.g. bigquery_query_job_task");
        } else if (taken.contains(type)) {
          add("plugins.connector.taskTypes", "task type '" + type + "' already runs on the " + type.replace("container_array", "k8s-array")
              + " plugin", "leave it out, or turn that plugin off");
        }
      }
    });
    if (plugins.operators() && plugins.operatorPlugins().isEmpty()) {
      add("plugins.operators", "no plugin with an operator is enabled", "enable spark, ray, dask, pytorch, tensorflow or mpi, or remove operators");
    }
  }

  private void checkDatabase(PostgresDatabase db) {
    if (db.inCluster().isPresent()) {
      absent("database.host", db.host(), "the in-cluster Postgres is reached at its Service");
      absent("database.passwordSecret", db.passwordSecret(), "the in-cluster Postgres' password is generated into a Secret");
      absent("database.clientCertificateSecret", db.clientCertificateSecret().orElse(null),
          "the in-cluster Postgres takes no client certificates");
      checkInClusterServer("database.inCluster", db.inCluster().get());
    } else if (required("database.host", db.host(), "give the server's host name or IP address, or set database.inCluster")) {
      if (!isToken(db.host()) && !IPV4.matcher(db.host()).matches()
          && !(DNS_1123_SUBDOMAIN.matcher(db.host()).matches() && db.host().length() <= 253)) {
        add("database.host", "'" + db.host() + "' is neither a host name nor an IPv4 address",
            "use a DNS name such as flyte.abc.us-east-1.rds.amazonaws.com or an address such as 10.0.0.5");
      }
    }
    port("database.port", db.port());
    if (required("database.dbname", db.dbname(), "name the database, e.g. flyte")) {
      matches("database.dbname", db.dbname(), POSTGRES_NAME, 63, "a PostgreSQL name: letters, digits, '_', '$' and '-'");
    }
    if (required("database.username", db.username(), "name the database user, e.g. flyte")) {
      matches("database.username", db.username(), POSTGRES_NAME, 63, "a PostgreSQL name: letters, digits, '_', '$' and '-'");
    }
    if (db.inCluster().isEmpty() && required("database.passwordSecret", db.passwordSecret(),
        "reference the Secret key holding the password, e.g. {name: flyte-db, key: password}")) {
      secretRef("database.passwordSecret", db.passwordSecret());
    }
    db.clientCertificateSecret().filter(name -> !isToken(name)).ifPresent(name -> matches("database.clientCertificateSecret", name,
        DNS_1123_SUBDOMAIN, 253, "a Secret name: lower-case letters, digits, '-' and '.'"));
    if (required("database.options", db.options(), "give libpq options, e.g. sslmode=require")
        && db.options().toLowerCase(Locale.ROOT).contains("password")) {
      add("database.options", "holds a password in plain text", "remove it and reference a Secret in database.passwordSecret");
    }
  }

  private void checkStorage(ObjectStore store) {
    List<String> providers = Stream.of(
            store.s3().map(x -> "s3"), store.gcs().map(x -> "gcs"), store.azure().map(x -> "azure"), store.minio().map(x -> "minio"))
        .flatMap(Optional::stream).toList();
    if (providers.size() != 1) {
      add("storage", providers.isEmpty() ? "names no object store" : "names " + providers.size() + " object stores " + providers,
          "set exactly one of storage.s3, storage.gcs, storage.azure, storage.minio");
    }
    boolean azure = store.azure().isPresent();
    if (required("storage.metadataBucket", store.metadataBucket(), "name the bucket for Flyte's metadata")) {
      bucket("storage.metadataBucket", store.metadataBucket(), azure);
    }
    store.userDataBucket().ifPresent(b -> bucket("storage.userDataBucket", b, azure));
    store.s3().ifPresent(s3 -> {
      if (required("storage.s3.region", s3.region(), "give the buckets' AWS region, e.g. us-east-1")
          && !isToken(s3.region()) && !AWS_REGION.matcher(s3.region()).matches()) {
        add("storage.s3.region", "'" + s3.region() + "' is not an AWS region", "use a region code such as us-east-1");
      }
      s3.endpoint().ifPresent(e -> url("storage.s3.endpoint", e));
    });
    store.gcs().ifPresent(gcs -> {
      if (required("storage.gcs.project", gcs.project(), "give the GCP project id")
          && !GCP_PROJECT.matcher(gcs.project()).matches()) {
        add("storage.gcs.project", "'" + gcs.project() + "' is not a GCP project id",
            "use 6-30 lower-case letters, digits and '-', starting with a letter");
      }
    });
    store.azure().ifPresent(account -> {
      if (required("storage.azure.account", account.account(), "name the storage account")
          && !AZURE_ACCOUNT.matcher(account.account()).matches()) {
        add("storage.azure.account", "'" + account.account() + "' is not a storage account name",
            "use 3-24 lower-case letters and digits");
      }
    });
    store.minio().ifPresent(minio -> {
      required("storage.minio.region", minio.region(), "give a region name, e.g. us-east-1");
      if (minio.inCluster().isPresent()) {
        String generated = "the in-cluster MinIO's access key is generated into a Secret";
        absent("storage.minio.endpoint", minio.endpoint(), "the in-cluster MinIO is reached at its Service");
        absent("storage.minio.accessKeyId", minio.accessKeyId(), generated);
        absent("storage.minio.secretAccessKey", minio.secretAccessKey(), generated);
        absent("storage.minio.credentialsConfig", minio.credentialsConfig().orElse(null), generated);
        checkInClusterServer("storage.minio.inCluster", minio.inCluster().get());
        return;
      }
      if (required("storage.minio.endpoint", minio.endpoint(), "give the S3 API URL, e.g. http://minio.flyte:9000, or set inCluster")) {
        url("storage.minio.endpoint", minio.endpoint());
      }
      if (required("storage.minio.accessKeyId", minio.accessKeyId(), "reference the Secret key holding the access key id")) {
        secretRef("storage.minio.accessKeyId", minio.accessKeyId());
      }
      if (required("storage.minio.secretAccessKey", minio.secretAccessKey(), "reference the Secret key holding the secret key")) {
        secretRef("storage.minio.secretAccessKey", minio.secretAccessKey());
      }
      minio.credentialsConfig().ifPresent(ref -> secretRef("storage.minio.credentialsConfig", ref));
    });
  }

  private void checkInClusterServer(String path, InClusterServer server) {
    quantity(path + ".storageSize", server.storageSize()).filter(size -> size.signum() <= 0).ifPresent(size ->
        add(path + ".storageSize", "must be larger than zero", "give the volume's size, e.g. 10Gi"));
    server.storageClass().ifPresent(c -> matches(path + ".storageClass", c, DNS_1123_SUBDOMAIN, 253, "a StorageClass name"));
    if (server.resources() != null) {
      checkResources(path + ".resources", server.resources());
    }
    required(path + ".image", server.image(), "name a pinned image, or leave image out for the default");
  }

  private void checkIdentity(String path, WorkloadIdentity identity) {
    long set = Stream.of(identity.awsRoleArn(), identity.gcpServiceAccount(), identity.azureClientId())
        .filter(Optional::isPresent).count();
    if (set != 1) {
      add(path, set == 0 ? "names no identity" : "names " + set + " identities",
          "set exactly one of awsRoleArn, gcpServiceAccount, azureClientId");
    }
    identity.awsRoleArn().filter(arn -> !isToken(arn) && !IAM_ROLE_ARN.matcher(arn).matches()).ifPresent(arn ->
        add(path + ".awsRoleArn", "'" + arn + "' is not an IAM role ARN", "use arn:aws:iam::<12-digit account>:role/<name>"));
    identity.gcpServiceAccount().filter(email -> !GCP_SA_EMAIL.matcher(email).matches()).ifPresent(email ->
        add(path + ".gcpServiceAccount", "'" + email + "' is not a Google service account email",
            "use <name>@<project>.iam.gserviceaccount.com"));
    identity.azureClientId().filter(id -> !UUID.matcher(id).matches()).ifPresent(id ->
        add(path + ".azureClientId", "'" + id + "' is not a client id", "use the managed identity's client id, a UUID"));
  }

  private void checkIngress(IngressSettings ingress) {
    ingress.className().ifPresent(c -> matches("ingress.className", c, DNS_1123_SUBDOMAIN, 253, "a DNS-1123 subdomain"));
    ingress.host().ifPresent(host -> {
      String bare = host.startsWith("*.") ? host.substring(2) : host;
      matches("ingress.host", bare, DNS_1123_SUBDOMAIN, 253, "a DNS name such as flyte.example.com");
    });
    ingress.tlsSecret().ifPresent(secret -> {
      matches("ingress.tlsSecret", secret, DNS_1123_SUBDOMAIN, 253, "a Secret name (DNS-1123 subdomain)");
      if (ingress.host().isEmpty()) {
        add("ingress.tlsSecret", "is set but ingress.host is not", "set ingress.host to the name the certificate is for");
      }
    });
    annotations("ingress.annotations", ingress.annotations());
    annotations("ingress.httpAnnotations", ingress.httpAnnotations());
    annotations("ingress.grpcAnnotations", ingress.grpcAnnotations());
  }

  private void checkComponent(String path, ComponentSettings component) {
    if (component.replicas() < 0) {
      add(path + ".replicas", "must not be negative, got " + component.replicas(), "use 1 or more");
    }
    if (component.resources() != null) {
      checkResources(path + ".resources", component.resources());
    }
  }

  private void checkResources(String path, Resources r) {
    Optional<BigDecimal> cpu = quantity(path + ".cpu", r.cpu());
    Optional<BigDecimal> memory = quantity(path + ".memory", r.memory());
    Optional<BigDecimal> cpuLimit = r.cpuLimit().flatMap(q -> quantity(path + ".cpuLimit", q));
    Optional<BigDecimal> memoryLimit = quantity(path + ".memoryLimit", r.memoryLimit());
    if (cpu.isPresent() && cpuLimit.isPresent() && cpu.get().compareTo(cpuLimit.get()) > 0) {
      add(path + ".cpu", "request " + r.cpu() + " exceeds the limit " + r.cpuLimit().orElseThrow(),
          "lower the request or raise cpuLimit (Kubernetes rejects such a pod)");
    }
    if (memory.isPresent() && memoryLimit.isPresent() && memory.get().compareTo(memoryLimit.get()) > 0) {
      add(path + ".memory", "request " + r.memory() + " exceeds the limit " + r.memoryLimit(),
          "lower the request or raise memoryLimit (Kubernetes rejects such a pod)");
    }
  }

  private void checkProjects(List<Project> projects, List<Domain> domains) {
    int longestSuffix = domains.stream().map(Domain::name).filter(n -> n != null).mapToInt(n -> n.length() + 1).max()
        .orElse(LONGEST_DOMAIN_SUFFIX);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < projects.size(); i++) {
      String path = "projects[" + i + "].name";
      String name = projects.get(i).name();
      if (required(path, name, "name the project, e.g. flytesnacks")
          && matches(path, name, DNS_1123_LABEL, 63 - longestSuffix,
              "a DNS-1123 label short enough for the namespace <project>-<domain>")
          && !seen.add(name)) {
        add(path, "'" + name + "' is listed twice", "remove the duplicate");
      }
      checkProjectQuotas("projects[" + i + "].quotas", projects.get(i), domains);
    }
  }

  /** A project's quota overrides a domain's template values, so the domain must have that template. */
  private void checkProjectQuotas(String path, Project project, List<Domain> domains) {
    project.quotas().forEach((domainName, quota) -> {
      String quotaPath = path + "." + domainName;
      Optional<Domain> domain = domains.stream().filter(d -> domainName.equals(d.name())).findFirst();
      if (domain.isEmpty()) {
        add(quotaPath, "'" + domainName + "' is not a domain", "use one of the names in domains");
        return;
      }
      if (domain.get().quota().isEmpty()) {
        add(quotaPath, "overrides a quota the domain does not have",
            "give domain " + domainName + " a quota too: its ResourceQuota template is what this overrides");
        return;
      }
      quantity(quotaPath + ".cpu", quota.cpu());
      quantity(quotaPath + ".memory", quota.memory());
      if (quota.gpu().isPresent() != domain.get().quota().flatMap(Quota::gpu).isPresent()) {
        add(quotaPath + ".gpu", quota.gpu().isPresent() ? "is set but the domain counts no GPUs" : "is missing while the domain counts GPUs",
            "count GPUs in both the domain's and the project's quota, or in neither");
      }
    });
  }

  private void checkDomains(List<Domain> domains) {
    if (domains.isEmpty()) {
      add("domains", "is empty", "list at least one domain, e.g. development");
    }
    Set<String> seen = new HashSet<>();
    long withQuota = domains.stream().filter(domain -> domain.quota().isPresent()).count();
    long withGpu = domains.stream().filter(domain -> domain.quota().flatMap(Quota::gpu).isPresent()).count();
    for (int i = 0; i < domains.size(); i++) {
      Domain domain = domains.get(i);
      String path = "domains[" + i + "]";
      if (required(path + ".name", domain.name(), "name the domain, e.g. production")
          && matches(path + ".name", domain.name(), DNS_1123_LABEL, 30, "a DNS-1123 label")
          && !seen.add(domain.name())) {
        add(path + ".name", "'" + domain.name() + "' is listed twice", "remove the duplicate");
      }
      if (domain.quota().isEmpty() && withQuota > 0) {
        add(path + ".quota", "is missing while other domains have one",
            "give every domain a quota: the ResourceQuota template reads each domain's values");
      }
      domain.taskIdentity().ifPresent(identity -> {
        checkIdentity(path + ".taskIdentity", identity);
        Optional<WorkloadIdentity> other = deployment.taskIdentity().or(() -> domains.stream()
            .flatMap(x -> x.taskIdentity().stream()).findFirst());
        if (other.isPresent() && !sameCloud(identity, other.get())) {
          add(path + ".taskIdentity", "names another cloud's identity than the other task identities",
              "use one cloud for every domain: the namespace template has one annotation key");
        }
        if (deployment.taskIdentity().isEmpty() && domains.stream().anyMatch(x -> x.taskIdentity().isEmpty())) {
          add(path + ".taskIdentity", "is set for some domains only, and taskIdentity is not set",
              "set taskIdentity as the default, or a taskIdentity on every domain");
        }
      });
      domain.quota().ifPresent(quota -> {
        quantity(path + ".quota.cpu", quota.cpu());
        quantity(path + ".quota.memory", quota.memory());
        quota.gpu().filter(gpu -> !gpu.matches("\\d+")).ifPresent(gpu ->
            add(path + ".quota.gpu", "'" + gpu + "' is not a whole number of GPUs", "write a count such as \"4\""));
        if (quota.gpu().isEmpty() && withGpu > 0) {
          add(path + ".quota.gpu", "is missing while other domains count GPUs", "give every domain a GPU count, \"0\" for none");
        }
      });
    }
  }

  /** What only the core topology has: propeller scale, sharding, autoscaling, multi-cluster. */
  private void checkCore(FlyteDeployment d) {
    boolean core = d.topology() == Topology.CORE;
    if (!core && d.multiCluster().isPresent()) {
      add("multiCluster", "needs topology core", "set topology: core, or remove multiCluster");
    }
    if (core && d.multiCluster().isPresent() && d.storage() != null
        && d.storage().minio().flatMap(MinioStorage::inCluster).isPresent()) {
      add("storage.minio.inCluster", "data planes in other clusters cannot reach a MinIO inside the control plane's cluster",
          "give storage.minio.endpoint of an object store every cluster reaches");
    }
    PropellerSettings propeller = d.propeller();
    if (propeller != null) {
      if (!core && propeller.sharding().isPresent()) {
        add("propeller.sharding", "needs topology core", "set topology: core, or remove propeller.sharding");
      }
      positive("propeller.workers", propeller.workers(), "use 10 to 100 workers");
      positive("propeller.kubeClientQps", propeller.kubeClientQps(), "use e.g. 100");
      positive("propeller.kubeClientBurst", propeller.kubeClientBurst(), "use e.g. 25");
      if (propeller.maxWorkflowRetries() < 0) {
        add("propeller.maxWorkflowRetries", "must not be negative", "use e.g. 50");
      }
      propeller.sharding().ifPresent(sharding -> checkSharding(sharding, d.domains()));
    }
    Components c = d.components();
    if (c != null && core) {
      Map<String, ComponentSettings> components = new LinkedHashMap<>();
      components.put("flyteadmin", c.flyteadmin());
      components.put("flytepropeller", c.flytepropeller());
      components.put("datacatalog", c.datacatalog());
      components.put("flyteconsole", c.flyteconsole());
      components.put("flytescheduler", c.flytescheduler());
      components.put("webhook", c.webhook());
      components.put("syncresources", c.syncresources());
      components.forEach((name, settings) -> {
        String path = "components." + name;
        checkComponent(path, settings);
        if ((name.equals("flytescheduler") || name.equals("syncresources")) && settings.replicas() != 1) {
          add(path + ".replicas", name + " runs exactly one replica, got " + settings.replicas(),
              "set replicas: 1 (a second one would repeat its work)");
        }
        settings.autoscaling().ifPresent(autoscaling -> {
          if (!name.equals("flyteadmin") && !name.equals("flyteconsole")) {
            add(path + ".autoscaling", "is only available for flyteadmin and flyteconsole", "remove it; set replicas instead");
          }
          if (autoscaling.minReplicas() < 1 || autoscaling.minReplicas() > autoscaling.maxReplicas()) {
            add(path + ".autoscaling.minReplicas", "must be between 1 and maxReplicas (" + autoscaling.maxReplicas() + "), got "
                + autoscaling.minReplicas(), "e.g. minReplicas: 2, maxReplicas: 5");
          }
          if (autoscaling.targetCpuUtilizationPercent() < 1 || autoscaling.targetCpuUtilizationPercent() > 100) {
            add(path + ".autoscaling.targetCpuUtilizationPercent", "must be between 1 and 100", "use e.g. 80");
          }
        });
      });
    }
    d.multiCluster().ifPresent(this::checkMultiCluster);
  }

  private void checkSharding(PropellerSharding sharding, List<Domain> domains) {
    if (!required("propeller.sharding.type", sharding.type(), "choose hash, project or domain")) {
      return;
    }
    if (sharding.type() == PropellerSharding.Type.HASH) {
      if (sharding.shardCount() < 2) {
        add("propeller.sharding.shardCount", "must be at least 2 for hash sharding, got " + sharding.shardCount(), "use e.g. 4");
      }
      if (!sharding.shards().isEmpty()) {
        add("propeller.sharding.shards", "is for project and domain sharding", "remove it, or use type project or domain");
      }
      return;
    }
    if (sharding.shards().size() < 2) {
      add("propeller.sharding.shards", "needs at least 2 shards, got " + sharding.shards().size(),
          "list the ids of each shard, e.g. [[flytesnacks], ['*']]");
    }
    Set<String> seen = new HashSet<>();
    Set<String> domainNames = new HashSet<>();
    domains.forEach(domain -> domainNames.add(domain.name()));
    for (int i = 0; i < sharding.shards().size(); i++) {
      List<String> ids = sharding.shards().get(i);
      String path = "propeller.sharding.shards[" + i + "]";
      if (ids.isEmpty()) {
        add(path, "is empty", "list at least one id, or '*' for all the rest");
      }
      for (String id : ids) {
        if (!seen.add(id)) {
          add(path, "'" + id + "' is in more than one shard", "put every id in exactly one shard");
        } else if (id.equals("*") && (ids.size() != 1 || i != sharding.shards().size() - 1)) {
          add(path, "'*' must be alone in the last shard", "move '*' to a last shard of its own");
        } else if (sharding.type() == PropellerSharding.Type.DOMAIN && !id.equals("*") && !domainNames.contains(id)) {
          add(path, "'" + id + "' is not a domain", "use one of " + new TreeSet<>(domainNames));
        }
      }
    }
  }

  private void checkMultiCluster(MultiCluster multi) {
    required("multiCluster.adminEndpoint", multi.adminEndpoint(), "give FlyteAdmin's gRPC address as data planes reach it, e.g. dns:///flyte.example.com:443");
    required("multiCluster.catalogEndpoint", multi.catalogEndpoint(), "give DataCatalog's gRPC address as data planes reach it");
    if (required("multiCluster.controlPlaneName", multi.controlPlaneName(), "name the control plane, e.g. control-plane")) {
      matches("multiCluster.controlPlaneName", multi.controlPlaneName(), DNS_1123_LABEL, 63, "a DNS-1123 label");
    }
    List<DataPlaneCluster> planes = multi.dataPlanes();
    if (planes.stream().noneMatch(DataPlaneCluster::enabled)) {
      add("multiCluster.dataPlanes", planes.isEmpty() ? "is empty" : "has no enabled cluster",
          "list at least one enabled data plane: executions need somewhere to run");
    }
    Set<String> names = new HashSet<>();
    Set<String> servedLabels = new HashSet<>();
    Map<String, String> firstUse = new TreeMap<>();
    for (int i = 0; i < planes.size(); i++) {
      DataPlaneCluster plane = planes.get(i);
      String path = "multiCluster.dataPlanes[" + i + "]";
      if (required(path + ".name", plane.name(), "name the cluster, e.g. dp-us-east-1")
          && matches(path + ".name", plane.name(), DNS_1123_LABEL, 63, "a DNS-1123 label")) {
        if (!names.add(plane.name()) || plane.name().equals(multi.controlPlaneName())) {
          add(path + ".name", "'" + plane.name() + "' is not unique", "give every cluster, control plane included, its own name");
        }
      }
      if (required(path + ".endpoint", plane.endpoint(), "give the cluster's API server URL")
          && !isToken(plane.endpoint()) && !plane.endpoint().matches("https://[^\\s/]+(:\\d+)?/?")) {
        add(path + ".endpoint", "'" + plane.endpoint() + "' is not an https API server URL", "write it as https://host[:port]");
      }
      if (required(path + ".credentialsSecret", plane.credentialsSecret(), "name the Secret holding the token and ca.crt")) {
        matches(path + ".credentialsSecret", plane.credentialsSecret(), DNS_1123_SUBDOMAIN, 253, "a Secret name");
      }
      for (int j = 0; j < plane.labels().size(); j++) {
        String label = plane.labels().get(j);
        matches(path + ".labels[" + j + "]", label, DNS_1123_LABEL, 63, "a DNS-1123 label");
        firstUse.putIfAbsent(label, path + ".labels[" + j + "]");
        if (plane.enabled()) {
          servedLabels.add(label);
        }
      }
    }
    firstUse.forEach((label, path) -> {
      if (!servedLabels.contains(label)) {
        add(path, "label '" + label + "' points at no enabled cluster", "enable a cluster that carries it, or remove the label");
      }
    });
  }

  private static boolean sameCloud(WorkloadIdentity a, WorkloadIdentity b) {
    return a.awsRoleArn().isPresent() == b.awsRoleArn().isPresent()
        && a.gcpServiceAccount().isPresent() == b.gcpServiceAccount().isPresent()
        && a.azureClientId().isPresent() == b.azureClientId().isPresent();
  }

  private void positive(String path, int value, String fix) {
    if (value < 1) {
      add(path, "must be at least 1, got " + value, fix);
    }
  }

  private void checkTaskLogs(TaskLogs logs) {
    if (logs.cloudwatchRegion().isPresent() != logs.cloudwatchLogGroup().isPresent()) {
      String missing = logs.cloudwatchRegion().isPresent() ? "taskLogs.cloudwatchLogGroup" : "taskLogs.cloudwatchRegion";
      add(missing, "is required with " + (missing.endsWith("Group") ? "cloudwatchRegion" : "cloudwatchLogGroup"),
          "set both, e.g. us-east-1 and /aws/eks/<cluster>/cluster");
    }
    logs.cloudwatchRegion().filter(r -> !isToken(r) && !AWS_REGION.matcher(r).matches()).ifPresent(r ->
        add("taskLogs.cloudwatchRegion", "'" + r + "' is not an AWS region", "use a region code such as us-east-1"));
    logs.stackdriverProject().filter(p -> !GCP_PROJECT.matcher(p).matches()).ifPresent(p ->
        add("taskLogs.stackdriverProject", "'" + p + "' is not a GCP project id", "use the project id of the GKE cluster"));
    logs.azure().ifPresent(azure -> {
      if (required("taskLogs.azure.tenantId", azure.tenantId(), "give the Entra ID tenant id, a UUID")
          && !UUID.matcher(azure.tenantId()).matches()) {
        add("taskLogs.azure.tenantId", "'" + azure.tenantId() + "' is not a tenant id", "use the Entra ID tenant id, a UUID");
      }
      if (required("taskLogs.azure.subscriptionId", azure.subscriptionId(), "give the workspace's subscription id, a UUID")
          && !UUID.matcher(azure.subscriptionId()).matches()) {
        add("taskLogs.azure.subscriptionId", "'" + azure.subscriptionId() + "' is not a subscription id", "use the subscription id, a UUID");
      }
      if (required("taskLogs.azure.resourceGroup", azure.resourceGroup(), "give the workspace's resource group")
          && !AZURE_RESOURCE_GROUP.matcher(azure.resourceGroup()).matches()) {
        add("taskLogs.azure.resourceGroup", "'" + azure.resourceGroup() + "' is not a resource group name",
            "use 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'");
      }
      if (required("taskLogs.azure.workspace", azure.workspace(), "give the Log Analytics workspace's name")
          && !AZURE_LOG_WORKSPACE.matcher(azure.workspace()).matches()) {
        add("taskLogs.azure.workspace", "'" + azure.workspace() + "' is not a Log Analytics workspace name",
            "use 4-63 letters, digits or '-', starting and ending with a letter or digit");
      }
    });
    logs.kubernetesTemplateUri().filter(u -> !TEMPLATE_URL.matcher(u).matches()).ifPresent(u ->
        add("taskLogs.kubernetesTemplateUri", "'" + u + "' is not an http(s) URL template",
            "write it as https://host/path with {{ .namespace }}, {{ .podName }}, {{ .containerName }} where needed"));
  }

  private void checkNoSecrets(String path, Map<String, ?> config) {
    for (Map.Entry<String, ?> entry : config.entrySet()) {
      String key = entry.getKey();
      String childPath = path + "." + key;
      String normalized = key.toLowerCase(Locale.ROOT).replace("-", "_");
      boolean secretWord = SECRET_WORDS.stream().anyMatch(normalized::contains);
      boolean reference = REFERENCE_SUFFIXES.stream().anyMatch(normalized::endsWith);
      if (secretWord && !reference && !(entry.getValue() instanceof Map)) {
        add(childPath, "looks like a credential in plain text, which would land in a ConfigMap",
            "keep it in a Secret and point Flyte at the mounted file (e.g. database.passwordSecret)");
      }
      if (entry.getValue() instanceof Map<?, ?> child) {
        @SuppressWarnings("unchecked")
        Map<String, ?> typed = (Map<String, ?>) child;
        checkNoSecrets(childPath, typed);
      }
    }
  }

  // ---- small checks, each adding at most one problem ----

  private boolean required(String path, Object value, String fix) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      add(path, "is required", fix);
      return false;
    }
    return true;
  }

  private void absent(String path, Object value, String why) {
    if (value != null) {
      add(path, "must not be set: " + why, "remove " + path.substring(path.lastIndexOf('.') + 1));
    }
  }

  private boolean matches(String path, String value, Pattern pattern, int maxLength, String what) {
    if (isToken(value)) {
      return true;
    }
    if (value.length() > maxLength) {
      add(path, "'" + value + "' has " + value.length() + " characters, at most " + maxLength + " are allowed",
          "shorten it to " + what);
      return false;
    }
    if (!pattern.matcher(value).matches()) {
      add(path, "'" + value + "' is not valid", "use " + what + ", at most " + maxLength + " characters");
      return false;
    }
    return true;
  }

  private void port(String path, int port) {
    if (port < 1 || port > 65535) {
      add(path, "must be between 1 and 65535, got " + port, "use the server's port, 5432 for PostgreSQL");
    }
  }

  private void secretRef(String path, SecretKeyRef ref) {
    if (required(path + ".name", ref.name(), "name the Secret")) {
      matches(path + ".name", ref.name(), DNS_1123_SUBDOMAIN, 253, "a Secret name (DNS-1123 subdomain)");
    }
    if (required(path + ".key", ref.key(), "name the key inside the Secret")) {
      matches(path + ".key", ref.key(), SECRET_KEY, 253, "letters, digits, '-', '_' and '.'");
    }
  }

  private void bucket(String path, String name, boolean azure) {
    if (azure) {
      matches(path, name, AZURE_CONTAINER, 63, "an Azure container name: 3-63 lower-case letters, digits and single '-'");
    } else {
      matches(path, name, BUCKET, 63, "a bucket name: 3-63 lower-case letters, digits, '.' and '-'");
    }
  }

  private void url(String path, String value) {
    if (!isToken(value) && !URL.matcher(value).matches()) {
      add(path, "'" + value + "' is not an http(s) URL", "write it as http://host:port or https://host");
    }
  }

  private Optional<BigDecimal> quantity(String path, String value) {
    if (!required(path, value, "give a Kubernetes quantity such as 500m or 1Gi")) {
      return Optional.empty();
    }
    var m = QUANTITY.matcher(value);
    if (!m.matches()) {
      add(path, "'" + value + "' is not a Kubernetes quantity", "write it like 500m, 2, 512Mi or 1Gi");
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(3) == null ? "" : m.group(3);
    return Optional.of(number.multiply(multiplier(suffix)));
  }

  private static BigDecimal multiplier(String suffix) {
    return switch (suffix) {
      case "m" -> new BigDecimal("0.001");
      case "k" -> BigDecimal.TEN.pow(3);
      case "M" -> BigDecimal.TEN.pow(6);
      case "G" -> BigDecimal.TEN.pow(9);
      case "T" -> BigDecimal.TEN.pow(12);
      case "P" -> BigDecimal.TEN.pow(15);
      case "E" -> BigDecimal.TEN.pow(18);
      case "Ki" -> BigDecimal.valueOf(2).pow(10);
      case "Mi" -> BigDecimal.valueOf(2).pow(20);
      case "Gi" -> BigDecimal.valueOf(2).pow(30);
      case "Ti" -> BigDecimal.valueOf(2).pow(40);
      case "Pi" -> BigDecimal.valueOf(2).pow(50);
      case "Ei" -> BigDecimal.valueOf(2).pow(60);
      default -> BigDecimal.ONE;
    };
  }

  private void annotations(String path, Map<String, String> annotations) {
    annotations.keySet().stream().sorted().forEach(key -> {
      if (!ANNOTATION_KEY.matcher(key).matches() || key.length() > 316) {
        add(path + "." + key, "is not a valid annotation key", "use [prefix/]name, e.g. alb.ingress.kubernetes.io/scheme");
      }
    });
  }

  private static boolean isToken(String value) {
    return value.contains("${Token[");
  }

  private void add(String path, String message, String fix) {
    problems.add(new Problem(path, message, fix));
  }
}
