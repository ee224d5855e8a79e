package dev.flyteinfra.core.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the rules of a config section write their problems: a path in the description
 * ({@code auth}, {@code multiCluster.dataPlanes[1]}) and the list they all share. A section's
 * rules name fields relative to their section ({@code checks.at("auth")}), so the path of every
 * problem is built here, once; the small checks every section uses live here too. Values that are
 * unresolved CDK tokens ({@code ${Token[...]}}) pass the format checks: they are known only at
 * deploy time.
 */
final class Checks {
  static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  static final Pattern DNS_1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  static final Pattern GCP_PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
  static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
  static final Pattern URL = Pattern.compile("https?://[^\\s/]+(:\\d+)?(/\\S*)?");
  static final Pattern HTTPS_URL = Pattern.compile("https://[^\\s/]+(:\\d+)?(/\\S*)?");
  static final Pattern ANNOTATION_KEY =
      Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
  private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern QUANTITY = Pattern.compile("(\\d+(\\.\\d+)?|\\.\\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");

  private final String path;
  private final List<Problem> problems;

  private Checks(String path, List<Problem> problems) {
    this.path = path;
    this.problems = problems;
  }

  /** The checks of a whole description, at its root. */
  static Checks root() {
    return new Checks("", new ArrayList<>());
  }

  /** The checks of the field {@code key} below this one. */
  Checks at(String key) {
    return new Checks(path(key), problems);
  }

  /** The checks of the {@code index}th item of the list here. */
  Checks item(int index) {
    return new Checks(path + "[" + index + "]", problems);
  }

  /** The full path of {@code field} below this one; the empty field is this one. */
  String path(String field) {
    if (field.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? field : field.startsWith("[") ? path + field : path + "." + field;
  }

  List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** A problem of {@code field} below this one ({@code ""} for this one). */
  void add(String field, String message, String fix) {
    problems.add(new Problem(path(field), message, fix));
  }

  // ---- small checks, each adding at most one problem ----

  boolean required(String field, Object value, String fix) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      add(field, "is required", fix);
      return false;
    }
    return true;
  }

  void absent(String field, Object value, String why) {
    if (value != null) {
      add(field, "must not be set: " + why, "remove " + field.substring(field.lastIndexOf('.') + 1));
    }
  }

  boolean matches(String field, String value, Pattern pattern, int maxLength, String what) {
    if (isToken(value)) {
      return true;
    }
    if (value.length() > maxLength) {
      add(field, "'" + value + "' has " + value.length() + " characters, at most " + maxLength + " are allowed", "shorten it to " + what);
      return false;
    }
    if (!pattern.matcher(value).matches()) {
      add(field, "'" + value + "' is not valid", "use " + what + ", at most " + maxLength + " characters");
      return false;
    }
    return true;
  }

  void positive(String field, int value, String fix) {
    if (value < 1) {
      add(field, "must be at least 1, got " + value, fix);
    }
  }

  void port(String field, int port) {
    if (port < 1 || port > 65535) {
      add(field, "must be between 1 and 65535, got " + port, "use the server's port, 5432 for PostgreSQL");
    }
  }

  void secretRef(String field, SecretKeyRef ref) {
    Checks here = at(field);
    if (here.required("name", ref.name(), "name the Secret")) {
      here.matches("name", ref.name(), DNS_1123_SUBDOMAIN, 253, "a Secret name (DNS-1123 subdomain)");
    }
    if (here.required("key", ref.key(), "name the key inside the Secret")) {
      here.matches("key", ref.key(), SECRET_KEY, 253, "letters, digits, '-', '_' and '.'");
    }
  }

  void url(String field, String value) {
    if (!isToken(value) && !URL.matcher(value).matches()) {
      add(field, "'" + value + "' is not an http(s) URL", "write it as http://host:port or https://host");
    }
  }

  void awsRegion(String field, Optional<String> region) {
    region.filter(r -> !isToken(r) && !AWS_REGION.matcher(r).matches()).ifPresent(r ->
        add(field, "'" + r + "' is not an AWS region", "use a region code such as us-east-1"));
  }

  /** A Kubernetes quantity's value in base units, or a problem. */
  Optional<BigDecimal> quantity(String field, String value) {
    if (!required(field, value, "give a Kubernetes quantity such as 500m or 1Gi")) {
      return Optional.empty();
    }
    Matcher m = QUANTITY.matcher(value);
    if (!m.matches()) {
      add(field, "'" + value + "' is not a Kubernetes quantity", "write it like 500m, 2, 512Mi or 1Gi");
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(3) == null ? "" : m.group(3);
    return Optional.of(number.multiply(multiplier(suffix)));
  }

  private static BigDecimal multiplier(String suffix) {
    return switch (suffix) {
      case "m" -> new BigDecimal("0.001");
      case "k" -> BigDecimal.TEN.pow(3);
      case "M" -> BigDecimal.TEN.pow(6);
      case "G" -> BigDecimal.TEN.pow(9);
      case "T" -> BigDecimal.TEN.pow(12);
      case "P" -> BigDecimal.TEN.pow(15);
      case "E" -> BigDecimal.TEN.pow(18);
      case "Ki" -> BigDecimal.valueOf(2).pow(10);
      case "Mi" -> BigDecimal.valueOf(2).pow(20);
      case "Gi" -> BigDecimal.valueOf(2).pow(30);
      case "Ti" -> BigDecimal.valueOf(2).pow(40);
      case "Pi" -> BigDecimal.valueOf(2).pow(50);
      case "Ei" -> BigDecimal.valueOf(2).pow(60);
      default -> BigDecimal.ONE;
    };
  }

  void annotations(String field, Map<String, String> annotations) {
    annotations.keySet().stream().sorted().forEach(key -> {
      if (!ANNOTATION_KEY.matcher(key).matches() || key.length() > 316) {
        add(field + "." + key, "is not a valid annotation key", "use [prefix/]name, e.g. alb.ingress.kubernetes.io/scheme");
      }
    });
  }

  static boolean isToken(String value) {
    return value.contains("${Token[");
  }
}
