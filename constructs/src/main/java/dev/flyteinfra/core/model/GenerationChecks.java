package dev.flyteinfra.core.model;

import java.util.regex.Pattern;

/**
 * The rules of {@code flyteVersion} and of what only one {@link Generation} has: a Flyte 1
 * deployment is refused Flyte 2's options ({@code tasks}, {@code apps},
 * {@code monitoring.openTelemetry}, {@code components.console}), a Flyte 2 deployment what
 * upstream Flyte 2 does not have (the core topology, multi-cluster, per-domain namespaces and
 * quotas, a gRPC Ingress, FlyteAdmin's notifications and sign-in) or what flyte-infra does not
 * wire into it yet (task plugins other than a connector, cloud secret managers).
 */
final class GenerationChecks {
  private static final Components DEFAULTS = ImmutableComponents.builder().build();
  /** {@code <repository>:<tag>} with a tag other than latest, or anything pinned by digest. */
  private static final Pattern PINNED_IMAGE = Pattern.compile("[^\\s@]+(:(?!latest$)[\\w][\\w.-]{0,127}|(:[\\w][\\w.-]{0,127})?@sha256:[0-9a-f]{64})");
  private static final Pattern CIDR = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}");
  static final String CONSOLE_REPOSITORY = "ghcr.io/unionai-oss/flyteconsole-v2";

  private GenerationChecks() {}

  static void check(Checks c, FlyteDeployment d) {
    if (!c.required("flyteVersion", d.flyteVersion(), "give a Flyte release, e.g. " + Generation.FLYTE_1.checkedVersion()
        + " (Flyte 1) or " + Generation.FLYTE_2.checkedVersion() + " (Flyte 2)")) {
      return;
    }
    Generation generation = d.generation();
    if (!generation.accepts(d.flyteVersion())) {
      c.add("flyteVersion", "'" + d.flyteVersion() + "' is not a release flyte-infra deploys: Flyte 1.x or Flyte 2.0.x",
          "write MAJOR.MINOR.PATCH without a leading 'v', e.g. " + Generation.FLYTE_1.checkedVersion() + " or "
              + Generation.FLYTE_2.checkedVersion());
    }
    if (generation == Generation.FLYTE_2) {
      flyte2(c, d);
    } else {
      flyte1(c, d);
    }
    imageOverrides(c, d, generation);
  }

  private static void flyte1(Checks c, FlyteDeployment d) {
    String why = "Flyte 2 (flyteVersion 2.0.x)";
    if (d.tasks() != null && (d.tasks().namespace().isPresent() || d.tasks().serviceAccount().isPresent())) {
      c.add("tasks", "is only used by " + why + ": Flyte 1 runs tasks in a namespace per project and domain, as their "
          + "default service account", "remove it; give taskIdentity or domains[].taskIdentity for the tasks' cloud identity");
    }
    d.apps().ifPresent(apps -> c.add("apps", "is only used by " + why + ": Flyte 1 has no app serving", "remove it"));
    d.ingress().ifPresent(ingress -> {
      if (ingress.controllerNamespace().isPresent() || !ingress.sourceCidrs().isEmpty()) {
        c.add(ingress.controllerNamespace().isPresent() ? "ingress.controllerNamespace" : "ingress.sourceCidrs",
            "is only used by " + why + ", whose API a NetworkPolicy closes to all but the Ingress", "remove it");
      }
    });
    if (d.monitoring() != null) {
      d.monitoring().openTelemetry().ifPresent(otel -> c.add("monitoring.openTelemetry", "is only wired for " + why,
          "remove it; on Flyte 1 set the otel section in extraConfig"));
    }
    if (d.components() != null && d.components().console() != null && !d.components().console().equals(DEFAULTS.console())) {
      c.add("components.console", "is Flyte 2's console; Flyte 1's console is components.flyteconsole (topology core) or part "
          + "of flyte-binary", "remove it, or set components.flyteconsole");
    }
  }

  private static void flyte2(Checks c, FlyteDeployment d) {
    String label = Generation.FLYTE_2.label();
    if (d.topology() == Topology.CORE) {
      c.add("topology", "Flyte 2 has no core topology: upstream ships Flyte 2 as one binary (the flyte-binary chart v2.0.x) and "
          + "has no flyte-core for it yet", "use topology binary (or sandbox), or flyteVersion " + Generation.FLYTE_1.checkedVersion()
          + " for flyte-core");
    }
    d.multiCluster().ifPresent(multi -> c.add("multiCluster", "upstream Flyte 2 has no control plane with data planes yet",
        "remove multiCluster, or deploy Flyte 1 (topology core)"));
    if (d.domains() != null) {
      for (int i = 0; i < d.domains().size(); i++) {
        Domain domain = d.domains().get(i);
        Checks here = c.at("domains").item(i);
        if (domain.quota().isPresent()) {
          here.add("quota", label + " runs every project's and domain's tasks in one namespace: there is no namespace per "
              + "domain to hold a quota", "remove it; put a ResourceQuota on the task namespace (tasks.namespace) yourself");
        }
        if (domain.taskIdentity().isPresent()) {
          here.add("taskIdentity", label + " runs every task as one service account (tasks.serviceAccount)",
              "remove it; give the tasks' identity as taskIdentity");
        }
      }
    }
    if (d.projects() != null) {
      for (int i = 0; i < d.projects().size(); i++) {
        if (!d.projects().get(i).quotas().isEmpty()) {
          c.at("projects").item(i).add("quotas", label + " has no namespace per project and domain to hold a quota",
              "remove it; put a ResourceQuota on the task namespace (tasks.namespace) yourself");
        }
      }
    }
    d.ingress().ifPresent(ingress -> {
      Checks here = c.at("ingress");
      ingress.controllerNamespace().ifPresent(namespace ->
          here.matches("controllerNamespace", namespace, Checks.DNS_1123_LABEL, 63, "a namespace name, e.g. ingress-nginx"));
      for (int i = 0; i < ingress.sourceCidrs().size(); i++) {
        String cidr = ingress.sourceCidrs().get(i);
        if (!Checks.isToken(cidr) && !CIDR.matcher(cidr).matches()) {
          here.at("sourceCidrs").item(i).add("", "'" + cidr + "' is not an IPv4 CIDR block", "write it like 10.0.0.0/16");
        }
      }
      if (ingress.controllerNamespace().isEmpty() && ingress.sourceCidrs().isEmpty()) {
        here.add("", label + "'s API is closed by a NetworkPolicy to all but Flyte's own pods and the Ingress: say where the "
            + "Ingress reaches the pods from", "set ingress.controllerNamespace (ingress-nginx, Traefik: the controller's "
            + "namespace) or ingress.sourceCidrs (an ALB with IP targets: the VPC's CIDR)");
      }
    });
    d.ingress().filter(ingress -> !ingress.grpcAnnotations().isEmpty()).ifPresent(ingress -> c.add("ingress.grpcAnnotations",
        label + " serves no gRPC: its API is Connect over HTTP on one port, behind one Ingress",
        "move them to ingress.annotations or ingress.httpAnnotations"));
    d.auth().ifPresent(auth -> c.add("auth", label + "'s binary checks no tokens and has no sign-in of its own; flyte-infra does "
        + "not yet put the sign-in in front of it", "remove auth and keep Flyte 2 private (no ingress, or an internal one), "
        + "or deploy Flyte 1, whose FlyteAdmin signs users in"));
    if (d.storage() != null && d.storage().userDataBucket().isPresent()) {
      c.add("storage.userDataBucket", label + " keeps everything in one bucket: run data under runs.storagePrefix, uploads "
          + "under dataproxy.upload.storagePrefix", "remove it; metadataBucket is Flyte 2's one bucket");
    }
    d.notifications().ifPresent(notifications -> c.add("notifications", label + " sends no notifications from the backend",
        "remove notifications"));
    if (d.plugins() != null && (d.plugins().spark().isPresent() || d.plugins().ray().isPresent() || d.plugins().operators())) {
      c.add("plugins", "flyte-infra wires only the connector into " + label + " so far (Spark, Ray and the training operators "
          + "are Flyte 1's here)", "remove them (keep plugins.connector), or deploy Flyte 1");
    }
    if (d.taskSecrets() != null && d.taskSecrets().backend() != TaskSecrets.Backend.KUBERNETES) {
      c.add("taskSecrets.backend", label + " keeps the secrets tasks use in its own store (flyte create secret: Kubernetes "
          + "Secrets in Flyte's namespace)", "remove taskSecrets");
    }
    if (d.tasks() != null) {
      Checks tasks = c.at("tasks");
      d.tasks().namespace().ifPresent(namespace -> {
        if (tasks.matches("namespace", namespace, Checks.DNS_1123_LABEL, 63, "a DNS-1123 label: lower-case letters, digits and '-'")) {
          if (Namespaces.isReserved(namespace)) {
            tasks.add("namespace", "'" + namespace + "' is a namespace Kubernetes keeps for itself", "use e.g. flyte-tasks");
          } else if (namespace.equals(d.namespace())) {
            tasks.add("namespace", "is Flyte's own namespace: task pods would run beside its config Secret and the secrets users "
                + "store in Flyte", "give tasks a namespace of their own, e.g. " + d.namespace() + "-tasks (the default)");
          }
        }
      });
      d.tasks().serviceAccount().ifPresent(account -> {
        if (tasks.matches("serviceAccount", account, Checks.DNS_1123_SUBDOMAIN, 253, "a service account name (DNS-1123 subdomain)")
            && account.equals(d.name())) {
          tasks.add("serviceAccount", "is the binary's own service account, whose role may read every Secret of Flyte",
              "give tasks one of their own, e.g. " + d.name() + "-task (the default)");
        }
      });
    }
    d.apps().ifPresent(apps -> {
      Checks here = c.at("apps");
      if (here.required("baseDomain", apps.baseDomain(), "e.g. apps.flyte.example.com")) {
        here.matches("baseDomain", apps.baseDomain(), Checks.DNS_1123_SUBDOMAIN, 253, "a DNS name, e.g. apps.flyte.example.com");
      }
      if (!apps.scheme().equals("https") && !apps.scheme().equals("http")) {
        here.add("scheme", "must be https or http, got '" + apps.scheme() + "'", "use https");
      }
    });
    if (d.monitoring() != null) {
      d.monitoring().openTelemetry().ifPresent(otel -> {
        Checks here = c.at("monitoring.openTelemetry");
        if (here.required("endpoint", otel.endpoint(), "e.g. http://otel-collector.observability:4317")) {
          here.url("endpoint", otel.endpoint());
        }
        if (!(otel.sampleRatio() >= 0 && otel.sampleRatio() <= 1)) {
          here.add("sampleRatio", "must be between 0 and 1, got " + otel.sampleRatio(), "e.g. 0.01 keeps one trace in a hundred");
        }
      });
    }
    if (d.components() != null && d.components().console() != null) {
      Checks console = c.at("components.console");
      if (d.components().console().replicas() < 0) {
        console.add("replicas", "must not be negative, got " + d.components().console().replicas(), "use 1 or more");
      }
      ResourcesChecks.check(console.at("resources"), d.components().console().resources());
      if (d.components().console().image().isEmpty()) {
        // Named where the user adds it: the deepest of components.console.image, components.console, components
        // that the description has (a default-valued section is one it left out).
        boolean consoleGiven = !d.components().console().equals(DEFAULTS.console());
        String path = consoleGiven ? "components.console.image" : d.components().equals(DEFAULTS) ? "components" : "components.console";
        String what = path.endsWith("image") ? "" : path.equals("components") ? "console.image " : "image ";
        c.add(path, what + "is required for Flyte 2: its console (" + CONSOLE_REPOSITORY + ") publishes no release tags, and "
            + "the chart's latest changes under a running deployment", "pin the build you tested: image: " + CONSOLE_REPOSITORY
            + ":latest@sha256:<digest> (docker buildx imagetools inspect " + CONSOLE_REPOSITORY + ":latest)");
      }
    }
  }

  private static void imageOverrides(Checks c, FlyteDeployment d, Generation generation) {
    Components components = d.components();
    if (components == null) {
      return;
    }
    checkImage(c, "components.binary", components.binary() == null ? null : components.binary().image(), generation == Generation.FLYTE_2);
    checkImage(c, "components.console", components.console() == null ? null : components.console().image(),
        generation == Generation.FLYTE_2);
    ComponentsChecks.coreComponents(components).forEach((core, settings) ->
        checkImage(c, "components." + core, settings == null ? null : settings.image(), false));
  }

  private static void checkImage(Checks c, String field, java.util.Optional<String> given, boolean read) {
    if (given == null || given.isEmpty()) {
      return;
    }
    String image = given.get();
    if (!read) {
      c.at(field).add("image", "is read for Flyte 2's binary and console only; Flyte 1's images follow flyteVersion",
          "remove it");
    } else if (!PINNED_IMAGE.matcher(image).matches()) {
      c.at(field).add("image", "'" + image + "' is not pinned: a floating tag (or none) changes under a running deployment",
          "give a release tag or a digest, e.g. <repository>:<tag>@sha256:<64 hex digits>");
    }
  }
}
