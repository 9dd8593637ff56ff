package dev.rwt.war.demo;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;

/** Reads this JVM's figures from its platform MXBeans. Thread-safe. */
@ApplicationScoped
public class JvmProbe {

  /** CPU loads are 0..1, or -1 when the platform cannot tell; heapMax falls back to committed. */
  public record Reading(double processCpu, double systemCpu, long heapUsed, long heapMax, int threads, long uptimeMs) {}

  public Reading read() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    double processCpu = -1;
    double systemCpu = -1;
    // the com.sun.management extension is on HotSpot and OpenJ9; without it, no CPU figures.
    // A modular server may also hide it from applications (WildFly does, unless the WAR's
    // manifest asks for jdk.management): then the check itself fails to link.
    try {
      if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
        processCpu = hotspot.getProcessCpuLoad();
        systemCpu = hotspot.getCpuLoad();
      }
    } catch (LinkageError e) {
      // no CPU figures here
    }
    return new Reading(
        processCpu,
        systemCpu,
        heap.getUsed(),
        max,
        ManagementFactory.getThreadMXBean().getThreadCount(),
        ManagementFactory.getRuntimeMXBean().getUptime());
  }
}
