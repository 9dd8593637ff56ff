package dev.rwt.impl.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.CloseCode;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RejectionLogTest {

  private final List<LogRecord> records = new ArrayList<>();
  private final Logger logger = Logger.getAnonymousLogger();

  RejectionLogTest() {
    logger.setUseParentHandlers(false);
    logger.addHandler(new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  private List<String> lines() {
    return records.stream().map(LogRecord::getMessage).toList();
  }

  @Test
  void aRejectionIsOneKeyValueLineWithCodeAndReason() {
    new RejectionLog(logger, 60, 0).rejected(5, CloseCode.BAD_TOKEN, "epoch 9 outside the window", "17", "alice");
    assertEquals(
        List.of("RWT-REJECTED code=4010 label=BAD_TOKEN connection=17 principal=\"alice\" reason=\"epoch 9 outside the window\""),
        lines());
    assertEquals(Level.INFO, records.get(0).getLevel());
  }

  @Test
  void unknownPeersAndReasonsAreADash() {
    new RejectionLog(logger, 60, 0).rejected(5, CloseCode.PROTOCOL, null, "3", null);
    assertEquals(List.of("RWT-REJECTED code=4000 label=PROTOCOL connection=3 principal=\"-\" reason=\"-\""), lines());
  }

  @Test
  void aPeerCannotBreakTheLineOrForgeFields() {
    new RejectionLog(logger, 60, 0).rejected(5, CloseCode.FORBIDDEN, "x\" label=FAKE\nRWT-REJECTED code=1000", "1", "e\\vil");
    assertEquals(
        List.of("RWT-REJECTED code=4003 label=FORBIDDEN connection=1 principal=\"e?vil\" reason=\"x? label=FAKE?RWT-REJECTED code=1000\""),
        lines());
  }

  @Test
  void longValuesAreCut() {
    new RejectionLog(logger, 60, 0).rejected(5, CloseCode.TOO_LARGE, "a".repeat(5000), "1", "b".repeat(500));
    String line = lines().get(0);
    assertTrue(line.contains("principal=\"" + "b".repeat(RejectionLog.MAX_VALUE) + "\""), line);
    assertTrue(line.endsWith("reason=\"" + "a".repeat(RejectionLog.MAX_VALUE) + "\""), line);
  }

  @Test
  void aFloodWritesTheLimitThenOneSummaryAMinute() {
    RejectionLog log = new RejectionLog(logger, 3, 1_000);
    for (int i = 0; i < 1000; i++) {
      log.rejected(1_000 + i, CloseCode.RATE_LIMITED, "sustained flooding", String.valueOf(i), "mallory");
    }
    assertEquals(3, records.size(), "only the first three lines of the minute");
    log.flush(60_999);
    assertEquals(3, records.size(), "the minute is not over");
    log.flush(61_000);
    assertEquals(4, records.size());
    assertEquals("RWT-REJECTED-SUPPRESSED count=997 window-ms=60000", lines().get(3));
    assertEquals(Level.WARNING, records.get(3).getLevel());
  }

  @Test
  void aNewMinuteLogsAgainAndAQuietOneWritesNoSummary() {
    RejectionLog log = new RejectionLog(logger, 1, 0);
    log.rejected(1, CloseCode.REPLAY, "seq 3 not above 5", "1", "a");
    log.rejected(2, CloseCode.REPLAY, "seq 3 not above 5", "2", "a");
    log.rejected(60_001, CloseCode.REPLAY, "seq 3 not above 5", "3", "a");
    log.flush(200_000);
    assertEquals(3, records.size(), lines().toString());
    assertTrue(lines().get(1).startsWith("RWT-REJECTED-SUPPRESSED count=1 "), lines().get(1));
    assertTrue(lines().get(2).contains("connection=3"), lines().get(2));
  }

  @Test
  void zeroLinesAMinuteStillWritesTheSummaries() {
    RejectionLog log = new RejectionLog(logger, 0, 0);
    log.rejected(1, CloseCode.HEARTBEAT, "no frame for 5000 ms", "1", "a");
    log.flush(60_000);
    assertEquals(List.of("RWT-REJECTED-SUPPRESSED count=1 window-ms=60000"), lines());
  }
}
