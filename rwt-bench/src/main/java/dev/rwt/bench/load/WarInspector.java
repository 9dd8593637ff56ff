package dev.rwt.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Whether the rwt-impl inside a WAR knows a configuration key, by looking for its name among the
 * classes' constants. The report uses it to say whether a run's "no batching" server really ran
 * without batching: {@code rwt.batching.enabled} only exists from the rwt-impl that adds it.
 */
final class WarInspector {
  private WarInspector() {}

  static boolean implKnows(Path war, String key) throws IOException {
    byte[] needle = key.getBytes(StandardCharsets.UTF_8);
    try (ZipInputStream outer = new ZipInputStream(Files.newInputStream(war))) {
      for (ZipEntry e; (e = outer.getNextEntry()) != null; ) {
        if (e.getName().matches("WEB-INF/lib/rwt-impl[^/]*\\.jar") && jarContains(outer, needle)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean jarContains(InputStream jar, byte[] needle) throws IOException {
    ZipInputStream inner = new ZipInputStream(jar);
    for (ZipEntry e; (e = inner.getNextEntry()) != null; ) {
      if (e.getName().endsWith(".class") && indexOf(readAll(inner), needle) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
