package dev.rwt.client;

/** Counters behind {@link ClientStatus}. Guarded by the client's session lock. */
final class Stats {
  long connectedAtMs;
  long latencyMs = -1;
  long epoch;
  long tokenRotations;
  long reconnects;
  long messagesSent;
  long messagesReceived;
  long duplicatesDropped;
  long deflatedIn;
  long deflatedOut;
  boolean resumed;
  boolean continuityLost;

  double compressionRatio() {
    return deflatedIn == 0 ? 1.0 : (double) deflatedOut / deflatedIn;
  }
}
