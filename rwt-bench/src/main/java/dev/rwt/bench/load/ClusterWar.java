package dev.rwt.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The bench WAR with the Hazelcast backplane adapter added under {@code WEB-INF/lib}, for the
 * cluster target only. The WAR the other targets run stays without it: the adapter's classes
 * refer to Hazelcast, which only Payara has (docs/cluster.md: package it only where it is used).
 */
final class ClusterWar {
  static final String ADAPTER_ENTRY = "WEB-INF/lib/rwt-backplane-hazelcast.jar";

  private ClusterWar() {}

  /** Writes {@code war} plus {@code adapterJar} to {@code out} and returns {@code out}. */
  static Path build(Path war, Path adapterJar, Path out) throws IOException {
    if (!Files.isRegularFile(adapterJar)) {
      throw new IllegalArgumentException("no Hazelcast backplane adapter jar at " + adapterJar
          + " (--hazelcast-adapter=rwt-backplane-hazelcast.jar)");
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.copy(war, out, StandardCopyOption.REPLACE_EXISTING);
    try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + out.toAbsolutePath().toUri()), Map.of())) {
      Path entry = zip.getPath(ADAPTER_ENTRY);
      Files.createDirectories(entry.getParent());
      Files.copy(adapterJar, entry, StandardCopyOption.REPLACE_EXISTING);
    }
    return out;
  }
}
