package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodiesTest {

  @Test
  void ackBodyIsTheBigEndianSeq() {
    assertEquals("0000000000000009", Vectors.toHex(Bodies.u64(9)));
  }

  @Test
  void errorBodyKeepsItsMemberOrderAndOmitsAbsentOptionals() {
    assertEquals("{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\",\"ref\":12,\"retryAfterMs\":500}",
        new String(Bodies.error(ErrorCode.RATE_LIMITED, "slow down", 12L, 500L), StandardCharsets.UTF_8));
    assertEquals("{\"code\":\"NO_SUCH_CHANNEL\",\"message\":\"x\"}",
        new String(Bodies.error(ErrorCode.NO_SUCH_CHANNEL, "x", null, null), StandardCharsets.UTF_8));
  }

  @Test
  void channelNamesFollowTheSpecPattern() {
    assertTrue(Bodies.isValidChannelName("market.prices:EU-1_x"));
    assertTrue(Bodies.isValidChannelName("a".repeat(100)));
    assertFalse(Bodies.isValidChannelName("a".repeat(101)));
    assertFalse(Bodies.isValidChannelName(""));
    assertFalse(Bodies.isValidChannelName("a b"));
    assertFalse(Bodies.isValidChannelName("a/b"));
  }
}
