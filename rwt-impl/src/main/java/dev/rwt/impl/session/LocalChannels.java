package dev.rwt.impl.session;

import dev.rwt.api.RwtChannel;
import dev.rwt.api.RwtChannels;
import dev.rwt.impl.channel.ChannelNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The {@link RwtChannels} applications inject; also backs every
 * {@code @Inject @Channel("name") RwtChannel}. Publishing goes to the subscribers on this
 * node and, through the backplane, on every other. Thread-safe.
 */
@ApplicationScoped
public class LocalChannels implements RwtChannels {

  @Inject MessageDispatcher dispatcher;
  @Inject Sessions sessions;

  @Override
  public RwtChannel channel(String name) {
    return new Handle(ChannelNames.require(name));
  }

  private final class Handle implements RwtChannel {
    private final String name;

    Handle(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void publish(Object payload) {
      dispatcher.publish(name, sessions.codec().toJson(payload), true);
    }

    @Override
    public void publishBytes(byte[] payload) {
      dispatcher.publish(name, payload.clone(), false);
    }

    @Override
    public int subscriberCount() {
      return sessions.channels().count(name);
    }

    @Override
    public String toString() {
      return "RwtChannel[" + name + "]";
    }
  }
}
