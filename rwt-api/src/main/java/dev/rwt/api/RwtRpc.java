package dev.rwt.api;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean as an RPC method that clients call by name.
 *
 * <p>The method may take, in any order, an {@link RwtSession} and one parameter bound from the
 * call's {@code params} with JSON-B. Its return value (or the value of a returned
 * {@code CompletionStage}) becomes the RESULT. Throw {@link RwtException} to answer with an
 * error code. Names are unique per application: a duplicate fails the deployment.
 *
 * <pre>{@code
 * @RwtRpc("counter.increment")
 * int increment(RwtSession session, Increment by) { ... }
 * }</pre>
 */
@Documented
@Retention(RUNTIME)
@Target(METHOD)
public @interface RwtRpc {

  /** The method name clients call, e.g. {@code counter.increment}. */
  String value();
}
