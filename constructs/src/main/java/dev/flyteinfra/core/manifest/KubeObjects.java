package dev.flyteinfra.core.manifest;

import dev.flyteinfra.core.model.IngressSettings;
import dev.flyteinfra.core.model.SecretKeyRef;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Small builders for the Kubernetes objects every topology renders the same way. */
public final class KubeObjects {
  /** Paths of Flyte's HTTP API and console behind an Ingress (as the official charts route them). */
  public static final List<String> HTTP_PATHS = List.of(
      "/console", "/console/*", "/api", "/api/*", "/healthcheck", "/v1/*", "/.well-known", "/.well-known/*",
      "/login", "/login/*", "/logout", "/logout/*", "/callback", "/callback/*", "/me", "/config", "/config/*",
      "/oauth2", "/oauth2/*");
  /** The console's share of {@link #HTTP_PATHS} (flyteconsole in the core topology). */
  public static final List<String> CONSOLE_PATHS = HTTP_PATHS.subList(0, 2);
  /** FlyteAdmin's share of {@link #HTTP_PATHS}. */
  public static final List<String> ADMIN_HTTP_PATHS = HTTP_PATHS.subList(2, HTTP_PATHS.size());
  /** Flyte's gRPC services behind an Ingress, each also with {@code /*}. */
  public static final List<String> GRPC_SERVICES = List.of(
      "/flyteidl.service.AdminService", "/flyteidl.service.AuthMetadataService", "/flyteidl.service.DataProxyService",
      "/flyteidl.service.IdentityService", "/flyteidl.service.SignalService", "/grpc.health.v1.Health");

  /** DataCatalog's gRPC service: flyteidl's datacatalog.proto, package datacatalog, service DataCatalog. */
  public static final String DATACATALOG_GRPC_SERVICE = "/datacatalog.DataCatalog";

  private KubeObjects() {}

  public static ConfigMap configMap(ObjectMeta meta, Map<String, String> data) {
    ConfigMap configMap = new ConfigMap();
    configMap.setMetadata(meta);
    configMap.setData(data);
    return configMap;
  }

  /** A projected volume of ConfigMaps, in order. */
  public static Volume projectedConfigMaps(String volume, String... configMaps) {
    return flyteConfig(volume, Optional.empty(), configMaps);
  }

  /** File name of the storage credentials in a Flyte config directory. */
  public static final String STORAGE_CREDENTIALS_FILE = "storage-credentials.yaml";

  /**
   * A Flyte config directory: the ConfigMaps' files and, when given, the Secret key holding the
   * storage credentials as one more config file ({@value #STORAGE_CREDENTIALS_FILE}, readable by
   * the pod's group only), as the official chart projects its storage Secret.
   */
  public static Volume flyteConfig(String volume, Optional<SecretKeyRef> storageCredentials, String... configMaps) {
    // Set on plain objects: every pod has one or two of these, and a builder copies each level again.
    List<VolumeProjection> sources = new ArrayList<>();
    for (String configMap : configMaps) {
      ConfigMapProjection files = new ConfigMapProjection();
      files.setName(configMap);
      VolumeProjection source = new VolumeProjection();
      source.setConfigMap(files);
      sources.add(source);
    }
    storageCredentials.ifPresent(ref -> sources.add(new VolumeProjectionBuilder().withNewSecret().withName(ref.name())
        .addNewItem().withKey(ref.key()).withPath(STORAGE_CREDENTIALS_FILE).withMode(0440).endItem()
        .endSecret().build()));
    ProjectedVolumeSource projected = new ProjectedVolumeSource();
    projected.setSources(sources);
    Volume config = new Volume();
    config.setName(volume);
    config.setProjected(projected);
    return config;
  }

  /** A Secret volume holding one key of a Secret under another file name, readable by the pod's group only. */
  public static Volume secretFile(String volume, String secret, String key, String path) {
    KeyToPath file = new KeyToPath();
    file.setKey(key);
    file.setPath(path);
    Volume files = secretVolume(volume, secret);
    files.getSecret().setItems(List.of(file));
    return files;
  }

  /** A whole Secret as a volume, readable by the pod's group only. */
  public static Volume secretVolume(String volume, String secret) {
    SecretVolumeSource source = new SecretVolumeSource();
    source.setSecretName(secret);
    source.setDefaultMode(0440);
    Volume files = new Volume();
    files.setName(volume);
    files.setSecret(source);
    return files;
  }

  public static Volume emptyDir(String volume) {
    Volume scratch = new Volume();
    scratch.setName(volume);
    scratch.setEmptyDir(new EmptyDirVolumeSource());
    return scratch;
  }

  public static PolicyRule rule(List<String> apiGroups, List<String> resources, String... verbs) {
    return new PolicyRuleBuilder().withApiGroups(apiGroups).withResources(resources).withVerbs(verbs).build();
  }

  public static ClusterRole clusterRole(ObjectMeta meta, List<PolicyRule> rules) {
    meta.setNamespace(null);
    return new ClusterRoleBuilder().withMetadata(meta).withRules(rules).build();
  }

  /** Binds the cluster role of the same name to a service account. */
  public static ClusterRoleBinding clusterRoleBinding(ObjectMeta meta, String serviceAccount, String namespace) {
    meta.setNamespace(null);
    return new ClusterRoleBindingBuilder()
        .withMetadata(meta)
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", meta.getName())
        .addNewSubject().withKind("ServiceAccount").withName(serviceAccount).withNamespace(namespace).endSubject()
        .build();
  }

  /**
   * A Role that may create Secrets and read and patch only the named ones, for a Job that writes
   * them (Kubernetes cannot limit create to names).
   */
  public static Role secretWriterRole(ObjectMeta meta, List<String> secrets) {
    return new RoleBuilder().withMetadata(meta).withRules(
            rule(List.of(""), List.of("secrets"), "create"),
            new PolicyRuleBuilder(rule(List.of(""), List.of("secrets"), "get", "patch")).withResourceNames(secrets).build())
        .build();
  }

  /** Binds the Role of the same name to a service account in the Role's namespace. */
  public static RoleBinding roleBinding(ObjectMeta meta, String serviceAccount) {
    return roleBinding(meta, serviceAccount, meta.getNamespace());
  }

  /** Binds the Role of the same name to a service account of another namespace. */
  public static RoleBinding roleBinding(ObjectMeta meta, String serviceAccount, String serviceAccountNamespace) {
    return new RoleBindingBuilder()
        .withMetadata(meta)
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", meta.getName())
        .addNewSubject().withKind("ServiceAccount").withName(serviceAccount).withNamespace(serviceAccountNamespace).endSubject()
        .build();
  }

  public static ServicePort servicePort(String name, int port, Object targetPort) {
    IntOrString target = targetPort instanceof Integer number ? new IntOrString(number) : new IntOrString((String) targetPort);
    return new ServicePortBuilder().withName(name).withPort(port).withTargetPort(target).withProtocol("TCP").build();
  }

  public static Service clusterIpService(ObjectMeta meta, Map<String, String> selector, List<ServicePort> ports) {
    ServiceSpec spec = new ServiceSpec();
    spec.setType("ClusterIP");
    spec.setSelector(selector);
    spec.setPorts(ports);
    Service service = new Service();
    service.setMetadata(meta);
    service.setSpec(spec);
    return service;
  }

  /** The same Service as type NodePort, its only port at the given node port. */
  public static Service withNodePort(Service service, int nodePort) {
    return new ServiceBuilder(service).editSpec().withType("NodePort")
        .editFirstPort().withNodePort(nodePort).endPort().endSpec().build();
  }

  public static Probe httpProbe(String path, Object port, int initialDelaySeconds, int failureThreshold) {
    HTTPGetAction get = new HTTPGetAction();
    get.setPath(path);
    get.setPort(port instanceof Integer number ? new IntOrString(number) : new IntOrString((String) port));
    Probe probe = probe(initialDelaySeconds, failureThreshold);
    probe.setHttpGet(get);
    return probe;
  }

  /** A probe every 10 seconds; its action is set by the caller. */
  private static Probe probe(int initialDelaySeconds, int failureThreshold) {
    Probe probe = new Probe();
    probe.setInitialDelaySeconds(initialDelaySeconds);
    probe.setPeriodSeconds(10);
    probe.setFailureThreshold(failureThreshold);
    return probe;
  }

  public static Probe tcpProbe(int port, int initialDelaySeconds, int failureThreshold) {
    TCPSocketAction socket = new TCPSocketAction();
    socket.setPort(new IntOrString(port));
    Probe probe = probe(initialDelaySeconds, failureThreshold);
    probe.setTcpSocket(socket);
    return probe;
  }

  /** Ingress paths to one Service port, as the official charts route them: {@code ImplementationSpecific}, with {@code /*} globs. */
  public static List<HTTPIngressPath> ingressPaths(List<String> paths, String service, int port) {
    return ingressPaths(paths, service, port, "ImplementationSpecific");
  }

  /** Ingress paths of this path type to one Service port. */
  public static List<HTTPIngressPath> ingressPaths(List<String> paths, String service, int port, String pathType) {
    // One backend for every path, and plain constructors: builders would copy it once per path and level.
    IngressBackend backend = new IngressBackend(null, new IngressServiceBackend(service, new ServiceBackendPort(null, port)));
    return paths.stream().map(path -> new HTTPIngressPath(backend, path, pathType)).toList();
  }

  /** Every gRPC service path of FlyteAdmin, with and without {@code /*}. */
  public static List<String> grpcPaths() {
    return grpcPaths(GRPC_SERVICES);
  }

  /** The paths of these gRPC services ({@code /<package>.<Service>}), each with and without {@code /*}. */
  public static List<String> grpcPaths(List<String> services) {
    return services.stream().flatMap(service -> Stream.of(service, service + "/*")).toList();
  }

  /** The namespace, held to the restricted Pod Security Standard that every Flyte pod here meets. */
  public static HasMetadata restrictedNamespace(String name, Map<String, String> labels) {
    Map<String, String> all = new TreeMap<>(labels);
    all.put("pod-security.kubernetes.io/enforce", "restricted");
    return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(all).endMetadata().build();
  }

  /** An Ingress with the settings' class, host and TLS, and its common plus own annotations. */
  public static Ingress ingress(ObjectMeta meta, IngressSettings settings, List<HTTPIngressPath> paths, Map<String, String> own) {
    Map<String, String> annotations = new TreeMap<>(settings.annotations());
    annotations.putAll(own);
    if (!annotations.isEmpty()) {
      meta.setAnnotations(annotations);
    }
    // Set on plain objects: builders would copy every path twice.
    IngressSpec spec = new IngressSpec();
    spec.setIngressClassName(settings.className().orElse(null));
    spec.setRules(List.of(new IngressRule(settings.host().orElse(null), new HTTPIngressRuleValue(paths))));
    settings.tlsSecret().ifPresent(secret -> spec.setTls(List.of(new IngressTLS(List.of(settings.host().orElseThrow()), secret))));
    Ingress ingress = new Ingress();
    ingress.setMetadata(meta);
    ingress.setSpec(spec);
    return ingress;
  }

  /**
   * The Ingress with one more rule, for another host, and with TLS that host's own TLS entry (the
   * same Secret, so its certificate must name that host too).
   */
  public static Ingress withHost(Ingress ingress, IngressSettings settings, String host, List<HTTPIngressPath> paths) {
    IngressSpec spec = ingress.getSpec();
    List<IngressRule> rules = new ArrayList<>(spec.getRules());
    rules.add(new IngressRule(host, new HTTPIngressRuleValue(paths)));
    spec.setRules(rules);
    settings.tlsSecret().ifPresent(secret -> {
      List<IngressTLS> tls = new ArrayList<>(spec.getTls());
      tls.add(new IngressTLS(List.of(host), secret));
      spec.setTls(tls);
    });
    return ingress;
  }

  public static EnvVar env(String name, String value) {
    return new EnvVar(name, value, null);
  }

  public static EnvVar fieldRef(String name, String fieldPath) {
    ObjectFieldSelector field = new ObjectFieldSelector();
    field.setFieldPath(fieldPath);
    EnvVarSource source = new EnvVarSource();
    source.setFieldRef(field);
    return new EnvVar(name, null, source);
  }

  /** POD_NAME and POD_NAMESPACE from the downward API, which Flyte's components read. */
  public static List<EnvVar> podIdentityEnv() {
    return List.of(fieldRef("POD_NAME", "metadata.name"), fieldRef("POD_NAMESPACE", "metadata.namespace"));
  }

  public static EnvVar secretEnv(String name, String secret, String key) {
    SecretKeySelector secretKey = new SecretKeySelector();
    secretKey.setName(secret);
    secretKey.setKey(key);
    EnvVarSource source = new EnvVarSource();
    source.setSecretKeyRef(secretKey);
    return new EnvVar(name, null, source);
  }
}
