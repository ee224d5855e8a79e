package dev.flyteinfra.tests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass of Helm's {@code tpl} (Go's text/template) over text that holds only the escapes of its
 * left delimiter: an action whose pipeline is one string constant, raw ({@code {{`…`}}}) or
 * interpreted ({@code {{ "…" }}}), with optional spaces, evaluates to that constant. Any other
 * action is what Helm would evaluate away or fail on: an {@link IllegalArgumentException}.
 */
final class HelmTpl {
  private HelmTpl() {}

  static String evaluate(String text) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int open = text.indexOf("{{", at);
      if (open < 0) {
        return out.append(text, at, text.length()).toString();
      }
      out.append(text, at, open);
      int i = skipSpaces(text, open + 2);
      if (i >= text.length() || (text.charAt(i) != '`' && text.charAt(i) != '"')) {
        throw new IllegalArgumentException("an action tpl would evaluate at " + open + ": " + text);
      }
      char quote = text.charAt(i);
      int close = quote == '`' ? text.indexOf('`', i + 1) : endOfInterpreted(text, i + 1);
      if (close < 0) {
        throw new IllegalArgumentException("an unterminated string in an action at " + open + ": " + text);
      }
      String constant = quote == '`' ? text.substring(i + 1, close) : unquote(text.substring(i + 1, close));
      int end = skipSpaces(text, close + 1);
      if (!text.startsWith("}}", end)) {
        throw new IllegalArgumentException("an action with more than a string constant at " + open + ": " + text);
      }
      out.append(constant);
      at = end + 2;
    }
  }

  /** Every string of a tree of maps and lists, evaluated by {@link #evaluate}. */
  static Object evaluateAll(Object value) {
    if (value instanceof String text) {
      return evaluate(text);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> result = new LinkedHashMap<>();
      map.forEach((key, child) -> result.put(key, evaluateAll(child)));
      return result;
    }
    if (value instanceof List<?> list) {
      List<Object> result = new ArrayList<>();
      list.forEach(child -> result.add(evaluateAll(child)));
      return result;
    }
    return value;
  }

  private static int skipSpaces(String text, int i) {
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static int endOfInterpreted(String text, int i) {
    for (; i < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        i++;
      } else if (text.charAt(i) == '"') {
        return i;
      }
    }
    return -1;
  }

  /** Go's interpreted string: the escapes {@code \"} and {@code \\} (others are not needed here and refused). */
  private static String unquote(String body) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\') {
        char next = body.charAt(++i);
        if (next != '"' && next != '\\') {
          throw new IllegalArgumentException("an escape this helper does not evaluate: \\" + next);
        }
        out.append(next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
