package dev.rwt.bench.war;

import dev.rwt.api.RwtMessage;
import dev.rwt.api.RwtRpc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * RWT's side of the echo benchmark, written as an application would: a direct message is
 * answered with the same text (through JSON-B, like any reply), and the {@code echo} RPC
 * method returns its parameter. Fan-out needs no code: RWT relays a client's message on a
 * channel to the channel's other subscribers.
 */
@ApplicationScoped
public class EchoHandlers {

  void echo(@Observes RwtMessage message) {
    if (message.channel() == null) {
      message.reply(message.as(String.class));
    }
  }

  @RwtRpc("echo")
  String echo(String text) {
    return text;
  }
}
