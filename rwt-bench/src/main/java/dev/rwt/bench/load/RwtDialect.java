package dev.rwt.bench.load;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RWT spoken by a lean client built on rwt-protocol ({@link RwtConn}): the echo role sends a
 * direct message (or calls the {@code echo} RPC method) that the bench WAR's handler answers;
 * the fan-out role subscribes to channel {@code fan}, whose messages RWT relays to every other
 * subscriber. MESSAGE frames are AES-256-GCM encrypted or authenticated only (MAC).
 */
final class RwtDialect implements Dialect, AutoCloseable {
  static final String CHANNEL = "fan";
  /**
   * How often the connections are asked whether an ACK is due: often enough that none waits
   * much past the protocol's 250 ms (see {@link RwtConn#ackIfDue}).
   */
  private static final long ACK_TICK_MS = 25;

  private final Clients clients;
  private final URI uri;
  private final boolean encrypt;
  private final boolean rpc;
  private final String label;
  private final SecureRandom random = new SecureRandom();
  private final String token = BenchTokens.token("bench");
  private final List<RwtConn> open = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService acks;
  private final AtomicInteger errors = new AtomicInteger();

  RwtDialect(Clients clients, URI base, boolean encrypt, boolean rpc) {
    this(clients, base, encrypt, rpc, "RWT " + (encrypt ? "GCM" : "MAC") + (rpc ? " RPC" : ""));
  }

  RwtDialect(Clients clients, URI base, boolean encrypt, boolean rpc, String label) {
    this.label = label;
    this.clients = clients;
    this.uri = base.resolve("rwt");
    this.encrypt = encrypt;
    this.rpc = rpc;
    this.acks = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rwt-ack-tick");
      t.setDaemon(true);
      return t;
    });
    acks.scheduleWithFixedDelay(() -> {
      long now = System.nanoTime();
      open.forEach(c -> c.ackIfDue(now));
    }, ACK_TICK_MS, ACK_TICK_MS,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletableFuture<Conn> connect(Role role, Conn.Sink sink) {
    RwtConn conn = new RwtConn(role, sink, encrypt, rpc, token, random, this::error, open::remove);
    open.add(conn);
    return conn.connect(clients, uri).thenApply(c -> c);
  }

  /** ERROR frames and unexpected closes seen so far: a run with any is reported as such. */
  int errors() {
    return errors.get();
  }

  /** Counts an error; the first few are printed, so that a marked figure can be explained. */
  void error(String what) {
    if (errors.incrementAndGet() <= 5) {
      System.err.println(label + ": " + what);
    }
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public void close() {
    acks.shutdownNow();
  }
}
