package dev.rwt.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuProfileTest {

  @TempDir Path dir;

  @Test
  void readsCollapsedStacksIntoAreasHottestFramesAndRwtMethods() throws Exception {
    Path file = dir.resolve("p.collapsed");
    Files.write(file, List.of(
        "java/lang/Thread.run;dev/rwt/impl/session/Outbound.drain;io/undertow/websockets/core/WebSockets.sendBinary;"
            + "sun/nio/ch/IOUtil.write;do_syscall_64_[k];tcp_sendmsg_[k] 6",
        "java/lang/Thread.run;dev/rwt/impl/session/ServerSession.send;dev/rwt/protocol/MacEngines.hmac;"
            + "dev/rwt/impl/session/Sessions$$Lambda$1215.0x00007fe969b626d8.run;sun/security/provider/SHA2.implCompress0 3",
        "thread_native_entry;CompileBroker::compiler_thread_loop;C2Compiler::compile_method 1"));
    CpuProfile p = CpuProfile.read("t", file, 2);
    assertEquals(10, p.samples());
    Map<String, Double> areas = p.areas();
    assertEquals(0.9, areas.get("RWT (dev.rwt)"), 1e-9);
    assertEquals(0.6, areas.get("Undertow/XNIO (WildFly)"), 1e-9);
    assertEquals(0.6, areas.get("kernel (system calls, TCP)"), 1e-9);
    assertEquals(0.3, areas.get("cryptography (JCE)"), 1e-9);
    assertEquals(0.1, areas.get("JIT compiler"), 1e-9);
    assertEquals(0.0, areas.get("Tyrus (Payara's WebSocket)"), 1e-9);
    assertEquals(List.of(Map.entry("tcp_sendmsg_[k]", 6L), Map.entry("sun.security.provider.SHA2.implCompress0", 3L)),
        p.hottest());
    // the innermost RWT frame, lambdas skipped
    assertEquals(List.of(Map.entry("dev.rwt.impl.session.Outbound.drain", 6L),
        Map.entry("dev.rwt.protocol.MacEngines.hmac", 3L)), p.rwtMethods());
  }

  @Test
  void findsTheAgentInTheAsyncProfilerJarOnThisPlatform() throws Exception {
    boolean linux = System.getProperty("os.name").toLowerCase().contains("linux");
    boolean known = List.of("amd64", "x86_64", "aarch64").contains(System.getProperty("os.arch"));
    var agent = CpuProfile.agent(dir);
    assertEquals(linux && known, agent.isPresent());
    agent.ifPresent(a -> assertTrue(a.toFile().length() > 100_000, "the library itself: " + a));
  }
}
