package dev.rwt.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * One WebSocket client connection on Netty's event loop, with no thread of its own: whole
 * messages go to a {@link Handler} on the connection's event-loop thread (one at a time per
 * connection), and any thread may send; sends leave in the order they were made.
 */
final class WsConn extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final int MAX_MESSAGE = 2 << 20;

  /** What the connection's messages go to; called one at a time per connection. */
  interface Handler {
    void binary(byte[] message);

    default void text(String message) {}

    /** The connection ended: a close code from the peer, or -1 when it was lost without one. */
    default void closed(int code, String reason) {}
  }

  private final Handler handler;
  private final CompletableFuture<WsConn> opened = new CompletableFuture<>();
  private volatile Channel channel;
  private volatile boolean closeReported;

  /** A connection not yet open: {@link #connect} opens it; sending before that is an error. */
  WsConn(Handler handler) {
    this.handler = handler;
  }

  static CompletableFuture<WsConn> open(Clients clients, URI uri, String subprotocol, Handler handler) {
    return new WsConn(handler).connect(clients, uri, subprotocol);
  }

  CompletableFuture<WsConn> connect(Clients clients, URI uri, String subprotocol) {
    URI ws = URI.create(uri.toString().replaceFirst("^http", "ws"));
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(ws)
        .subprotocol(subprotocol).maxFramePayloadLength(MAX_MESSAGE).handleCloseFrames(false)
        .handshakeTimeoutMillis(60_000).build();
    WsConn self = this;
    Bootstrap b = new Bootstrap().group(clients.loop()).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true).handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new FlushConsolidationHandler(64, true), new HttpClientCodec(),
                new HttpObjectAggregator(64 * 1024), new WebSocketClientProtocolHandler(config),
                new WebSocketFrameAggregator(MAX_MESSAGE), self);
          }
        });
    b.connect(ws.getHost(), ws.getPort()).addListener(f -> {
      if (!f.isSuccess()) {
        opened.completeExceptionally(f.cause());
      }
    });
    return opened;
  }

  void sendBinary(byte[] message) {
    write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message)));
  }

  void sendText(String message) {
    write(new TextWebSocketFrame(message));
  }

  /**
   * Always through the event loop's task queue, even on the loop's own thread (where Netty would
   * write at once, ahead of writes other threads queued earlier): frames leave in call order,
   * which RWT needs, since every frame's seq must exceed the last one's.
   */
  private void write(WebSocketFrame frame) {
    Channel c = channel;
    c.eventLoop().execute(() -> c.writeAndFlush(frame));
  }

  /** Sends a close frame (1000) and closes the connection. */
  void close() {
    closeReported = true; // closed on purpose: nothing to report
    Channel c = channel;
    if (c != null && c.isActive()) {
      c.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> c.close());
    }
  }

  void abort() {
    Channel c = channel;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      channel = ctx.channel();
      opened.complete(this);
    } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      opened.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof BinaryWebSocketFrame) {
      handler.binary(ByteBufUtil.getBytes(frame.content()));
    } else if (frame instanceof TextWebSocketFrame t) {
      handler.text(t.text());
    } else if (frame instanceof CloseWebSocketFrame c) {
      reportClose(c.statusCode(), c.reasonText());
      ctx.writeAndFlush(new CloseWebSocketFrame(c.statusCode() < 0 ? 1000 : c.statusCode(), ""))
          .addListener(f -> ctx.close());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    opened.completeExceptionally(new IllegalStateException("connection closed before the handshake completed"));
    reportClose(-1, "connection lost");
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    opened.completeExceptionally(cause);
    ctx.close();
  }

  private void reportClose(int code, String reason) {
    if (!closeReported) {
      closeReported = true;
      handler.closed(code, reason);
    }
  }
}
