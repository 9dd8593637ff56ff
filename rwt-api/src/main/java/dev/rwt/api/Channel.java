package dev.rwt.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Names an RWT channel.
 *
 * <ul>
 *   <li>On an injection point: {@code @Inject @Channel("market.prices") RwtChannel prices;}
 *       gives a handle to publish on that channel.
 *   <li>On an observer: {@code void on(@Observes @Channel("orders") RwtMessage m)} receives the
 *       messages clients send on that channel. An observer of {@code RwtMessage} without the
 *       qualifier receives the messages of every channel and the direct ones.
 * </ul>
 *
 * <p>Channel names match {@code ^[A-Za-z0-9._:-]{1,100}$}.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD, TYPE})
public @interface Channel {

  /** The channel's name. */
  String value();

  /** Builds the qualifier at run time, e.g. to select an event by a channel name. */
  final class Literal extends AnnotationLiteral<Channel> implements Channel {
    private static final long serialVersionUID = 1L;
    private final String value;

    private Literal(String value) {
      this.value = Objects.requireNonNull(value, "value");
    }

    /** The qualifier {@code @Channel(name)}. */
    public static Literal of(String name) {
      return new Literal(name);
    }

    @Override
    public String value() {
      return value;
    }
  }
}
