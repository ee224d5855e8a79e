package dev.flyteinfra.core.configfile;

import dev.flyteinfra.core.model.Problem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A config text read as YAML (JSON is YAML too) into plain values, the way YAML means them:
 * anchors and aliases resolved, merge keys ({@code <<: *defaults}) applied, and every duplicate
 * key, recursive alias or oversized tree reported as a problem with its field path. Scalars keep
 * the text as written, so that a string field gets {@code on} or {@code 1.10} verbatim.
 */
public final class YamlTree {
  /** Deeper than any deployment description; SnakeYAML refuses the document beyond it. */
  static final int MAX_DEPTH = 64;
  /** Values in the resolved tree: a guard against alias bombs, far above any real description. */
  static final int MAX_VALUES = 200_000;
  /** Aliases of collections SnakeYAML follows before it refuses the document. */
  private static final int MAX_ALIASES = 200;

  /** A value of the tree: a scalar, a list or a mapping, with the line it starts on (1-based). */
  public sealed interface Value permits Scalar, Sequence, Mapping {
    int line();
  }

  /** A scalar: its text as written and what YAML resolves it to. */
  public record Scalar(String text, Kind kind, int line) implements Value {
    /** What a scalar is in YAML's core schema. */
    public enum Kind { STRING, INT, FLOAT, BOOL, NULL }
  }

  /** A list. */
  public record Sequence(List<Value> items, int line) implements Value {}

  /** A mapping with string keys, in file order, merge keys applied. */
  public record Mapping(Map<String, Value> entries, int line) implements Value {}

  /** The tree of a text, or the problems that kept it from being read. */
  public record Result(Value root, List<Problem> problems) {}

  private final List<Problem> problems = new ArrayList<>();
  private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
  private int values;

  private YamlTree() {}

  /** Reads one YAML or JSON document; {@code root} is null when the text holds none, or cannot be read. */
  public static Result read(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported below, with their field paths
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(Integer.MAX_VALUE); // the file's size is checked before
    YamlTree tree = new YamlTree();
    List<Node> documents = new ArrayList<>();
    try {
      new Yaml(options).composeAll(new StringReader(text)).forEach(documents::add);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
      tree.add("(root)", "is not valid YAML or JSON" + where + ": " + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()),
          "fix the syntax there (indentation with spaces, a ': ' after each key, quotes closed)");
      return new Result(null, tree.problems);
    } catch (YAMLException e) {
      tree.add("(root)", "cannot be read as YAML: " + firstLine(e.getMessage()), tooLarge(e) ? "make the document smaller and flatter"
          : "fix the document (no control characters, at most " + MAX_ALIASES + " aliases)");
      return new Result(null, tree.problems);
    }
    if (documents.size() > 1) {
      tree.add("(root)", "holds " + documents.size() + " YAML documents (separated by ---)",
          "keep one deployment per file: split them into files of their own");
      return new Result(null, tree.problems);
    }
    if (documents.isEmpty()) {
      return new Result(null, tree.problems);
    }
    Value root = tree.value(documents.get(0), "(root)");
    return new Result(tree.problems.isEmpty() ? root : null, tree.problems);
  }

  private Value value(Node node, String path) {
    if (++values > MAX_VALUES) {
      if (values == MAX_VALUES + 1) {
        add("(root)", "expands to more than " + MAX_VALUES + " values through its aliases",
            "use fewer aliases of aliases: a deployment description is far smaller");
      }
      return new Scalar("", Scalar.Kind.NULL, line(node));
    }
    if (!inProgress.add(node)) {
      add(path, "refers to itself through an alias", "replace the alias with the values it should hold");
      return new Scalar("", Scalar.Kind.NULL, line(node));
    }
    try {
      if (node instanceof ScalarNode scalar) {
        return new Scalar(scalar.getValue(), kind(scalar), line(node));
      }
      if (node instanceof SequenceNode sequence) {
        List<Value> items = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
          items.add(value(sequence.getValue().get(i), Paths.item(path, i)));
        }
        return new Sequence(List.copyOf(items), line(node));
      }
      return new Mapping(Collections.unmodifiableMap(entries((MappingNode) node, path)), line(node));
    } finally {
      inProgress.remove(node);
    }
  }

  /** A mapping's own keys in file order, then what its merge keys bring that it does not set itself. */
  private Map<String, Value> entries(MappingNode mapping, String path) {
    Map<String, Value> own = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    List<Node> merged = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (keyNode.getTag().equals(Tag.MERGE)) {
        mergeSources(tuple.getValueNode(), path, merged);
        continue;
      }
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        add(path, "has a key that is a " + (keyNode instanceof SequenceNode ? "list" : "mapping") + " (line " + line(keyNode) + ")",
            "write every key as a plain word");
        continue;
      }
      String key = scalarKey.getValue();
      String childPath = Paths.key(path, key);
      Integer first = lines.putIfAbsent(key, line(keyNode));
      if (first != null) {
        add(childPath, "Duplicate field '" + key + "': given at lines " + first + " and " + line(keyNode),
            "keep one of them (YAML takes neither silently here)");
        continue;
      }
      own.put(key, value(tuple.getValueNode(), childPath));
    }
    for (Node source : merged) {
      if (!inProgress.add(source)) {
        add(path, "merges a mapping into itself (<<)", "merge another mapping, defined before this one");
        continue;
      }
      try {
        entries((MappingNode) source, path).forEach(own::putIfAbsent);
      } finally {
        inProgress.remove(source);
      }
    }
    return own;
  }

  /** The mappings a merge key names: one mapping, or a list of them (the first wins). */
  private void mergeSources(Node value, String path, List<Node> into) {
    if (value instanceof MappingNode) {
      into.add(value);
    } else if (value instanceof SequenceNode sequence && sequence.getValue().stream().allMatch(MappingNode.class::isInstance)) {
      into.addAll(sequence.getValue());
    } else {
      add(Paths.key(path, "<<"), "merges something that is not a mapping (line " + line(value) + ")",
          "merge a mapping, e.g. <<: *defaults with &defaults on a mapping, or a list of them");
    }
  }

  private static Scalar.Kind kind(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) {
      return Scalar.Kind.NULL;
    }
    if (tag.equals(Tag.INT)) {
      return Scalar.Kind.INT;
    }
    if (tag.equals(Tag.FLOAT)) {
      return Scalar.Kind.FLOAT;
    }
    if (tag.equals(Tag.BOOL)) {
      return Scalar.Kind.BOOL;
    }
    return Scalar.Kind.STRING;
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private static boolean tooLarge(YAMLException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return message.contains("nesting") || message.contains("depth") || message.contains("alias");
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.strip().lines().findFirst().orElse("");
  }

  private void add(String path, String message, String fix) {
    problems.add(new Problem(path, message, fix));
  }
}
