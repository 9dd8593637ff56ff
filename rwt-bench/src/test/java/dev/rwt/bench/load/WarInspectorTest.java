package dev.rwt.bench.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarInspectorTest {

  private static byte[] zip(String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry(name));
      z.write(content);
      z.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static Path war(Path dir, String jarName, String classContent) throws IOException {
    byte[] jar = zip("dev/rwt/impl/config/RwtSettings.class", classContent.getBytes(StandardCharsets.UTF_8));
    Path war = dir.resolve("bench.war");
    try (OutputStream out = Files.newOutputStream(war)) {
      out.write(zip("WEB-INF/lib/" + jarName, jar));
    }
    return war;
  }

  @Test
  void findsAKeyAmongTheConstantsOfRwtImpl(@TempDir Path dir) throws IOException {
    Path war = war(dir, "rwt-impl-0.1.0-SNAPSHOT.jar", "\u0000\u0014rwt.batching.enabled\u0001");
    assertTrue(WarInspector.implKnows(war, "rwt.batching.enabled"));
  }

  @Test
  void anRwtImplWithoutTheKeyDoesNotKnowIt(@TempDir Path dir) throws IOException {
    Path war = war(dir, "rwt-impl-0.1.0-SNAPSHOT.jar", "rwt.heartbeat-ms");
    assertFalse(WarInspector.implKnows(war, "rwt.batching.enabled"));
  }

  @Test
  void onlyRwtImplIsLookedAt(@TempDir Path dir) throws IOException {
    Path war = war(dir, "some-other-lib.jar", "rwt.batching.enabled");
    assertFalse(WarInspector.implKnows(war, "rwt.batching.enabled"));
  }
}
