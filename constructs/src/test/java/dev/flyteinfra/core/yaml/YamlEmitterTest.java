package dev.flyteinfra.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast emitter against Jackson's YAML generator, which it must match byte for byte. */
class YamlEmitterTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Strings at the edges of plain style: reserved words, numbers, dates, indicators, blocks, blanks. */
  private static final List<String> TRICKY = List.of("", " ", "true", "False", "NULL", "~", "yes", "on", "y", "no", "off",
      "0", "42", "-1", "1.5", "1e5", "0x1F", "0o17", "1_000", "1.16.8", "2026-11-22", "12:30", "500m", "1Gi", "3000Mi",
      "flyte:", "a: b", "a:b", "arn:aws:iam::123456789012:role/r", "*", "&a", "!tag", "|", ">", "'q'", "\"q\"", "#c", "a #c",
      "a#c", "-", "--config", "- item", "?", "[x]", "{x}", "a,b", "@at", "%p", "`b`", "{{ namespace }}", "dns:///h:443",
      "line1\nline2", "line1\nline2\n", "\nleading", "trailing \nx", "  indented\nx", "tab\there", "ümlaut", "key=value",
      "cr.flyte.org/flyteorg/flyteadmin:v1.16.8", "/etc/flyte/config", "_x", ".hidden", "a".repeat(130), "x y", "x\ty",
      "1.16", "1.16.8", "10.0.0.1", "1..2", "1.2.", "-ec", "-1.5", "--", "-", "/v1/*", "*a", "a*",
      "k: v\nk2: v2\n", "a\n\nb\n", "a\n  b\n", "a \nb", "a\nb ", "a\n\n", "#x\ny\n", "a\n- b\n", "ü\nx\n");

  @Test
  void writesWhatJacksonWritesForRandomTrees() throws IOException {
    Random random = new Random(20261122);
    int matched = 0;
    for (int i = 0; i < 5000; i++) {
      JsonNode tree = object(random, 0);
      String expected = Yaml.writeWithJackson(tree);
      try {
        assertThat(emitted(tree, false)).as("tree %s", tree).isEqualTo(expected);
        matched++;
      } catch (YamlEmitter.Unsupported e) {
        assertThat(Yaml.write(tree)).isEqualTo(expected);
      }
    }
    assertThat(matched).as("trees the fast path wrote itself").isGreaterThan(2500);
  }

  @Test
  void dropsWhatJacksonWritesOfTheTreeWithoutEmptyMembers() throws IOException {
    Random random = new Random(20261130);
    int matched = 0;
    int dropped = 0;
    for (int i = 0; i < 5000; i++) {
      JsonNode tree = object(random, 0);
      JsonNode pruned = Yaml.withoutEmpty(tree.deepCopy());
      dropped += pruned.equals(tree) ? 0 : 1;
      String expected = Yaml.writeWithJackson(pruned);
      try {
        assertThat(emitted(tree, true)).as("tree %s", tree).isEqualTo(expected);
        matched++;
      } catch (YamlEmitter.Unsupported e) {
        assertThat(Yaml.writeWithoutEmpty(tree)).isEqualTo(expected);
      }
    }
    assertThat(matched).as("trees the fast path wrote itself").isGreaterThan(2500);
    assertThat(dropped).as("trees with members to drop").isGreaterThan(1000);
  }

  @Test
  void keepsAnEmptyDirAndItemsAndDropsContainersLeftEmpty() {
    ObjectNode volume = NODES.objectNode().put("name", "state");
    volume.putObject("emptyDir");
    ObjectNode pod = NODES.objectNode();
    pod.putObject("metadata").putObject("labels").putNull("gone");
    pod.putArray("volumes").add(volume).add(NODES.objectNode());
    pod.putArray("args");

    assertThat(Yaml.writeWithoutEmpty(pod)).isEqualTo("volumes:\n  - name: state\n    emptyDir: {}\n  - {}\n");
  }

  @Test
  void plainlyPlainOnlyForStringsJacksonWritesPlain() {
    for (String text : TRICKY) {
      if (YamlEmitter.plainlyPlain(text)) {
        assertThat(Yaml.writeWithJackson(text)).as(text).isEqualTo(text + "\n");
      }
    }
    assertThat(YamlEmitter.plainlyPlain("cr.flyte.org/flyteorg/flyteadmin:v1.16.8")).isTrue();
    assertThat(YamlEmitter.plainlyPlain("500m")).isTrue();
    for (String text : TRICKY) {
      if (YamlEmitter.plainLiteralBlock(text)) {
        assertThat(Yaml.writeWithJackson(java.util.Map.of("k", text))).as(text).startsWith(text.endsWith("\n") ? "k: |\n" : "k: |-\n");
      }
    }
  }

  private static String emitted(JsonNode tree, boolean dropEmpty) throws IOException {
    StringBuilder out = new StringBuilder();
    YamlEmitter.write(tree.traverse(Yaml.mapper()), dropEmpty, out);
    return out.toString();
  }

  private static ObjectNode object(Random random, int depth) {
    ObjectNode object = NODES.objectNode();
    int size = random.nextInt(depth == 0 ? 6 : 4) + (depth == 0 ? 1 : 0);
    for (int i = 0; i < size; i++) {
      object.set(random.nextInt(8) == 0 ? string(random) : random.nextInt(20) == 0 ? "emptyDir"
          : "key" + random.nextInt(20) + (random.nextBoolean() ? ".io/x" : ""),
          node(random, depth + 1));
    }
    return object;
  }

  private static JsonNode node(Random random, int depth) {
    int kind = random.nextInt(depth > 4 ? 5 : 8);
    return switch (kind) {
      case 0, 1 -> NODES.textNode(string(random));
      case 2 -> NODES.numberNode(random.nextInt(100_000) - 50);
      case 3 -> random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
      case 4 -> random.nextBoolean() ? NODES.numberNode(random.nextDouble() * 100) : NODES.textNode(string(random));
      case 5 -> object(random, depth);
      default -> {
        ArrayNode array = NODES.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          array.add(random.nextInt(10) == 0 ? array(random) : node(random, depth + 1));
        }
        yield array;
      }
    };
  }

  private static ArrayNode array(Random random) {
    return NODES.arrayNode().add(string(random)).add(string(random));
  }

  private static String string(Random random) {
    if (random.nextInt(3) == 0) {
      return TRICKY.get(random.nextInt(TRICKY.size()));
    }
    String alphabet = "abcXYZ0123456789-_.:/ #'\"*&!|>{}[],@%=\n\n\n\tü";
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }
}
