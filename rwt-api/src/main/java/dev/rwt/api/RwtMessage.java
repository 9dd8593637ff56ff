package dev.rwt.api;

/**
 * A message a client sent, delivered to CDI observers:
 * {@code void on(@Observes @Channel("orders") RwtMessage m)}.
 *
 * <p>Observers run on the connection's reading thread, in the order the client sent the
 * messages; a long task should be handed to an executor.
 */
public interface RwtMessage {

  /** The channel it was sent on, or {@code null} for a direct message to the server. */
  String channel();

  /** The session that sent it. */
  RwtSession session();

  /** The payload as sent. */
  byte[] bytes();

  /** The payload as UTF-8 text. */
  String text();

  /** Whether the payload was marked as JSON. */
  boolean isJson();

  /** Whether the client encrypted the payload. */
  boolean isEncrypted();

  /**
   * Binds the JSON payload to {@code type} with JSON-B.
   *
   * @throws RwtException with code {@code BAD_PARAMS} when the payload does not bind
   */
  <T> T as(Class<T> type);

  /** Answers the sender only, on the same channel (direct when the message was direct). */
  void reply(Object payload);
}
