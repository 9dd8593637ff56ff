package dev.rwt.client;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.RwtWire;
import dev.rwt.protocol.SecureSession;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The periodic work of an open connection, on the client's timer thread: PING every
 * heartbeatMs (the PONG gives the latency) and close 4002 after {@code 2 x heartbeatMs} of
 * silence, so the client resumes on a new socket; {@code token-rotate} events at each epoch
 * boundary; renewing the application token with REFRESH at the configured share of its
 * lifetime. All state is guarded by the client's session lock.
 */
final class Heartbeat {
  private static final long MIN_EPOCH_TIMER_MS = 20;
  private static final long MAX_TIMER_MS = Integer.MAX_VALUE;

  private final ClientCore core;
  private ScheduledFuture<?> ping;
  private ScheduledFuture<?> epoch;
  private ScheduledFuture<?> refresh;

  Heartbeat(ClientCore core) {
    this.core = core;
  }

  /** Starts the timers for {@code c}, which just became the open connection. Under the lock. */
  void start(Connection c) {
    stop();
    long hb = core.session.welcome.heartbeatMs();
    ping = core.timers.scheduleAtFixedRate(() -> tick(c, hb), hb, hb, TimeUnit.MILLISECONDS);
    core.outbox.sendPing(c);
    scheduleEpoch(c);
    scheduleRefresh(c);
  }

  void stop() {
    for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {ping, epoch, refresh}) {
      if (f != null) {
        f.cancel(false);
      }
    }
    ping = null;
    epoch = null;
    refresh = null;
  }

  private void tick(Connection c, long hb) {
    synchronized (core.lock) {
      if (core.connection != c) {
        return;
      }
      long silent = core.now() - c.lastHeardMs;
      if (silent > RwtWire.HEARTBEAT_MISSES * hb) {
        core.fail(c, 4002, "HEARTBEAT", new RwtConnectionException("no frame from the server for " + silent + " ms",
            "HEARTBEAT", "heartbeat", null, 4002, null, null));
      } else {
        core.outbox.sendPing(c);
      }
    }
  }

  private void scheduleEpoch(Connection c) {
    SecureSession s = c.session();
    long now = s.now();
    long delay = Math.min(MAX_TIMER_MS, Math.max(MIN_EPOCH_TIMER_MS, s.schedule().nextBoundaryAfter(now) - now + 1));
    epoch = core.timers.schedule(() -> {
      synchronized (core.lock) {
        if (core.connection != c) {
          return;
        }
        long e = s.schedule().epochAt(s.now());
        long previous = core.stats.epoch;
        if (e > previous) {
          core.stats.epoch = e;
          core.stats.tokenRotations += e - previous;
          core.events.emit(RwtEvents.TOKEN_ROTATE, new RwtEvents.TokenRotation(e, previous));
        }
        scheduleEpoch(c);
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  /** Schedules the REFRESH for the current authExp, when the token source can renew. Under the lock. */
  void scheduleRefresh(Connection c) {
    if (refresh != null) {
      refresh.cancel(false);
      refresh = null;
    }
    Long authExp = core.session == null ? null : core.session.authExp;
    if (authExp == null || !core.config.tokenRenewable()) {
      return;
    }
    long remaining = authExp - c.session().now();
    long delay = Math.min(MAX_TIMER_MS, Math.max(0, (long) (remaining * core.config.renewThreshold())));
    refresh = core.timers.schedule(() -> renew(c), delay, TimeUnit.MILLISECONDS);
  }

  private void renew(Connection c) {
    java.util.concurrent.CompletionStage<String> token;
    try {
      token = core.config.tokenSource().get();
    } catch (RuntimeException e) {
      token = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    token.whenComplete((auth, e) -> {
      synchronized (core.lock) {
        if (core.connection != c) {
          return;
        }
        if (e != null || auth == null) {
          core.events.emit(RwtEvents.ERROR, new RwtAuthenticationException("could not renew the token: " + e,
              "UNAUTHENTICATED", "refresh", null, null, null, e));
          return;
        }
        core.outbox.sendControl(FrameType.REFRESH, Json.write(Map.of("auth", auth)), "refresh");
      }
    });
  }
}
