package dev.rwt.impl.channel;

import dev.rwt.api.Channel;
import dev.rwt.api.RwtChannel;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes {@code @Inject @Channel("name") RwtChannel} work for any name: it collects the names
 * used at injection points and adds one bean per name. A malformed name fails the deployment.
 */
public class ChannelInjectionExtension implements Extension {

  private final Set<String> names = ConcurrentHashMap.newKeySet();

  <T> void collect(@Observes ProcessInjectionPoint<T, RwtChannel> event) {
    InjectionPoint point = event.getInjectionPoint();
    for (var qualifier : point.getQualifiers()) {
      if (qualifier instanceof Channel channel) {
        try {
          names.add(ChannelNames.require(channel.value()));
        } catch (IllegalArgumentException e) {
          event.addDefinitionError(new IllegalStateException("RWT-CHANNEL: " + point + ": " + e.getMessage()));
        }
      }
    }
  }

  void addBeans(@Observes AfterBeanDiscovery event) {
    for (String name : names) {
      event
          .addBean()
          .beanClass(RwtChannel.class)
          .types(RwtChannel.class, Object.class)
          .qualifiers(Channel.Literal.of(name))
          .scope(Dependent.class)
          .produceWith(instance -> new DeferredChannel(name));
    }
  }
}
