package dev.rwt.bench.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Socket.IO 4 over its WebSocket transport (Engine.IO v4), spoken directly: {@code 0} open,
 * {@code 40} namespace connect, {@code 2}/{@code 3} ping/pong, {@code 42[event, arg]} events.
 * The peer server answers event {@code e} with {@code e} (echo) and broadcasts {@code p} as
 * {@code m} to every other socket (fan-out). Payloads are ASCII, so they need no escaping.
 */
final class SocketIoDialect implements Dialect {
  private final Clients clients;
  private final URI uri;

  SocketIoDialect(Clients clients, URI base) {
    this.clients = clients;
    this.uri = base.resolve("socket.io/?EIO=4&transport=websocket");
  }

  @Override
  public CompletableFuture<Conn> connect(Role role, Conn.Sink sink) {
    CompletableFuture<Conn> ready = new CompletableFuture<>();
    String sendEvent = role == Role.FANOUT ? "p" : "e";
    String prefix = "42[\"" + sendEvent + "\",\"";
    WsConn[] holder = new WsConn[1]; // set before the connection opens
    Conn conn = new Conn() {
      @Override
      public void send(byte[] text) {
        holder[0].sendText(prefix + new String(text, StandardCharsets.US_ASCII) + "\"]");
      }

      @Override
      public void close() {
        holder[0].close();
      }
    };
    WsConn.Handler handler = new WsConn.Handler() {
      @Override
      public void binary(byte[] message) {}

      @Override
      public void text(String m) {
        if (m.startsWith("42")) {
          int start = m.indexOf("\",\"");
          if (start > 0) {
            sink.payload(m.substring(start + 3).getBytes(StandardCharsets.US_ASCII), 0);
          }
        } else if (m.equals("2")) {
          holder[0].sendText("3");
        } else if (m.startsWith("40")) {
          ready.complete(conn);
        } else if (m.startsWith("0")) {
          holder[0].sendText("40");
        }
      }

      @Override
      public void closed(int code, String reason) {
        ready.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
      }
    };
    holder[0] = new WsConn(handler);
    holder[0].connect(clients, uri, null).whenComplete((ws, t) -> {
      if (t != null) {
        ready.completeExceptionally(t);
      }
    });
    return ready;
  }

  @Override
  public String label() {
    return "Socket.IO 4";
  }
}
