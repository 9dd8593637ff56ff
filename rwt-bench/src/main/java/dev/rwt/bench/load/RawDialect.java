package dev.rwt.bench.load;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * A plain WebSocket peer: {@code /raw/echo} sends every binary message back and
 * {@code /raw/fanout} sends it to every other connection. The bench WAR's Jakarta endpoints
 * and the Node {@code ws} server both answer these paths.
 */
final class RawDialect implements Dialect {
  private final Clients clients;
  private final URI base;
  private final String label;

  RawDialect(Clients clients, URI base, String label) {
    this.clients = clients;
    this.base = base;
    this.label = label;
  }

  @Override
  public CompletableFuture<Conn> connect(Role role, Conn.Sink sink) {
    URI uri = base.resolve(role == Role.FANOUT ? "raw/fanout" : "raw/echo");
    return WsConn.open(clients, uri, null, message -> sink.payload(message, 0)).thenApply(ws -> new Conn() {
      @Override
      public void send(byte[] text) {
        ws.sendBinary(text);
      }

      @Override
      public void close() {
        ws.close();
      }
    });
  }

  @Override
  public String label() {
    return label;
  }
}
