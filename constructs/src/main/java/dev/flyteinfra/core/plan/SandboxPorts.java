package dev.flyteinfra.core.plan;

/**
 * The NodePorts a sandbox is reached at from the machine that runs the cluster (k3d, kind, Docker
 * Desktop, Rancher Desktop), each forwarded to {@code localhost}. MinIO's API keeps the official
 * sandbox's port, so signed URLs look the same.
 */
public final class SandboxPorts {
  /** FlyteConsole and Flyte's HTTP API: {@code http://localhost:30080/console}. */
  public static final int HTTP = 30080;
  /** Flyte's gRPC API, for flytectl and pyflyte: {@code dns:///localhost:30081}. */
  public static final int GRPC = 30081;
  /** MinIO's S3 API, for the signed URLs pyflyte uploads code to. */
  public static final int MINIO = 30002;

  private SandboxPorts() {}

  public static String consoleUrl() {
    return "http://localhost:" + HTTP;
  }

  public static String adminEndpoint() {
    return "dns:///localhost:" + GRPC;
  }

  public static String minioUrl() {
    return "http://localhost:" + MINIO;
  }
}
