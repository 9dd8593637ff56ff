package dev.rwt.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterWarTest {
  private static final byte[] ADAPTER = "adapter jar".getBytes(StandardCharsets.UTF_8);

  private static Path benchWar(Path dir) throws IOException {
    Path war = dir.resolve("rwt-bench.war");
    try (OutputStream out = Files.newOutputStream(war); ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("WEB-INF/lib/rwt-impl.jar"));
      z.write(1);
      z.closeEntry();
    }
    return war;
  }

  @Test
  void addsTheAdapterToACopyAndLeavesTheBenchWarAsItWas(@TempDir Path dir) throws IOException {
    Path war = benchWar(dir);
    byte[] before = Files.readAllBytes(war);
    Path adapter = Files.write(dir.resolve("rwt-backplane-hazelcast-0.1.0.jar"), ADAPTER);

    Path out = ClusterWar.build(war, adapter, dir.resolve("cluster/rwt-bench.war"));

    assertArrayEquals(before, Files.readAllBytes(war));
    try (ZipFile zip = new ZipFile(out.toFile())) {
      List<String> names = new ArrayList<>();
      zip.stream().forEach(e -> names.add(e.getName()));
      assertTrue(names.contains("WEB-INF/lib/rwt-impl.jar"), names.toString());
      assertArrayEquals(ADAPTER, zip.getInputStream(zip.getEntry(ClusterWar.ADAPTER_ENTRY)).readAllBytes());
    }
  }

  @Test
  void aMissingAdapterNamesTheOption(@TempDir Path dir) throws IOException {
    Path war = benchWar(dir);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterWar.build(war, dir.resolve("absent.jar"), dir.resolve("out.war")));
    assertEquals("no Hazelcast backplane adapter jar at " + dir.resolve("absent.jar")
        + " (--hazelcast-adapter=rwt-backplane-hazelcast.jar)", e.getMessage());
  }
}
