package dev.flyteinfra.core.monitoring;

import dev.flyteinfra.core.manifest.KubeObjects;
import dev.flyteinfra.core.model.Monitoring;
import dev.flyteinfra.core.plan.Labels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ServiceMonitors of the Prometheus operator for every Deployment that serves metrics (a container
 * port named {@value #PORT}): each selects the component's Service by its instance and component
 * labels and scrapes {@code /metrics} on that port; a component whose Services do not expose the
 * port (FlytePropeller, the scheduler, the resource sync) gets a Service {@code <name>-metrics}
 * for it, as the official chart adds its metrics Services.
 */
public final class ServiceMonitors {
  /** The port name Flyte's components serve their metrics on. */
  public static final String PORT = "http-metrics";

  private ServiceMonitors() {}

  /** The cluster's objects followed by the metrics Services and ServiceMonitors they need. */
  public static List<HasMetadata> addTo(List<HasMetadata> objects, Monitoring monitoring) {
    List<HasMetadata> all = new ArrayList<>(objects);
    for (HasMetadata object : objects) {
      if (!(object instanceof Deployment deployment)) {
        continue;
      }
      ContainerPort port = metricsPort(deployment);
      if (port == null) {
        continue;
      }
      Map<String, String> labels = deployment.getMetadata().getLabels();
      Map<String, String> selector = new TreeMap<>();
      selector.put(Labels.INSTANCE, labels.get(Labels.INSTANCE));
      selector.put(Labels.COMPONENT, labels.get(Labels.COMPONENT));
      if (!exposed(objects, selector)) {
        all.add(KubeObjects.clusterIpService(meta(deployment, deployment.getMetadata().getName() + "-metrics", Map.of()),
            deployment.getSpec().getSelector().getMatchLabels(),
            List.of(KubeObjects.servicePort(PORT, port.getContainerPort(), PORT))));
      }
      all.add(serviceMonitor(deployment, selector, monitoring));
    }
    return all;
  }

  private static GenericKubernetesResource serviceMonitor(Deployment deployment, Map<String, String> selector, Monitoring monitoring) {
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("port", PORT);
    endpoint.put("path", "/metrics");
    endpoint.put("interval", monitoring.interval());
    endpoint.put("scrapeTimeout", monitoring.scrapeTimeout());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("endpoints", List.of(endpoint));
    spec.put("selector", Map.of("matchLabels", selector));
    GenericKubernetesResource monitor = new GenericKubernetesResource();
    monitor.setApiVersion("monitoring.coreos.com/v1");
    monitor.setKind("ServiceMonitor");
    monitor.setMetadata(meta(deployment, deployment.getMetadata().getName(), monitoring.labels()));
    monitor.setAdditionalProperty("spec", spec);
    return monitor;
  }

  /** Whether a Service of the component (by instance and component labels) exposes the metrics port. */
  private static boolean exposed(List<HasMetadata> objects, Map<String, String> selector) {
    return objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
        .filter(service -> service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
        .anyMatch(service -> service.getSpec().getPorts().stream().anyMatch(port -> PORT.equals(port.getName())));
  }

  private static ContainerPort metricsPort(Deployment deployment) {
    for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
      for (ContainerPort port : container.getPorts()) {
        if (PORT.equals(port.getName())) {
          return port;
        }
      }
    }
    return null;
  }

  /** The deployment's labels (and so its component's file), and any of the monitoring's own. */
  private static ObjectMeta meta(Deployment deployment, String name, Map<String, String> extraLabels) {
    Map<String, String> labels = new TreeMap<>(deployment.getMetadata().getLabels());
    labels.putAll(extraLabels);
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(deployment.getMetadata().getNamespace());
    meta.setLabels(labels);
    return meta;
  }
}
