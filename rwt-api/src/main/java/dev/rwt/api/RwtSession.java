package dev.rwt.api;

import java.util.Map;
import java.util.Set;

/**
 * One client's RWT session. A session outlives a single WebSocket connection: when the
 * connection drops, the client may resume the same session within the configured resume TTL.
 *
 * <p>Thread-safe. Sending never blocks; frames wait in the session's bounded outbound queue.
 */
public interface RwtSession {

  /** The session id the client resumes with. */
  String id();

  /** Who the application token said the client is. */
  RwtIdentity identity();

  /** Mutable, thread-safe attributes for the application's own use. */
  Map<String, Object> attributes();

  /** The names of the channels this session is subscribed to. */
  Set<String> channels();

  /** Sends {@code payload} as JSON on {@code channel}, subscribing the session first if needed. */
  void send(String channel, Object payload);

  /** Sends a direct message (channel 0) to this client only. */
  void sendDirect(Object payload);

  /** Subscribes the session to {@code channel} from the server side. */
  void subscribe(String channel);

  /** Ends the session's subscription to {@code channel}, telling the client why. */
  void unsubscribe(String channel, String reason);

  /** Whether a connection is attached right now (false while the session waits for a resume). */
  boolean isConnected();

  /** Ends the session for good (close 1000): the client cannot resume it. */
  void close();
}
