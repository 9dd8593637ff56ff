package dev.rwt.impl.channel;

import dev.rwt.api.RwtChannel;
import dev.rwt.api.RwtChannels;
import jakarta.enterprise.inject.spi.CDI;

/**
 * What {@code @Inject @Channel("name") RwtChannel} injects: a handle that finds the
 * application's {@link RwtChannels} on first use. Looking it up from the portable extension
 * itself fails on some containers (the extension's own bean archive cannot see the
 * application's beans), so the lookup happens here, from an ordinary class of this jar.
 * Thread-safe.
 */
final class DeferredChannel implements RwtChannel {

  private final String name;
  private volatile RwtChannel target;

  DeferredChannel(String name) {
    this.name = name;
  }

  private RwtChannel target() {
    RwtChannel t = target;
    if (t == null) {
      t = CDI.current().select(RwtChannels.class).get().channel(name);
      target = t;
    }
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void publish(Object payload) {
    target().publish(payload);
  }

  @Override
  public void publishBytes(byte[] payload) {
    target().publishBytes(payload);
  }

  @Override
  public int subscriberCount() {
    return target().subscriberCount();
  }

  @Override
  public String toString() {
    return "RwtChannel[" + name + "]";
  }
}
