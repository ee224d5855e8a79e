package dev.flyteinfra.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Sign-in to Flyte: users in the browser through an OpenID Connect identity provider, flytectl and
 * pyflyte with PKCE, FlytePropeller, the scheduler and CI with OAuth2 client credentials. Access
 * tokens come from Flyte's own authorization server ({@code internal}) or from the identity
 * provider's ({@code external}). Every secret is a Secret reference; the only values given inline
 * are bcrypt hashes of the internal server's client secrets, which authenticate nobody.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAuth.class)
@JsonDeserialize(as = ImmutableAuth.class)
public interface Auth {
  /** The internal authorization server's client for FlytePropeller and FlyteScheduler, unless serviceClientId names another. */
  String INTERNAL_SERVICE_CLIENT = "flytepropeller";
  /** The internal authorization server's public clients, for flytectl and pyflyte (PKCE). */
  String FLYTECTL_CLIENT = "flytectl";
  String FLYTE_CLI_CLIENT = "flyte-cli";

  /** The identity provider; each preset knows its issuer URL and scopes. */
  enum Provider {
    @JsonProperty("okta") OKTA,
    @JsonProperty("google") GOOGLE,
    @JsonProperty("azure-ad") AZURE_AD,
    @JsonProperty("keycloak") KEYCLOAK,
    @JsonProperty("generic") GENERIC
  }

  /** Who issues the access tokens that flytectl, pyflyte, FlytePropeller and CI present. */
  enum AuthorizationServer {
    /** FlyteAdmin's own (Flyte's {@code authServerType: Self}). */
    @JsonProperty("internal") INTERNAL,
    /** The identity provider's, e.g. an Okta custom authorization server (Flyte's {@code External}). */
    @JsonProperty("external") EXTERNAL
  }

  /** Required. */
  Provider provider();

  /**
   * The OpenID Connect issuer: required for okta ({@code https://<org>.okta.com/oauth2/default}),
   * keycloak ({@code https://<host>/realms/<realm>}) and generic; google and azure-ad derive it.
   */
  Optional<String> issuer();

  /** azure-ad: the Entra ID tenant id; the issuer is {@code https://login.microsoftonline.com/<tenant>/v2.0}. */
  Optional<String> tenantId();

  /** The web application registered for Flyte at the provider (redirect URI {@code https://<host>/callback}). Required. */
  String clientId();

  /** The web application's client secret. Required. */
  SecretKeyRef clientSecret();

  /** Default: {@code internal}. */
  @Value.Default
  default AuthorizationServer authorizationServer() {
    return AuthorizationServer.INTERNAL;
  }

  /**
   * The confidential client FlytePropeller and FlyteScheduler sign in as (client credentials).
   * internal: default {@code flytepropeller}; external: the client registered at the provider, required.
   */
  Optional<String> serviceClientId();

  /** That client's secret, mounted where FlytePropeller and FlyteScheduler read it. Required. */
  SecretKeyRef serviceClientSecret();

  /**
   * internal: the bcrypt hash of the service client's secret, base64-encoded as Flyte reads it
   * ({@code htpasswd -nbBC 10 "" "$SECRET" | tr -d ':\n' | base64 -w0}). Required for internal.
   */
  Optional<String> serviceClientSecretHash();

  /**
   * internal: more confidential clients, for CI (the client-credentials flow, e.g. the
   * {@code ci-workflow}'s {@code --client-id}). external: register them at the provider instead.
   */
  List<StaticClient> ciClients();

  /** external: the public client flytectl and pyflyte sign in with (PKCE). internal: Flyte's own {@code flytectl}. */
  Optional<String> flytectlClientId();

  /** external: the audience Flyte accepts in access tokens (e.g. {@code api://flyte}). Default: Flyte's URLs. */
  Optional<String> audience();

  /**
   * external: the scopes flytectl, pyflyte and the service client ask the provider for; the
   * custom authorization server must define them. Default: {@code [all]} ({@code [api://<audience>/.default]}-style
   * scopes on azure-ad must be given).
   */
  List<String> scopes();

  /** More URLs Flyte may be reached at; the Ingress host and the in-cluster service names are always in. */
  List<String> authorizedUris();

  /** A confidential client of Flyte's internal authorization server. */
  @Value.Immutable
  @JsonSerialize(as = ImmutableStaticClient.class)
  @JsonDeserialize(as = ImmutableStaticClient.class)
  interface StaticClient {
    /** The client id. */
    String id();

    /** The bcrypt hash of its secret, base64-encoded (see {@link Auth#serviceClientSecretHash()}). */
    String secretHash();
  }

  /** The issuer that Flyte sends users to, from the preset or as given. */
  default String issuerUrl() {
    return switch (provider()) {
      case GOOGLE -> "https://accounts.google.com";
      case AZURE_AD -> "https://login.microsoftonline.com/" + tenantId().orElse("") + "/v2.0";
      default -> issuer().orElse("");
    };
  }
}
