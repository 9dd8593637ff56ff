package dev.rwt.impl.session;

import dev.rwt.api.Channel;
import dev.rwt.api.RwtException;
import dev.rwt.api.RwtMessage;
import dev.rwt.api.RwtSessionRefreshed;
import dev.rwt.impl.rpc.RpcExtension;
import dev.rwt.impl.rpc.RpcMethod;
import dev.rwt.protocol.ErrorCode;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.Plaintext;
import dev.rwt.protocol.RwtWire;
import dev.rwt.protocol.SealOptions;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands client traffic to the application: MESSAGE frames to CDI observers, relays to the other
 * subscribers of a channel, and CALL frames to {@code @RwtRpc} methods on the container's
 * managed executor. Thread-safe.
 */
@ApplicationScoped
public class MessageDispatcher {

  private static final Logger LOG = Logger.getLogger(MessageDispatcher.class.getName());

  @Inject Event<RwtMessage> messages;
  @Inject BeanManager beans;
  @Inject RpcExtension rpc;
  @Inject Sessions sessions;
  @Inject ClusterFanout cluster;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  /** This bean's instance rather than its client proxy, and its sessions' (see {@link Connections#direct}). */
  Supplier<MessageDispatcher> direct() {
    sessions = sessions.direct().get();
    return () -> this;
  }

  /** Fires a lifecycle event (opened, resumed, closed). */
  void fire(Object event) {
    try {
      beans.getEvent().fire(event);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "an observer of " + event.getClass().getSimpleName() + " failed", e);
    }
  }

  void refreshed(ServerSession session) {
    fire(new RwtSessionRefreshed(session));
  }

  /** Delivers a client message to the observers of its channel (or of direct messages). */
  void message(InboundMessage message) {
    sessions.metrics().received(message.channel());
    try {
      if (message.channel() == null) {
        messages.fire(message);
      } else {
        messages.select(Channel.Literal.of(message.channel())).fire(message);
      }
    } catch (RwtException e) {
      FrameRouter.error((ServerSession) message.session(), 0, e.code(), e.getMessage(), message.seq(), -1);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "an observer of " + message + " failed", e);
      FrameRouter.error((ServerSession) message.session(), 0, ErrorCode.INTERNAL, "handler failed", message.seq());
    }
  }

  /**
   * Relays a client's MESSAGE to every other subscriber of {@code channel}, with META: those on
   * this node directly, those on other nodes through the backplane.
   */
  void relay(String channel, ServerSession sender, OpenedFrame frame) {
    Map<String, Object> meta = sessions.serverMeta(sender.identity().id());
    boolean json = frame.has(RwtWire.FLAG_JSON);
    boolean encrypted = frame.has(RwtWire.FLAG_ENC);
    Plaintext message = sessions.message(frame.payload(), json, meta, encrypted);
    cluster.publish(channel, frame.payload(), json, encrypted, meta,
        () -> sessions.fanOut(channel, message, meta, sender));
  }

  /** Publishes server-side: every subscriber of {@code channel}, on this node and the others. */
  void publish(String channel, byte[] payload, boolean json) {
    Map<String, Object> meta = sessions.serverMeta(null);
    Plaintext message = sessions.message(payload, json, meta, false);
    cluster.publish(channel, payload, json, false, meta, () -> sessions.fanOut(channel, message, meta, null));
  }

  // ---- RPC ----------------------------------------------------------------------------------

  /**
   * Runs a CALL on the managed executor; its RESULT goes back through the session, encrypted as
   * {@code rwt.encryption.payloads} says of a reply to it ({@link Sessions#outgoing}: always,
   * never, or as the CALL was). With {@code always}, an unencrypted CALL is answered FORBIDDEN and
   * not run, as an unencrypted MESSAGE is refused.
   */
  void call(Connection connection, ServerSession session, OpenedFrame frame) {
    Map<?, ?> body = frame.has(RwtWire.FLAG_JSON) && frame.json() instanceof Map<?, ?> m ? m : null;
    if (body == null || !(body.get("id") instanceof Long id) || id < 0 || id > 0xFFFFFFFFL) {
      FrameRouter.error(session, 0, ErrorCode.BAD_PARAMS, "CALL needs {\"id\": u32, \"method\": name}", frame.seq());
      return;
    }
    boolean encrypted = frame.has(RwtWire.FLAG_ENC);
    SealOptions reply = sessions.outgoing(SealOptions.json(), encrypted);
    if (!connection.context().settings().encryption().admits(encrypted)) {
      result(session, id, ErrorCode.FORBIDDEN.wireName(), "this server accepts encrypted calls only", reply);
      return;
    }
    if (!(body.get("method") instanceof String name)) {
      result(session, id, ErrorCode.BAD_PARAMS.wireName(), "CALL needs a method name", reply);
      return;
    }
    RpcMethod method = rpc.methods().get(name);
    if (method == null) {
      result(session, id, ErrorCode.NO_SUCH_METHOD.wireName(), "no method " + name, reply);
      return;
    }
    if (!connection.context().authorizer().mayCall(session.identity(), name)) {
      result(session, id, ErrorCode.FORBIDDEN.wireName(), "not allowed to call " + name, reply);
      return;
    }
    int max = connection.context().settings().maxCalls();
    if (connection.callsInFlight().incrementAndGet() > max) {
      connection.callsInFlight().decrementAndGet();
      result(session, id, ErrorCode.TOO_MANY_CALLS.wireName(), "at most " + max + " calls in flight", reply);
      return;
    }
    Object params = body.get("params");
    Call call = new Call(session, id, method, reply);
    try {
      executor.execute(() -> invoke(connection, call, params));
    } catch (RejectedExecutionException e) {
      connection.callsInFlight().decrementAndGet();
      result(session, id, ErrorCode.INTERNAL.wireName(), "server busy", reply);
    }
  }

  /** A call taken in: where and how its RESULT goes. */
  private record Call(ServerSession session, long id, RpcMethod method, SealOptions reply) {}

  private void invoke(Connection connection, Call call, Object params) {
    try {
      Object value = invoke(call.method(), call.session(), params);
      if (value instanceof CompletionStage<?> stage) {
        stage.whenComplete((v, failure) -> {
          if (failure != null) {
            failed(call, failure);
          } else {
            success(call, v);
          }
          connection.callsInFlight().decrementAndGet();
        });
        return;
      }
      success(call, value);
    } catch (InvocationTargetException e) {
      failed(call, e.getCause());
    } catch (RwtException e) {
      result(call.session(), call.id(), e.code(), e.getMessage(), call.reply());
    } catch (ReflectiveOperationException | RuntimeException e) {
      failed(call, e);
    }
    connection.callsInFlight().decrementAndGet();
  }

  private Object invoke(RpcMethod method, ServerSession session, Object params) throws ReflectiveOperationException {
    Object[] args = new Object[method.method().getParameterCount()];
    if (method.sessionIndex() >= 0) {
      args[method.sessionIndex()] = session;
    }
    if (method.paramsIndex() >= 0) {
      args[method.paramsIndex()] = session.codec().fromJson(Json.write(params), method.paramsType());
    }
    Bean<?> bean = method.bean();
    CreationalContext<?> cc = beans.createCreationalContext(bean);
    try {
      return method.method().invoke(instance(bean, cc), args);
    } finally {
      if (bean.getScope() == Dependent.class) {
        cc.release();
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object instance(Bean bean, CreationalContext cc) {
    // the contextual instance itself, not its client proxy: RPC methods may be package-private
    return bean.getScope() == Dependent.class ? bean.create(cc) : beans.getContext(bean.getScope()).get(bean, cc);
  }

  private void success(Call call, Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("{\"id\":" + call.id() + ",\"result\":").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(value == null ? "null".getBytes(StandardCharsets.UTF_8) : call.session().codec().toJson(value));
    out.write('}');
    call.session().send(FrameType.RESULT, 0, out.toByteArray(), call.reply());
  }

  private void failed(Call call, Throwable failure) {
    if (failure instanceof RwtException e) {
      result(call.session(), call.id(), e.code(), e.getMessage(), call.reply());
      return;
    }
    LOG.log(Level.WARNING, "@RwtRpc(\"" + call.method().name() + "\") failed", failure);
    result(call.session(), call.id(), ErrorCode.INTERNAL.wireName(), "the method failed", call.reply());
  }

  private static void result(ServerSession session, long id, String code, String message, SealOptions reply) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message == null ? code : message);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("error", error);
    session.send(FrameType.RESULT, 0, Json.write(body), reply);
  }
}
