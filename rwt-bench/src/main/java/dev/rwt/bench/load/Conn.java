package dev.rwt.bench.load;

/**
 * One load connection as a scenario sees it, whatever the server speaks: it sends an
 * application payload (ASCII text, see {@link Stamp}) and hands received payloads to its
 * {@link Sink}.
 */
interface Conn {

  /** Where received payloads go, on the connection's callback thread. */
  interface Sink {
    void payload(byte[] bytes, int offset);
  }

  /** Sends one payload: an echo request, or a publish to the fan-out group. */
  void send(byte[] text);

  /** Closes the connection normally. */
  void close();
}
