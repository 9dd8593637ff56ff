package dev.rwt.bench.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The load generator's network side: Netty event-loop threads that carry every WebSocket
 * connection (no thread per connection: thousands of connections cost two threads), and a JDK
 * HTTP client for the servers' heap probe.
 */
final class Clients implements AutoCloseable {
  /** Handshakes in flight at once while opening many connections. */
  private static final int OPENING = 32;

  private final EventLoopGroup loop;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(30)).build();

  Clients(int threads) {
    loop = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
  }

  EventLoopGroup loop() {
    return loop;
  }

  /** Opens {@code count} connections with at most a few handshakes at a time; fails if any fails. */
  <T> List<T> openAll(int count, Supplier<CompletableFuture<T>> open) throws Exception {
    Semaphore permits = new Semaphore(OPENING);
    List<CompletableFuture<T>> pending = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("opening connections stalled after " + i);
      }
      CompletableFuture<T> f = open.get();
      f.whenComplete((c, t) -> permits.release());
      pending.add(f);
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    List<T> out = new ArrayList<>(count);
    for (CompletableFuture<T> f : pending) {
      out.add(f.join());
    }
    return out;
  }

  /** GET of a small text resource, e.g. the heap probe; null when the server does not answer 200. */
  String get(URI uri) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() {
    loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
