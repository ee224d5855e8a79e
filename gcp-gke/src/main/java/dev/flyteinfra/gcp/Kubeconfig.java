package dev.flyteinfra.gcp;

/**
 * A kubeconfig for a GKE cluster that authenticates with {@code gke-gcloud-auth-plugin} (the
 * credentials of whoever runs {@code pulumi up}); it holds no secret itself.
 */
final class Kubeconfig {
  private Kubeconfig() {}

  static String of(String project, String region, String clusterName, String endpoint, String caCertificate) {
    String context = "gke_" + project + "_" + region + "_" + clusterName;
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: https://%2$s
            certificate-authority-data: %3$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
        current-context: %1$s
        users:
        - name: %1$s
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: gke-gcloud-auth-plugin
              installHint: Install gke-gcloud-auth-plugin (gcloud components install gke-gcloud-auth-plugin).
              provideClusterInfo: true
        """.formatted(context, endpoint, caCertificate);
  }
}
