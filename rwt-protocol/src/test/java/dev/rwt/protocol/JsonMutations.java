package dev.rwt.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Mutations of JSON documents: of their text, of an object's members, of its numbers. */
final class JsonMutations {
  private static final Object[] ODD_VALUES = {
    null, true, "", "AAAA", "not base64!", -1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE,
    new BigDecimal("1e400"), new BigDecimal("-1e-400"), new BigDecimal("18446744073709551616"), 1.5,
    List.of(), Map.of(), List.of(List.of(List.of())), Map.of("x", Map.of()), "\u0000\uffff"
  };
  private static final String[] TEXT_PIECES = {
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "1e99999", "-0", "01", "null", "tru",
    " ", "\u0000", "\u00ff", "/*", "]]]]]]]]", "[[[[[[[[", "{\"a\":1,\"a\":2}", "1.", ".5", "\uFEFF"
  };

  private JsonMutations() {}

  /** Replaces, removes or adds members of {@code object} (1 to 3 changes). */
  static void mutateMembers(SplittableRandom r, Map<String, Object> object) {
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      List<String> names = new ArrayList<>(object.keySet());
      int kind = r.nextInt(4);
      if (kind == 0 && !names.isEmpty()) {
        object.remove(names.get(r.nextInt(names.size())));
      } else if (kind == 1 || names.isEmpty()) {
        object.put("x" + r.nextInt(3), oddValue(r));
      } else {
        String name = names.get(r.nextInt(names.size()));
        Object v = object.get(name);
        if (v instanceof Map<?, ?> nested && r.nextBoolean()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> copy = new java.util.LinkedHashMap<>((Map<String, Object>) nested);
          mutateMembers(r, copy);
          object.put(name, copy);
        } else {
          object.put(name, oddValue(r));
        }
      }
    }
  }

  /** Sets some numeric WELCOME fields to extreme values: what a hostile server might send. */
  static void mutateWelcomeNumbers(SplittableRandom r, Map<String, Object> welcome) {
    @SuppressWarnings("unchecked")
    Map<String, Object> rotation = new java.util.LinkedHashMap<>((Map<String, Object>) welcome.get("rotation"));
    welcome.put("rotation", rotation);
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      switch (r.nextInt(7)) {
        case 0 -> rotation.put("start", extremeLong(r));
        case 1 -> rotation.put("intervalMs", extremeLong(r));
        case 2 -> rotation.put("pattern", List.of("fixed", "fibonacci", "golden", "nope").get(r.nextInt(4)));
        case 3 -> welcome.put("time", extremeLong(r));
        case 4 -> welcome.put("maxFrameBytes", extremeLong(r));
        case 5 -> welcome.put("heartbeatMs", extremeLong(r));
        default -> welcome.put("lastSeq", extremeLong(r));
      }
    }
  }

  static long extremeLong(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0 -> 0;
      case 1 -> 1 + r.nextInt(3);
      case 2 -> Long.MAX_VALUE - r.nextInt(2);
      case 3 -> Integer.MAX_VALUE + (long) r.nextInt(3) - 1;
      case 4 -> r.nextLong(0, Long.MAX_VALUE);
      default -> Fixtures.T0 + r.nextLong(-1L << 40, 1L << 40);
    };
  }

  static Object oddValue(SplittableRandom r) {
    return ODD_VALUES[r.nextInt(ODD_VALUES.length)];
  }

  /** Inserts, deletes or swaps pieces of a JSON text. */
  static String mutateText(SplittableRandom r, String text) {
    StringBuilder sb = new StringBuilder(text);
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      int at = r.nextInt(sb.length() + 1);
      switch (r.nextInt(3)) {
        case 0 -> sb.insert(at, TEXT_PIECES[r.nextInt(TEXT_PIECES.length)]);
        case 1 -> {
          if (at < sb.length()) {
            sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(4)));
          }
        }
        default -> {
          if (at < sb.length()) {
            sb.setCharAt(at, (char) r.nextInt(0x80));
          }
        }
      }
    }
    return sb.toString();
  }
}
