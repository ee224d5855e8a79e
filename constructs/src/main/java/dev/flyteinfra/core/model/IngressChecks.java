package dev.flyteinfra.core.model;

/** The rules of {@code ingress:} ({@link IngressSettings}). */
final class IngressChecks {
  private IngressChecks() {}

  static void check(Checks c, IngressSettings ingress) {
    ingress.className().ifPresent(name -> c.matches("className", name, Checks.DNS_1123_SUBDOMAIN, 253, "a DNS-1123 subdomain"));
    ingress.host().ifPresent(host -> {
      String bare = host.startsWith("*.") ? host.substring(2) : host;
      c.matches("host", bare, Checks.DNS_1123_SUBDOMAIN, 253, "a DNS name such as flyte.example.com");
    });
    ingress.tlsSecret().ifPresent(secret -> {
      c.matches("tlsSecret", secret, Checks.DNS_1123_SUBDOMAIN, 253, "a Secret name (DNS-1123 subdomain)");
      if (ingress.host().isEmpty()) {
        c.add("tlsSecret", "is set but ingress.host is not", "set ingress.host to the name the certificate is for");
      }
    });
    c.annotations("annotations", ingress.annotations());
    c.annotations("httpAnnotations", ingress.httpAnnotations());
    c.annotations("grpcAnnotations", ingress.grpcAnnotations());
  }
}
