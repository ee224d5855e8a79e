package dev.flyteinfra.core.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a value as block YAML, byte for byte what {@link Yaml}'s Jackson mapper (SnakeYAML's
 * emitter) writes, several times faster, in one pass over the value's serialization events (no
 * tree is built). The structure (indentation, {@code - } items, empty {@code {}} and {@code []})
 * is written here; a scalar is written here only when it is plainly plain (a name, an image, a
 * path, a quantity) or a plain literal block, and every other scalar, which is where quoting and
 * block styles are decided, is rendered by the Jackson mapper itself and placed in the document.
 *
 * <p>With {@code dropEmpty}, members that are null or empty objects and arrays (once their own
 * empty members are dropped) are left out, but for those {@link Yaml#keptEmpty} keeps: a container's key is
 * written only when its first member is, so nothing has to be taken back.
 */
final class YamlEmitter {
  private static final Set<String> RESERVED = reservedWords();
  /** Keys and scalars once rendered, as they recur in every synthesis; at most {@link #CACHE_BOUND} of each. */
  private static final Map<String, String> KEYS = new ConcurrentHashMap<>();
  private static final Map<Object, String> SCALARS = new ConcurrentHashMap<>();
  private static final int CACHE_BOUND = 10_000;
  private static final byte OTHER = 0;
  private static final byte LETTER = 1;
  private static final byte EXPONENT = 2;
  private static final byte SAFE = 3;
  private static final byte DASH = 4;
  private static final byte COLON = 5;
  private static final byte[] CHARACTERS = characterClasses();
  /** Runs of spaces by length, appended whole. */
  private static final String[] INDENTS = indents(64);

  private final boolean dropEmpty;
  private final StringBuilder out;
  /** The innermost open object or array; null outside the document's own. */
  private Container current;

  /** An open object or array: where its entries start, and whether its key or dash is written yet. */
  private static final class Container {
    final Container parent;
    final boolean object;
    /** The column of its keys or dashes. */
    final int indent;
    /** Its key in the enclosing object; null for an array item or the document itself. */
    final String key;
    /** Entries written so far; the key or dash before the first is written with it. */
    int entries;
    /** Whether its key or dash is written: it is once it has an entry. */
    boolean started;

    Container(Container parent, boolean object, int indent, String key) {
      this.parent = parent;
      this.object = object;
      this.indent = indent;
      this.key = key;
    }
  }

  private YamlEmitter(boolean dropEmpty, StringBuilder out) {
    this.out = out;
    this.dropEmpty = dropEmpty;
  }

  /**
   * Appends the YAML document of the value whose serialization {@code events} reads, ending in a
   * newline, to {@code out}; Yaml's mapper renders what is not plainly plain.
   *
   * @throws Unsupported for what only Jackson writes (a sequence directly in a sequence, embedded objects)
   */
  static void write(JsonParser events, boolean dropEmpty, StringBuilder out) throws IOException {
    YamlEmitter emitter = new YamlEmitter(dropEmpty, out);
    String key = null;
    for (JsonToken token = events.nextToken(); token != null; token = events.nextToken()) {
      switch (token) {
        case FIELD_NAME -> key = events.currentName();
        case START_OBJECT, START_ARRAY -> {
          emitter.open(token == JsonToken.START_OBJECT, key);
          key = null;
        }
        case END_OBJECT, END_ARRAY -> emitter.close();
        case VALUE_NULL -> {
          if (!dropEmpty || emitter.current == null || !emitter.current.object) {
            emitter.entry(key, "null");
          }
          key = null;
        }
        default -> {
          emitter.prefix(key);
          emitter.scalar(token, events, emitter.current == null ? 0 : emitter.current.indent);
          out.append('\n');
          key = null;
        }
      }
    }
  }

  /** Opens an object or array: the value of {@code key}, an array item ({@code key} null) or the document. */
  private void open(boolean object, String key) {
    if (current != null && !current.object && !object) {
      throw new Unsupported("a sequence directly in a sequence");
    }
    // Members of a key's value are indented by two (arrays too: their dashes); an item's object starts after "- ".
    current = new Container(current, object, current == null ? 0 : current.indent + 2, key);
  }

  private void close() {
    Container closing = current;
    current = closing.parent;
    if (closing.started) {
      return;
    }
    Container parent = closing.parent;
    if (parent == null) {
      out.append(closing.object ? "{}" : "[]").append('\n');
    } else if (!dropEmpty || !parent.object || Yaml.keptEmpty(closing.key, parent.key)) {
      entry(closing.key, closing.object ? "{}" : "[]");
    }
  }

  /** A scalar (or an empty container) as the next entry of the innermost container, or as the document. */
  private void entry(String key, String scalar) {
    prefix(key);
    out.append(scalar).append('\n');
  }

  /** What goes before the next entry's value: its indentation and key, or its dash; nothing for the document itself. */
  private void prefix(String key) {
    if (current != null) {
      beginEntry(current, key, null);
    }
  }

  /** Writes a container's key or dash, and its enclosing containers' first, when it gets its first entry. */
  private void start(Container container) {
    if (container.started) {
      return;
    }
    container.started = true;
    if (container.parent != null) {
      beginEntry(container.parent, container.key, container);
    }
  }

  /**
   * Starts the next entry of {@code parent}: its indentation, then a dash, or the key followed by
   * a space before a scalar, or by a line break and the indentation of the {@code nested} block.
   */
  private void beginEntry(Container parent, String key, Container nested) {
    start(parent);
    if (parent.entries++ > 0) {
      spaces(parent.indent);
    }
    if (!parent.object) {
      out.append("- ");
    } else if (nested == null) {
      out.append(key(key)).append(": ");
    } else {
      out.append(key(key)).append(":\n");
      spaces(nested.indent);
    }
  }

  /** A key as Jackson writes it, from {@link #KEYS} once it was written before. */
  private static String key(String name) {
    String known = KEYS.get(name);
    if (known != null) {
      return known;
    }
    String rendered = renderKey(name);
    remember(KEYS, name, rendered);
    return rendered;
  }

  private static String renderKey(String name) {
    // Jackson quotes names that start with a digit or a dash ("3000Mi": …) where it writes such a value plain.
    if (plainlyPlain(name) && (isLetter(name.charAt(0)) || name.charAt(0) == '/' || name.charAt(0) == '_')) {
      return name;
    }
    String rendered = jacksonText(Map.of(name, 0));
    if (!rendered.endsWith(": 0") || rendered.indexOf('\n') >= 0 || rendered.startsWith("? ")) {
      throw new Unsupported("key " + name);
    }
    return rendered.substring(0, rendered.length() - 3);
  }

  /** Keeps a rendering, while the cache is below its bound: what Jackson would render never changes. */
  private static <K> void remember(Map<K, String> cache, K value, String rendered) {
    if (cache.size() < CACHE_BOUND) {
      cache.put(value, rendered);
    }
  }

  /** Appends a scalar token; a block scalar's lines indented for a key or a {@code - } at column {@code indent}. */
  private void scalar(JsonToken token, JsonParser events, int indent) throws IOException {
    Object value;
    switch (token) {
      case VALUE_STRING -> {
        String text = events.getText();
        if (plainlyPlain(text)) {
          out.append(text);
          return;
        }
        if (text.isEmpty() || isDigits(text)) {
          out.append('"').append(text).append('"');
          return;
        }
        if (plainLiteralBlock(text)) {
          literalBlock(text, indent);
          return;
        }
        value = text;
      }
      case VALUE_NUMBER_INT -> {
        out.append(events.getText());
        return;
      }
      case VALUE_TRUE -> {
        out.append("true");
        return;
      }
      case VALUE_FALSE -> {
        out.append("false");
        return;
      }
      case VALUE_NUMBER_FLOAT -> value = events.getNumberValue();
      default -> throw new Unsupported(token.toString());
    }
    // Rendered as the value of a one-key mapping: a scalar alone would be a document of its own (`--- ""`).
    String rendered = SCALARS.get(value);
    if (rendered == null) {
      rendered = jacksonText(Collections.singletonMap("k", value)).substring("k: ".length());
      remember(SCALARS, value, rendered);
    }
    int newline = rendered.indexOf('\n');
    if (newline < 0) {
      out.append(rendered);
      return;
    }
    // A block scalar: its content lines come indented by 2 under a key at column 0, by indent + 2 here.
    out.append(rendered, 0, newline);
    for (String line : rendered.substring(newline + 1).split("\n", -1)) {
      out.append('\n');
      if (!line.isEmpty()) {
        spaces(indent);
        out.append(line);
      }
    }
  }

  /** Appends {@code |} (one final line break) or {@code |-} (none), then the lines at column {@code indent + 2}, empty lines empty. */
  private void literalBlock(String text, int indent) {
    boolean finalBreak = text.charAt(text.length() - 1) == '\n';
    out.append(finalBreak ? "|" : "|-");
    int end = finalBreak ? text.length() - 1 : text.length();
    int start = 0;
    while (start <= end) {
      int lineEnd = text.indexOf('\n', start);
      if (lineEnd < 0 || lineEnd > end) {
        lineEnd = end;
      }
      out.append('\n');
      if (lineEnd > start) {
        spaces(indent + 2);
        out.append(text, start, lineEnd);
      }
      start = lineEnd + 1;
    }
  }

  /**
   * Whether Jackson asks for a literal block and SnakeYAML writes one with no indentation or
   * keep indicator: printable ASCII lines, the first not blank at its start, no line ending in a
   * blank, and at most one line break at the end.
   */
  static boolean plainLiteralBlock(String text) {
    int length = text.length();
    if (text.indexOf('\n') < 0 || text.charAt(0) == ' ' || text.charAt(0) == '\n' || text.endsWith("\n\n")) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        if (text.charAt(i - 1) == ' ') {
          return false;
        }
      } else if (c < ' ' || c > '~') {
        return false;
      }
    }
    return text.charAt(length - 1) != ' ';
  }

  private static boolean isDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String jacksonText(Object value) {
    try {
      String text = Yaml.mapper().writeValueAsString(value);
      return text.substring(0, text.length() - 1);
    } catch (JsonProcessingException e) {
      throw new Unsupported(e.getMessage());
    }
  }

  /**
   * Whether SnakeYAML certainly writes this string plain: letters, digits and {@code . _ / - = @ % *},
   * a {@code :} not at the end, no reserved word, a leading {@code -} only before a letter or
   * {@code -}; one starting with a digit must be a dotted version or hold a letter other than e or
   * E and no {@code : -} (so it is no number, time or date).
   */
  static boolean plainlyPlain(String text) {
    int length = text.length();
    if (length == 0 || length > 120) {
      return false;
    }
    char first = text.charAt(0);
    boolean digitFirst = first >= '0' && first <= '9';
    if (digitFirst && isDottedVersion(text)) {
      return true;
    }
    boolean option = first == '-' && length > 1 && (isLetter(text.charAt(1)) || text.charAt(1) == '-');
    if (!(digitFirst || option || isLetter(first) || first == '/' || first == '_')) {
      return false;
    }
    boolean letter = false;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      byte kind = c < 128 ? CHARACTERS[c] : OTHER;
      if (kind == LETTER) {
        letter = true;
      } else if (kind != SAFE && kind != EXPONENT) {
        boolean allowedHere = (kind == DASH || kind == COLON && i < length - 1) && !digitFirst;
        if (!allowedHere) {
          return false;
        }
      }
    }
    if (digitFirst) {
      char second = length > 1 ? text.charAt(1) : '0';
      return letter && second != 'x' && second != 'X' && second != 'o' && second != 'b';
    }
    return !isReserved(text);
  }

  /** A word YAML 1.1 reads as a boolean or null, in any case. */
  private static boolean isReserved(String text) {
    if (text.length() > 5) {
      return false;
    }
    char first = (char) (text.charAt(0) | 0x20);
    return (first == 't' || first == 'f' || first == 'y' || first == 'n' || first == 'o') && RESERVED.contains(text);
  }

  /** Every spelling, in any case, of the words YAML 1.1 reads as booleans or null. */
  private static Set<String> reservedWords() {
    Set<String> spellings = new HashSet<>();
    for (String word : List.of("true", "false", "yes", "no", "y", "n", "on", "off", "null")) {
      for (int mask = 0; mask < 1 << word.length(); mask++) {
        char[] letters = word.toCharArray();
        for (int i = 0; i < letters.length; i++) {
          if ((mask & 1 << i) != 0) {
            letters[i] = Character.toUpperCase(letters[i]);
          }
        }
        spellings.add(new String(letters));
      }
    }
    return Set.copyOf(spellings);
  }

  /** The classes of ASCII characters for {@link #plainlyPlain}. */
  private static byte[] characterClasses() {
    byte[] classes = new byte[128];
    java.util.Arrays.fill(classes, OTHER);
    for (char c = 'a'; c <= 'z'; c++) {
      classes[c] = LETTER;
      classes[Character.toUpperCase(c)] = LETTER;
    }
    // e and E alone make no word of a number (1e5).
    classes['e'] = EXPONENT;
    classes['E'] = EXPONENT;
    for (char c = '0'; c <= '9'; c++) {
      classes[c] = SAFE;
    }
    for (char c : "._/=@%*".toCharArray()) {
      classes[c] = SAFE;
    }
    classes['-'] = DASH;
    classes[':'] = COLON;
    return classes;
  }

  /** Digits with two or more dots between them ({@code 1.16.8}, {@code 10.0.0.1}): no YAML number. */
  private static boolean isDottedVersion(String text) {
    int dots = 0;
    char previous = '.';
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (previous == '.') {
          return false;
        }
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
      previous = c;
    }
    return dots >= 2 && previous != '.';
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private void spaces(int count) {
    for (int left = count; left > 0; left -= INDENTS.length - 1) {
      out.append(INDENTS[Math.min(left, INDENTS.length - 1)]);
    }
  }

  private static String[] indents(int longest) {
    String[] indents = new String[longest + 1];
    for (int i = 0; i <= longest; i++) {
      indents[i] = " ".repeat(i);
    }
    return indents;
  }

  /** Something this emitter does not write itself; {@link Yaml} then writes the whole document through Jackson. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String what) {
      super(what, null, false, false);
    }
  }
}
