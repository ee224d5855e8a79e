package dev.flyteinfra.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of {@code auth:} ({@link Auth}). */
final class AuthChecks {
  private static final Pattern BCRYPT_HASH = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
  private static final String DISCOVERY_SUFFIX = "/.well-known/openid-configuration";

  private AuthChecks() {}

  static void check(Checks c, Auth auth, FlyteDeployment d) {
    if (d.topology() == Topology.SANDBOX) {
      c.add("", "the sandbox is a local, insecure Flyte", "use topology binary or core, with an Ingress host and TLS");
    }
    if (d.ingress().flatMap(IngressSettings::host).isEmpty() || d.ingress().flatMap(IngressSettings::tlsSecret).isEmpty()
        && !d.ingress().get().annotations().containsKey("alb.ingress.kubernetes.io/certificate-arn")) {
      c.add("", "signing in needs Flyte at a public host over TLS (the provider redirects to https://<host>/callback)",
          "set ingress.host and ingress.tlsSecret (or an ACM certificate on an ALB)");
    }
    if (c.required("provider", auth.provider(), "choose one of: okta, google, azure-ad, keycloak, generic")) {
      checkProvider(c, auth);
    }
    c.required("clientId", auth.clientId(), "give the client id of the web application registered for Flyte");
    if (c.required("clientSecret", auth.clientSecret(), "reference the Secret key holding the web application's client secret")) {
      c.secretRef("clientSecret", auth.clientSecret());
    }
    if (c.required("serviceClientSecret", auth.serviceClientSecret(),
        "reference the Secret key holding the secret FlytePropeller and FlyteScheduler sign in with")) {
      c.secretRef("serviceClientSecret", auth.serviceClientSecret());
    }
    auth.authorizedUris().stream().filter(uri -> !Checks.URL.matcher(uri).matches()).forEach(uri ->
        c.add("authorizedUris", "'" + uri + "' is not an http(s) URL", "write it as https://host[:port]"));
    if (auth.authorizationServer() == Auth.AuthorizationServer.INTERNAL) {
      checkInternalServer(c, auth);
    } else {
      checkExternalServer(c, auth);
    }
  }

  private static void checkInternalServer(Checks c, Auth auth) {
    if (auth.serviceClientSecretHash().isEmpty()) {
      c.add("serviceClientSecretHash", "is required with the internal authorization server (Flyte's default hash is public)",
          "give the base64 of the bcrypt hash of the service client's secret: htpasswd -nbBC 10 \"\" \"$SECRET\" | tr -d ':\\n' | base64 -w0");
    }
    auth.serviceClientSecretHash().ifPresent(hash -> bcryptHash(c, "serviceClientSecretHash", hash));
    // Every client id of the internal server once: its public clients, the service client, the CI clients.
    Set<String> ids = new HashSet<>(List.of(Auth.FLYTECTL_CLIENT, Auth.FLYTE_CLI_CLIENT));
    auth.serviceClientId().filter(id -> !ids.add(id)).ifPresent(id -> c.add("serviceClientId",
        "'" + id + "' is already a public client of the internal authorization server", "choose another id, e.g. flytepropeller"));
    ids.add(auth.serviceClientId().orElse(Auth.INTERNAL_SERVICE_CLIENT));
    for (int i = 0; i < auth.ciClients().size(); i++) {
      Auth.StaticClient client = auth.ciClients().get(i);
      Checks item = c.at("ciClients").item(i);
      if (item.required("id", client.id(), "name the client, e.g. flyte-ci") && !ids.add(client.id())) {
        item.add("id", "'" + client.id() + "' is already a client of the internal authorization server", "choose another id");
      }
      if (item.required("secretHash", client.secretHash(), "give the base64 of the bcrypt hash of its secret")) {
        bcryptHash(item, "secretHash", client.secretHash());
      }
    }
    externalOnly(c, "flytectlClientId", auth.flytectlClientId().isPresent());
    externalOnly(c, "audience", auth.audience().isPresent());
    externalOnly(c, "scopes", !auth.scopes().isEmpty());
  }

  private static void checkExternalServer(Checks c, Auth auth) {
    if (auth.provider() == Auth.Provider.GOOGLE) {
      c.add("authorizationServer", "Google has no custom authorization server to issue Flyte's access tokens",
          "use authorizationServer: internal with Google");
    }
    c.required("serviceClientId", auth.serviceClientId().orElse(null),
        "give the id of the confidential client registered at the provider for FlytePropeller");
    c.required("flytectlClientId", auth.flytectlClientId().orElse(null),
        "give the id of the public (native) client registered at the provider for flytectl and pyflyte");
    auth.serviceClientSecretHash().ifPresent(hash -> c.add("serviceClientSecretHash",
        "the external authorization server checks the secret itself", "remove serviceClientSecretHash"));
    if (!auth.ciClients().isEmpty()) {
      c.add("ciClients", "an external authorization server knows its own clients", "register CI clients at the provider and remove ciClients");
    }
  }

  /** The issuer and tenant a provider preset takes. */
  private static void checkProvider(Checks c, Auth auth) {
    boolean derivedIssuer = auth.provider() == Auth.Provider.GOOGLE || auth.provider() == Auth.Provider.AZURE_AD;
    if (derivedIssuer) {
      auth.issuer().ifPresent(issuer -> c.add("issuer", "the " + providerName(auth) + " preset knows its issuer",
          "remove issuer" + (auth.provider() == Auth.Provider.AZURE_AD ? " and set tenantId" : "")));
    } else if (auth.issuer().isEmpty()) {
      c.add("issuer", "is required for provider " + providerName(auth), switch (auth.provider()) {
        case OKTA -> "give the authorization server's issuer, e.g. https://<org>.okta.com/oauth2/default";
        case KEYCLOAK -> "give the realm's issuer, e.g. https://keycloak.example.com/realms/flyte";
        default -> "give the provider's OpenID Connect issuer URL";
      });
    } else if (!Checks.HTTPS_URL.matcher(auth.issuer().get()).matches()) {
      c.add("issuer", "'" + auth.issuer().get() + "' is not an https URL", "give the issuer as https://host/path, without a trailing /.well-known");
    } else if (auth.issuer().get().replaceAll("/+$", "").endsWith(DISCOVERY_SUFFIX)) {
      c.add("issuer", "'" + auth.issuer().get() + "' is the provider's discovery document, not its issuer",
          "give " + auth.issuer().get().substring(0, auth.issuer().get().indexOf(DISCOVERY_SUFFIX))
              + " (Flyte appends " + DISCOVERY_SUFFIX + " itself)");
    }
    if (auth.provider() == Auth.Provider.AZURE_AD) {
      if (auth.tenantId().isEmpty()) {
        c.add("tenantId", "is required for provider azure-ad", "give the Entra ID tenant id, a UUID");
      } else if (!Checks.UUID.matcher(auth.tenantId().get()).matches()) {
        c.add("tenantId", "'" + auth.tenantId().get() + "' is not a tenant id", "give the Entra ID tenant id, a UUID");
      }
    } else {
      auth.tenantId().ifPresent(id -> c.add("tenantId", "only provider azure-ad takes a tenant id", "remove tenantId"));
    }
  }

  private static void externalOnly(Checks c, String field, boolean set) {
    if (set) {
      c.add(field, "only an external authorization server takes it (the internal one defines its own clients and scopes)",
          "remove it, or set authorizationServer: external");
    }
  }

  private static void bcryptHash(Checks c, String field, String base64Hash) {
    String hash;
    try {
      hash = new String(Base64.getDecoder().decode(base64Hash), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      hash = "";
    }
    if (!BCRYPT_HASH.matcher(hash).matches()) {
      c.add(field, "is not the base64 of a bcrypt hash", "give htpasswd -nbBC 10 \"\" \"$SECRET\" | tr -d ':\\n' | base64 -w0 (never the secret itself)");
    }
  }

  private static String providerName(Auth auth) {
    return auth.provider().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
