package dev.rwt.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The shared test vectors, read at test time from {@code ${rwt.shared.dir}/protocol/test-vectors.json}
 * (Surefire sets the property). Never copied into the repository.
 */
final class Vectors {
  static final HexFormat HEX = HexFormat.of();
  private static Map<String, Object> root;

  private Vectors() {}

  static synchronized Map<String, Object> root() {
    if (root == null) {
      String dir = System.getProperty("rwt.shared.dir");
      if (dir == null || dir.isBlank()) {
        throw new IllegalStateException("system property rwt.shared.dir is not set; run the tests through Maven"
            + " (Surefire passes ${maven.multiModuleProjectDirectory}/../shared)");
      }
      Path file = Path.of(dir, "protocol", "test-vectors.json");
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException("test vectors not found at " + file.toAbsolutePath()
            + " (rwt.shared.dir=" + dir + ")");
      }
      try {
        root = map(Json.parse(Files.readAllBytes(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      } catch (RwtProtocolException e) {
        throw new IllegalStateException("test vectors are not valid JSON: " + e.getMessage(), e);
      }
    }
    return root;
  }

  static Map<String, Object> section(String name) {
    return map(root().get(name));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  static byte[] hex(Map<String, Object> m, String key) {
    return HEX.parseHex((String) m.get(key));
  }

  static String str(Map<String, Object> m, String key) {
    return (String) m.get(key);
  }

  static long num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).longValue();
  }

  static String toHex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
