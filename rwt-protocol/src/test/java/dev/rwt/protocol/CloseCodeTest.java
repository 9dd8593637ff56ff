package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloseCodeTest {

  @Test
  void closeCodesMatchSection8() {
    assertEquals(1000, CloseCode.NORMAL.code());
    assertEquals(1001, CloseCode.GOING_AWAY.code());
    assertEquals(4000, CloseCode.PROTOCOL.code());
    assertEquals(4001, CloseCode.UNAUTHENTICATED.code());
    assertEquals(4002, CloseCode.HEARTBEAT.code());
    assertEquals(4003, CloseCode.FORBIDDEN.code());
    assertEquals(4004, CloseCode.RESUME_FAILED.code());
    assertEquals(4008, CloseCode.SLOW_CONSUMER.code());
    assertEquals(4008, CloseCode.RATE_LIMITED.code());
    assertEquals(4009, CloseCode.TOO_LARGE.code());
    assertEquals(4010, CloseCode.BAD_TOKEN.code());
    assertEquals(4011, CloseCode.REPLAY.code());
  }

  @Test
  void sharedCode4008IsToldApartByItsLabel() {
    assertEquals(CloseCode.SLOW_CONSUMER, CloseCode.fromCode(4008));
    assertEquals(CloseCode.RATE_LIMITED, CloseCode.fromCode(4008, "RATE_LIMITED"));
    assertEquals(CloseCode.BAD_TOKEN, CloseCode.fromCode(4010));
    assertNull(CloseCode.fromCode(4999));
  }

  @Test
  void reasonsFitAWebSocketCloseFrame() {
    for (CloseCode c : CloseCode.values()) {
      assertTrue(c.reason().getBytes(StandardCharsets.UTF_8).length <= RwtWire.MAX_CLOSE_REASON_BYTES);
    }
  }

  @Test
  void onlyGoingAwayKeepsTheSessionResumable() {
    for (CloseCode c : CloseCode.values()) {
      assertEquals(c == CloseCode.GOING_AWAY, c.keepsSessionResumable(), c.name());
    }
  }

  @Test
  void errorCodesAreTheirWireNames() {
    assertEquals("NO_SUCH_CHANNEL", ErrorCode.NO_SUCH_CHANNEL.wireName());
    assertEquals(ErrorCode.TOO_MANY_CALLS, ErrorCode.fromWire("TOO_MANY_CALLS"));
    assertNull(ErrorCode.fromWire("SOMETHING_NEW"));
    assertEquals(9, ErrorCode.values().length);
  }

  @Test
  void exceptionCarriesItsCloseCode() {
    RwtProtocolException e = new RwtProtocolException(CloseCode.REPLAY, "seq 3 not above 3");
    assertEquals(4011, e.code());
    assertEquals("RwtProtocolException[4011 REPLAY]: seq 3 not above 3", e.toString());
  }
}
