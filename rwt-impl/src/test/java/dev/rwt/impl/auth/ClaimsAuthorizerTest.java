package dev.rwt.impl.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.api.RwtIdentity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimsAuthorizerTest {

  private final ClaimsAuthorizer authorizer = new ClaimsAuthorizer();

  private static RwtIdentity with(Map<String, Object> rwt) {
    return new RwtIdentity("alice", "", Optional.empty(), Map.of("rwt", rwt));
  }

  @Test
  void exactNamesAndTrailingWildcardsAllow() {
    RwtIdentity id = with(Map.of("sub", List.of("prices", "market.*"), "pub", List.of("chat"), "rpc", List.of("*")));
    assertTrue(authorizer.maySubscribe(id, "prices"));
    assertTrue(authorizer.maySubscribe(id, "market.eu"));
    assertFalse(authorizer.maySubscribe(id, "pricesx"));
    assertFalse(authorizer.maySubscribe(id, "marketx"));
    assertTrue(authorizer.mayPublish(id, "chat"));
    assertFalse(authorizer.mayPublish(id, "prices"));
    assertTrue(authorizer.mayCall(id, "anything.at.all"));
  }

  @Test
  void withoutTheClaimNothingIsAllowed() {
    RwtIdentity id = RwtIdentity.of("alice");
    assertFalse(authorizer.maySubscribe(id, "prices"));
    assertFalse(authorizer.mayPublish(id, "prices"));
    assertFalse(authorizer.mayCall(id, "m"));
  }

  @Test
  void aMissingListAllowsNothingOfThatKind() {
    RwtIdentity id = with(Map.of("sub", List.of("*")));
    assertTrue(authorizer.maySubscribe(id, "x"));
    assertFalse(authorizer.mayPublish(id, "x"));
  }
}
