package dev.rwt.backplane.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JmsBrokerTest {

  @Test
  void theSelectorKeepsOtherNodesMessagesAndEveryHeartbeat() {
    assertEquals("rwtKind = 'beat' OR rwtNode <> 'n-1'", JmsBroker.selector("n-1"));
  }

  @Test
  void aQuoteInTheNodeIdIsEscaped() {
    assertEquals("rwtKind = 'beat' OR rwtNode <> 'o''k'", JmsBroker.selector("o'k"));
  }
}
