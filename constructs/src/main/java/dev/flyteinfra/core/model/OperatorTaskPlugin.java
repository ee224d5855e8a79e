package dev.flyteinfra.core.model;

import java.util.Optional;

/**
 * A Flyte task plugin that runs each task as a resource of a Kubernetes operator: the plugin's
 * id and task type in Flyte's config, and the resources FlytePropeller creates and watches. In the
 * order the official chart enables them.
 */
public enum OperatorTaskPlugin {
  SPARK("spark", "sparkoperator.k8s.io", "sparkapplications"),
  RAY("ray", "ray.io", "rayjobs"),
  DASK("dask", "kubernetes.dask.org", "daskjobs"),
  PYTORCH("pytorch", "kubeflow.org", "pytorchjobs"),
  TENSORFLOW("tensorflow", "kubeflow.org", "tfjobs"),
  MPI("mpi", "kubeflow.org", "mpijobs");

  private final String id;
  private final String apiGroup;
  private final String resource;

  OperatorTaskPlugin(String id, String apiGroup, String resource) {
    this.id = id;
    this.apiGroup = apiGroup;
    this.resource = resource;
  }

  /** The plugin's id in {@code enabled-plugins}, which is also the task type it runs. */
  public String id() {
    return id;
  }

  /** The API group of the operator's resources. */
  public String apiGroup() {
    return apiGroup;
  }

  /** The resource (plural) FlytePropeller creates for a task. */
  public String resource() {
    return resource;
  }

  /** Whether the Kubeflow training operator runs this plugin's jobs. */
  public boolean trainingOperator() {
    return apiGroup.equals("kubeflow.org");
  }

  /** This plugin's settings in the model, when it is on. */
  Optional<?> settingsIn(TaskPlugins plugins) {
    return switch (this) {
      case SPARK -> plugins.spark();
      case RAY -> plugins.ray();
      case DASK -> plugins.dask();
      case PYTORCH -> plugins.pytorch();
      case TENSORFLOW -> plugins.tensorflow();
      case MPI -> plugins.mpi();
    };
  }
}
