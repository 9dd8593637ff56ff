package dev.rwt.war.demo;

import dev.rwt.api.Channel;
import dev.rwt.api.RwtException;
import dev.rwt.api.RwtMessage;
import dev.rwt.api.RwtRpc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last few chat lines, so that a tab opened later sees the conversation so far
 * ({@code demo.chat.history}). RWT itself relays each line to the other subscribers of
 * {@code chat}; this only listens. Thread-safe (guarded by {@code lines}).
 */
@ApplicationScoped
public class DemoChat {

  static final int KEPT = 50;
  private static final int MAX_TEXT = 500;

  @Inject DemoSettings settings;
  @Inject Clock clock;

  private final Deque<Line> lines = new ArrayDeque<>();

  /** What a page sends on {@code chat}. */
  public record Post(String text) {}

  /** A line as kept: who sent it (the token's subject), what, when, and whether it was encrypted. */
  public record Line(String from, String text, long ts, boolean encrypted) {}

  void onPost(@Observes @Channel(DashboardPublisher.CHAT) RwtMessage message) {
    if (!settings.enabled() || !message.isJson()) {
      return;
    }
    Post post;
    try {
      post = message.as(Post.class);
    } catch (RwtException e) {
      return; // not a chat line: nothing to keep (the relay still happens)
    }
    if (post == null || post.text() == null || post.text().isBlank()) {
      return;
    }
    String text = post.text().length() > MAX_TEXT ? post.text().substring(0, MAX_TEXT) : post.text();
    Line line = new Line(message.session().identity().id(), text, clock.millis(), message.isEncrypted());
    synchronized (lines) {
      lines.addLast(line);
      if (lines.size() > KEPT) {
        lines.removeFirst();
      }
    }
  }

  @RwtRpc("demo.chat.history")
  List<Line> history() {
    if (!settings.enabled()) {
      throw new RwtException("DEMO_DISABLED", "the demo is not enabled");
    }
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }
}
