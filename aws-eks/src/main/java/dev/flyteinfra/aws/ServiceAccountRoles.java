package dev.flyteinfra.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnJson;
import software.amazon.awscdk.CfnJsonProps;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.iam.OpenIdConnectPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * IAM roles for Kubernetes service accounts (IRSA): each role trusts the cluster's OIDC provider
 * for exactly the listed {@code system:serviceaccount:<namespace>:<name>} subjects and audience
 * {@code sts.amazonaws.com}, and nothing else.
 */
final class ServiceAccountRoles {
  private final Construct scope;
  private final Cluster cluster;

  ServiceAccountRoles(Construct scope, Cluster cluster) {
    this.scope = scope;
    this.cluster = cluster;
  }

  Role role(String id, List<String> subjects, List<PolicyStatement> statements) {
    String issuer = cluster.getOpenIdConnectProvider().getOpenIdConnectProviderIssuer();
    // Condition keys hold the issuer, a token: CfnJson lets CloudFormation resolve a map key.
    // Ordered (not Map.of, whose order changes from run to run): the template is a Fn::Join of it.
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put(issuer + ":aud", "sts.amazonaws.com");
    condition.put(issuer + ":sub", subjects);
    CfnJson conditions = new CfnJson(scope, id + "Trust", CfnJsonProps.builder().value(condition).build());
    Role role = Role.Builder.create(scope, id)
        .assumedBy(new OpenIdConnectPrincipal(cluster.getOpenIdConnectProvider(), Map.of("StringEquals", conditions)))
        .build();
    statements.forEach(role::addToPolicy);
    return role;
  }
}
