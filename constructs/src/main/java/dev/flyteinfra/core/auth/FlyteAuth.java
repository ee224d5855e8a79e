package dev.flyteinfra.core.auth;

import static dev.flyteinfra.core.config.ConfigTree.map;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.manifest.Workloads;
import dev.flyteinfra.core.yaml.Yaml;
import dev.flyteinfra.core.model.Auth;
import dev.flyteinfra.core.model.SecretKeyRef;
import dev.flyteinfra.core.plan.Plan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Flyte's sign-in, as config and objects: FlyteAdmin's (or flyte-binary's) {@code auth} section,
 * the client config FlytePropeller and FlyteScheduler sign in with, the secrets they read from
 * {@value #SECRETS_DIR}, and the Job that generates FlyteAdmin's cookie and token-signing keys
 * once, with Flyte's own {@code secrets init}, and keeps them from then on (the official charts
 * generate new ones at every start of FlyteAdmin, which signs everyone out, and per replica).
 */
public final class FlyteAuth {
  /** Where Flyte reads its secrets by default. */
  public static final String SECRETS_DIR = "/etc/secrets";
  /** The file FlyteAdmin reads the OIDC client secret from ({@code auth.userAuth.openId.clientSecretName}'s default). */
  static final String OIDC_CLIENT_SECRET_FILE = "oidc_client_secret";
  /** The file FlytePropeller and FlyteScheduler read the service client's secret from. */
  static final String SERVICE_CLIENT_SECRET_FILE = "client_secret";
  /** The flytectl redirect Flyte's public clients use (a local listener of flytectl and pyflyte). */
  static final String FLYTECTL_REDIRECT = "http://localhost:53593/callback";
  /** The config file, inside the clients Secret, that holds the internal server's client hashes. */
  public static final String CLIENTS_CONFIG_FILE = "auth-clients.yaml";
  private static final String KEYS_APP = "auth-keys";
  private static final String WORK_DIR = "/work";
  /** Creates the keys Secret from the files in $WORK/keys, unless it exists (kubectl in the pod's namespace). */
  private static final String STORE_KEYS_SCRIPT = """
      if kubectl get secret "$KEYS" >/dev/null 2>&1; then
        echo "Secret $KEYS exists, kept"
      else
        kubectl create secret generic "$KEYS" --from-file="$WORK/keys"
      fi
      """;
  private static final List<String> ALL_SCOPES = List.of("all", "offline", "access_token");

  private final Plan plan;
  private final Auth auth;

  private FlyteAuth(Plan plan, Auth auth) {
    this.plan = plan;
    this.auth = auth;
  }

  /** The deployment's sign-in, when it has one. */
  public static Optional<FlyteAuth> of(Plan plan) {
    return plan.deployment().auth().map(auth -> new FlyteAuth(plan, auth));
  }

  /** The Secret the keys Job generates: cookie hash and block keys, the claim key, the token-signing RSA key. */
  public String keysSecret() {
    return plan.nameWith("auth-keys");
  }

  /** The Secret with the internal authorization server's client hashes, as a config file. */
  public String clientsSecret() {
    return plan.nameWith("auth-clients");
  }

  /**
   * FlyteAdmin's {@code auth} section and {@code server.security.useAuth}; {@code adminUrls} are
   * the in-cluster URLs of FlyteAdmin's HTTP service, authorized beside the Ingress host.
   */
  public Map<String, Object> adminConfig(List<String> adminUrls) {
    List<String> authorizedUris = new ArrayList<>();
    plan.deployment().ingress().flatMap(ingress -> ingress.host()).ifPresent(host -> authorizedUris.add("https://" + host));
    authorizedUris.addAll(auth.authorizedUris());
    authorizedUris.addAll(adminUrls);
    Map<String, Object> openId = map("baseUrl", auth.issuerUrl(), "clientId", auth.clientId(), "scopes", userScopes());
    Map<String, Object> appAuth = new LinkedHashMap<>();
    if (auth.authorizationServer() == Auth.AuthorizationServer.INTERNAL) {
      appAuth.put("authServerType", "Self");
      Map<String, Object> clients = new LinkedHashMap<>();
      clients.put(serviceClientId(), confidentialClient(serviceClientId()));
      auth.ciClients().forEach(client -> clients.put(client.id(), confidentialClient(client.id())));
      clients.put(Auth.FLYTECTL_CLIENT, publicClient(Auth.FLYTECTL_CLIENT));
      clients.put(Auth.FLYTE_CLI_CLIENT, publicClient(Auth.FLYTE_CLI_CLIENT));
      appAuth.put("selfAuthServer", map("staticClients", clients));
      appAuth.put("thirdPartyConfig", map("flyteClient", map(
          "clientId", Auth.FLYTECTL_CLIENT, "redirectUri", FLYTECTL_REDIRECT, "scopes", List.of("all"), "audience", "")));
    } else {
      Map<String, Object> external = map("baseUrl", auth.issuerUrl());
      metadataUrl().ifPresent(url -> external.put("metadataUrl", url));
      auth.audience().ifPresent(audience -> external.put("allowedAudience", List.of(audience)));
      appAuth.put("authServerType", "External");
      appAuth.put("externalAuthServer", external);
      appAuth.put("thirdPartyConfig", map("flyteClient", map(
          "clientId", auth.flytectlClientId().orElseThrow(), "redirectUri", FLYTECTL_REDIRECT,
          "scopes", externalScopes(), "audience", auth.audience().orElse(""))));
    }
    return map(
        "auth", map("appAuth", appAuth, "authorizedUris", authorizedUris, "userAuth", map("openId", openId)),
        "server", map("security", map("useAuth", true)));
  }

  /** The four in-cluster URLs of a Service port, as the official charts authorize them. */
  public List<String> serviceUrls(String service, int port) {
    String namespace = plan.namespace();
    return List.of(
        "http://" + service + ":" + port,
        "http://" + service + "." + namespace + ":" + port,
        "http://" + service + "." + namespace + ".svc:" + port,
        "http://" + service + "." + namespace + ".svc.cluster.local:" + port);
  }

  /** The {@code admin} keys FlytePropeller and FlyteScheduler sign in to FlyteAdmin with (client credentials). */
  public Map<String, Object> serviceClientConfig() {
    Map<String, Object> admin = map(
        "authType", "ClientSecret",
        "clientId", serviceClientId(),
        "clientSecretLocation", SECRETS_DIR + "/" + SERVICE_CLIENT_SECRET_FILE);
    if (auth.authorizationServer() == Auth.AuthorizationServer.EXTERNAL) {
      admin.put("scopes", externalScopes());
      admin.put("useAudienceFromAdmin", auth.audience().isPresent());
    }
    return admin;
  }

  /**
   * The Secret with the internal server's client hashes ({@code staticClients.<id>.client_secret})
   * as a Flyte config file; bcrypt hashes, which authenticate nobody. Empty for an external server.
   */
  public Optional<Secret> clientHashes(Function<String, ObjectMeta> meta) {
    if (auth.authorizationServer() != Auth.AuthorizationServer.INTERNAL) {
      return Optional.empty();
    }
    Map<String, Object> clients = new TreeMap<>();
    clients.put(serviceClientId(), map("client_secret", auth.serviceClientSecretHash().orElseThrow()));
    auth.ciClients().forEach(client -> clients.put(client.id(), map("client_secret", client.secretHash())));
    String file = Yaml.write(map("auth", map("appAuth", map("selfAuthServer", map("staticClients", clients)))));
    return Optional.of(new SecretBuilder().withMetadata(meta.apply(clientsSecret())).withType("Opaque")
        .withStringData(Map.of(CLIENTS_CONFIG_FILE, file)).build());
  }

  /** Adds the client hashes' config file to a Flyte config volume, for an internal server. */
  public Volume withClientHashes(Volume config) {
    if (auth.authorizationServer() == Auth.AuthorizationServer.INTERNAL) {
      config.getProjected().getSources().add(new VolumeProjectionBuilder().withNewSecret().withName(clientsSecret())
          .addNewItem().withKey(CLIENTS_CONFIG_FILE).withPath(CLIENTS_CONFIG_FILE).withMode(0440).endItem().endSecret().build());
    }
    return config;
  }

  /** FlyteAdmin's secrets: the generated keys, the OIDC client secret and, for flyte-binary, the service client's secret. */
  public Volume adminSecrets(String volume, boolean withServiceClient) {
    List<VolumeProjection> sources = new ArrayList<>();
    sources.add(new VolumeProjectionBuilder().withNewSecret().withName(keysSecret()).endSecret().build());
    sources.add(secretFile(auth.clientSecret(), OIDC_CLIENT_SECRET_FILE));
    if (withServiceClient) {
      sources.add(secretFile(auth.serviceClientSecret(), SERVICE_CLIENT_SECRET_FILE));
    }
    return projected(volume, sources);
  }

  /** The service client's secret, for FlytePropeller and FlyteScheduler. */
  public Volume serviceClientSecret(String volume) {
    return projected(volume, List.of(secretFile(auth.serviceClientSecret(), SERVICE_CLIENT_SECRET_FILE)));
  }

  /**
   * The Job that fills {@link #keysSecret()} once: Flyte's {@code secrets init} ({@code secretsInit},
   * run from {@code flyteImage} with the config volume at {@code configDir}) writes the keys,
   * and kubectl creates the Secret from them unless it exists. Its service account may create
   * Secrets and read only this one.
   */
  public List<HasMetadata> keysJob(Function<String, ObjectMeta> meta, String flyteImage, List<String> secretsInit,
      Volume config, String configDir) {
    String name = plan.nameWith(KEYS_APP);
    List<String> init = new ArrayList<>(secretsInit);
    init.addAll(List.of("secrets", "init", "--localPath", WORK_DIR + "/keys"));
    Container generate = new ContainerBuilder()
        .withName("generate-keys")
        .withImage(flyteImage)
        .withImagePullPolicy("IfNotPresent")
        .withCommand(init)
        .withResources(Workloads.resources("10m", "32Mi", "128Mi"))
        .withSecurityContext(Workloads.readOnlyRootContainerSecurityContext())
        .withVolumeMounts(
            new VolumeMountBuilder().withName(config.getName()).withMountPath(configDir).withReadOnly(true).build(),
            new VolumeMountBuilder().withName("work").withMountPath(WORK_DIR).build())
        .build();
    Container store = new ContainerBuilder()
        .withName("store-keys")
        .withImage(plan.images().kubectl())
        .withImagePullPolicy("IfNotPresent")
        .withCommand("sh", "-ec", STORE_KEYS_SCRIPT)
        .withEnv(KubeObjects.env("KEYS", keysSecret()), KubeObjects.env("WORK", WORK_DIR), KubeObjects.env("HOME", WORK_DIR))
        .withResources(Workloads.resources("10m", "32Mi", "128Mi"))
        .withSecurityContext(Workloads.readOnlyRootContainerSecurityContext())
        .withVolumeMounts(new VolumeMountBuilder().withName("work").withMountPath(WORK_DIR).build())
        .build();
    Volume work = new VolumeBuilder(KubeObjects.emptyDir("work")).editEmptyDir().withMedium("Memory").endEmptyDir().build();
    var job = new JobBuilder().withMetadata(meta.apply(name))
        .withNewSpec()
          .withBackoffLimit(10)
          .withTtlSecondsAfterFinished(3600)
          .withNewTemplate()
            .withNewMetadata().withLabels(meta.apply(name).getLabels()).endMetadata()
            .withNewSpec()
              .withRestartPolicy("OnFailure")
              .withServiceAccountName(name)
              .withEnableServiceLinks(false)
              .withSecurityContext(Workloads.restrictedPodSecurityContext())
              .withInitContainers(generate)
              .withContainers(store)
              .withVolumes(config, work)
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
    return List.of(
        new ServiceAccountBuilder().withMetadata(meta.apply(name)).build(),
        KubeObjects.secretWriterRole(meta.apply(name), List.of(keysSecret())),
        KubeObjects.roleBinding(meta.apply(name), name),
        job);
  }

  private String serviceClientId() {
    return auth.serviceClientId().orElse(Auth.INTERNAL_SERVICE_CLIENT);
  }

  private List<String> userScopes() {
    // A refresh token keeps users signed in; these providers issue one for offline_access (Google rejects
    // the scope, and a generic provider may not know it).
    boolean refreshTokens = switch (auth.provider()) {
      case OKTA, AZURE_AD, KEYCLOAK -> true;
      case GOOGLE, GENERIC -> false;
    };
    return refreshTokens ? List.of("openid", "profile", "offline_access") : List.of("openid", "profile");
  }

  private List<String> externalScopes() {
    return auth.scopes().isEmpty() ? List.of("all") : auth.scopes();
  }

  /** Okta's custom authorization servers serve OAuth metadata, Flyte's default; the others only OpenID Connect's. */
  private Optional<String> metadataUrl() {
    return auth.provider() == Auth.Provider.OKTA ? Optional.empty() : Optional.of(".well-known/openid-configuration");
  }

  private static Map<String, Object> confidentialClient(String id) {
    return map("id", id, "grant_types", List.of("refresh_token", "client_credentials"),
        "response_types", List.of("token"), "scopes", ALL_SCOPES);
  }

  private static Map<String, Object> publicClient(String id) {
    return map("id", id, "public", true, "grant_types", List.of("refresh_token", "authorization_code"),
        "redirect_uris", List.of(FLYTECTL_REDIRECT, "http://localhost:12345/callback"),
        "response_types", List.of("code", "token"), "scopes", ALL_SCOPES);
  }

  private static VolumeProjection secretFile(SecretKeyRef ref, String path) {
    return new VolumeProjectionBuilder().withNewSecret().withName(ref.name())
        .addNewItem().withKey(ref.key()).withPath(path).withMode(0440).endItem().endSecret().build();
  }

  private static Volume projected(String volume, List<VolumeProjection> sources) {
    return new VolumeBuilder().withName(volume).withNewProjected().withSources(sources).withDefaultMode(0440).endProjected().build();
  }
}
