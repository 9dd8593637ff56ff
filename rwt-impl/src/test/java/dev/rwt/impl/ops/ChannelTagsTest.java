package dev.rwt.impl.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelTagsTest {

  private final ChannelTags tags = new ChannelTags(List.of("prices", "chat"));

  @Test
  void aListedChannelIsItsOwnTag() {
    assertEquals("prices", tags.of("prices"));
  }

  @Test
  void everyOtherChannelSharesOneTag() {
    assertEquals("(other)", tags.of("user.4711"));
    assertEquals("(other)", tags.of("user.4712"));
  }

  @Test
  void aDirectMessageHasATagOfItsOwn() {
    assertEquals("(direct)", tags.of(null));
  }

  @Test
  void theTagValuesAreTheListedChannelsAndTheTwoShared() {
    assertEquals(List.of("prices", "chat", "(other)", "(direct)"), tags.values());
  }
}
