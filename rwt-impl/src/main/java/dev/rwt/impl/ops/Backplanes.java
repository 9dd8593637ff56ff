package dev.rwt.impl.ops;

/**
 * What RWT knows of the backplane that {@code rwt.backplane} names. Only {@code local} (one
 * node, nothing to reach) exists in this version; {@code hazelcast} and {@code jms} are
 * reserved names, so a node configured for one of them cannot reach it.
 */
final class Backplanes {

  private Backplanes() {}

  static boolean reachable(String type) {
    return "local".equals(type);
  }
}
