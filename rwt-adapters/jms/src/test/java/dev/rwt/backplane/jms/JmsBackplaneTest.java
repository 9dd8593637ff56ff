package dev.rwt.backplane.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

class JmsBackplaneTest {

  @Test
  void aNameThatIsNotBoundFailsWithTheKeyAndTheName() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> JmsBackplane.lookup(JmsBackplane.TOPIC, "java:/jms/topic/none", Topic.class));
    assertEquals("rwt.backplane=jms, but rwt.backplane.jms.topic java:/jms/topic/none is not bound in JNDI"
        + " (on WildFly: run standalone-full.xml, and define the topic)", e.getMessage());
  }
}
