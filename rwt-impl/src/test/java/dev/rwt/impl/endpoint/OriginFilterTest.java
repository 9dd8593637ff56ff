package dev.rwt.impl.endpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginFilterTest {

  @Test
  void withoutAListOnlyTheSameOriginPasses() {
    assertTrue(OriginFilter.allowed("http://localhost:8080", "localhost:8080", List.of()));
    assertFalse(OriginFilter.allowed("http://evil.example:8080", "localhost:8080", List.of()));
    assertFalse(OriginFilter.allowed("http://localhost:9999", "localhost:8080", List.of()));
    assertFalse(OriginFilter.allowed("null", "localhost:8080", List.of()));
  }

  @Test
  void aListedOriginPassesExactly() {
    List<String> list = List.of("https://app.example.com");
    assertTrue(OriginFilter.allowed("https://app.example.com", "rwt.internal", list));
    assertFalse(OriginFilter.allowed("https://app.example.com.evil", "rwt.internal", list));
    assertFalse(OriginFilter.allowed("http://app.example.com", "rwt.internal", list));
  }

  @Test
  void aStarLetsEveryOriginIn() {
    assertTrue(OriginFilter.allowed("https://anything", "localhost", List.of("*")));
  }
}
