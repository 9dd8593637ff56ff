package dev.rwt.war;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Test-only: records every server log record while the test deployment runs, for the soak
 * test's assertions (no unexpected exception, no secret in the log). RWT's own loggers are
 * opened to every level so that the details of each refused frame (logged at FINE) are
 * recorded too. Installed as a handler of the root logger when the application starts and
 * removed before it stops, so other deployments are untouched. Thread-safe.
 */
@ApplicationScoped
public class ServerLogRecorder {

  /** Most records kept; past it only the count grows. */
  static final int MAX_RECORDS = 500_000;

  /** One record as text: level, logger, the formatted message and the stack trace if any. */
  public record Entry(Level level, String logger, String text, boolean thrown) {}

  private final List<Entry> entries = new ArrayList<>(); // guarded by itself
  private final Logger rwt = Logger.getLogger("dev.rwt"); // held: a logger's level lives as long as it does
  private Level previousLevel;
  private long dropped; // guarded by entries

  private final Handler handler = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      StringWriter stack = new StringWriter();
      if (record.getThrown() != null) {
        record.getThrown().printStackTrace(new PrintWriter(stack));
      }
      String text = formatter.formatMessage(record) + "\n" + stack;
      synchronized (entries) {
        if (entries.size() < MAX_RECORDS) {
          entries.add(new Entry(record.getLevel(), record.getLoggerName(), text, record.getThrown() != null));
        } else {
          dropped++;
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
    handler.setLevel(Level.ALL);
    previousLevel = rwt.getLevel();
    rwt.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(handler);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    Logger.getLogger("").removeHandler(handler);
    rwt.setLevel(previousLevel);
  }

  /** Everything recorded so far. */
  public List<Entry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  /** Records not kept because {@link #MAX_RECORDS} was reached. */
  public long dropped() {
    synchronized (entries) {
      return dropped;
    }
  }
}
