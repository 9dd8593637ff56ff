package dev.rwt.client;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.RwtWire;
import dev.rwt.protocol.SecureSession;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The periodic work of an open connection, on the client's timer thread: PING every
 * heartbeatMs (the PONG gives the latency) and close 4002 after {@code 2 x heartbeatMs} of
 * silence, so the client resumes on a new socket; {@code token-rotate} events at each epoch
 * boundary; renewing the application token with REFRESH at the configured share of its
 * lifetime, retrying with backoff while the token source fails. All state is guarded by the
 * client's session lock.
 */
final class Heartbeat {
  private static final long MIN_EPOCH_TIMER_MS = 20;
  private static final long MAX_TIMER_MS = Integer.MAX_VALUE;
  /** First retry of a failed renewal; each later one waits twice as long, up to the max. */
  static final long RENEW_RETRY_BASE_MS = 1_000;
  static final long RENEW_RETRY_MAX_MS = 30_000;
  /** A retry closer than this to the expiry would not get its REFRESHED back in time. */
  static final long RENEW_RETRY_MIN_MS = 50;

  private final ClientCore core;
  private ScheduledFuture<?> ping;
  private ScheduledFuture<?> epoch;
  private ScheduledFuture<?> refresh;
  private int renewFailures;

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

  /**
   * Schedules the REFRESH for the current authExp, when the token source can renew: after
   * {@code renewThreshold} of the time left (the token was just handed over, at the handshake or
   * by REFRESHED, so that is its lifetime). Under the lock.
   */
  void scheduleRefresh(Connection c) {
    renewFailures = 0;
    Long authExp = core.session == null ? null : core.session.authExp;
    if (authExp == null || !core.config.tokenRenewable()) {
      cancelRefresh();
      return;
    }
    long remaining = authExp - c.session().now();
    scheduleRenew(c, (long) (remaining * core.config.renewThreshold()));
  }

  private void scheduleRenew(Connection c, long delayMs) {
    cancelRefresh();
    refresh = core.timers.schedule(() -> renew(c), Math.min(MAX_TIMER_MS, Math.max(0, delayMs)),
        TimeUnit.MILLISECONDS);
  }

  private void cancelRefresh() {
    if (refresh != null) {
      refresh.cancel(false);
      refresh = null;
    }
  }

  /** Asks the token source for a fresh token (off the lock: it may call out) and sends REFRESH. */
  private void renew(Connection c) {
    CompletionStage<String> token;
    try {
      token = core.config.tokenSource().get();
    } catch (RuntimeException e) {
      token = CompletableFuture.failedFuture(e);
    }
    token.whenComplete((auth, e) -> {
      synchronized (core.lock) {
        if (core.connection != c) {
          return; // dropped meanwhile: the reconnect asks the source again
        }
        if (e != null || auth == null) {
          renewFailed(c, e);
        } else {
          core.outbox.sendControl(FrameType.REFRESH, Json.write(Map.of("auth", auth)), "refresh");
        }
      }
    });
  }

  /**
   * The token source failed: tell the application and try again with backoff, as long as a
   * retry can still land before the token expires (after that the server closes 4001). Under
   * the lock.
   */
  private void renewFailed(Connection c, Throwable cause) {
    renewFailures++;
    Long authExp = core.session == null ? null : core.session.authExp;
    long left = authExp == null ? Long.MAX_VALUE : authExp - c.session().now();
    long backoff = Math.min(RENEW_RETRY_MAX_MS, RENEW_RETRY_BASE_MS << Math.min(renewFailures - 1, 16));
    long delay = Math.min(backoff, left / 2);
    boolean retry = delay >= RENEW_RETRY_MIN_MS;
    Throwable t = cause == null ? null : Failures.unwrap(cause);
    RwtAuthenticationException error = new RwtAuthenticationException(
        "could not renew the token: " + (t == null ? "the token source returned null" : t), "UNAUTHENTICATED",
        "refresh", null, null, null, t);
    core.events.emit(RwtEvents.AUTH_REFRESH_FAILED,
        new RwtEvents.AuthRefreshFailed(renewFailures, error, retry ? delay : -1, authExp));
    if (retry) {
      scheduleRenew(c, delay);
    } else {
      refresh = null;
    }
  }
}
