package dev.rwt.backplane.hazelcast;

import dev.rwt.api.spi.RwtBackplane;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a backplane told RWT, in order, as text. */
final class RecordingReceiver implements RwtBackplane.Receiver {

  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void receive(byte[] message) {
    events.add("receive " + new String(message, StandardCharsets.UTF_8));
  }

  @Override
  public void receive(byte[] message, long position) {
    events.add("receive " + new String(message, StandardCharsets.UTF_8) + " at " + position);
  }

  @Override
  public void lost(String what, Throwable cause) {
    events.add("lost " + what);
  }

  @Override
  public void restored() {
    events.add("restored");
  }
}
