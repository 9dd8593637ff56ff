package dev.rwt.impl.endpoint;

import dev.rwt.impl.config.RwtSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Receives every connection's events from {@link RwtEndpoint}. Thread-safe. */
@ApplicationScoped
public class ConnectionService {

  private static final Logger LOG = Logger.getLogger(ConnectionService.class.getName());
  private static final int HEADER_BYTES = 33;
  private static final byte HELLO = 0x01;

  @Inject RwtSettings settings;

  void opened(Session session) {
    session.setMaxBinaryMessageBufferSize(settings.maxFrameBytes() + HEADER_BYTES + 1);
    if (!RwtEndpointConfigurator.SUBPROTOCOL.equals(session.getNegotiatedSubprotocol())) {
      close(session, 4000, "PROTOCOL");
    }
  }

  void received(Session session, ByteBuffer message) {
    if (message.remaining() > settings.maxFrameBytes() + HEADER_BYTES) {
      close(session, 4009, "TOO_LARGE");
    } else if (message.remaining() < HEADER_BYTES || message.get(1) != HELLO) {
      close(session, 4000, "PROTOCOL");
    }
  }

  void textReceived(Session session) {
    close(session, 4000, "PROTOCOL");
  }

  void closed(Session session, CloseReason reason) {}

  void failed(Session session, Throwable error) {
    LOG.log(Level.FINE, "connection " + session.getId() + " failed", error);
  }

  private static void close(Session session, int code, String reason) {
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    } catch (IOException e) {
      LOG.log(Level.FINE, "close of " + session.getId() + " failed", e);
    }
  }
}
