package dev.rwt.client;

import dev.rwt.protocol.Json;
import dev.rwt.protocol.RwtProtocolException;
import java.util.Objects;

/**
 * JSON text the application produced itself (with JSON-B, Jackson, ...), sent as a JSON
 * payload unchanged: {@code client.send("orders", JsonText.of(mapper.writeValueAsString(order)))}.
 * A plain {@code String} would be sent as a JSON string value instead. Immutable.
 */
public final class JsonText {
  private final String json;

  private JsonText(String json) {
    this.json = json;
  }

  /**
   * @throws RwtEncodingException when {@code json} is not valid JSON
   */
  public static JsonText of(String json) {
    Objects.requireNonNull(json, "json");
    try {
      Json.parse(json);
    } catch (RwtProtocolException e) {
      throw new RwtEncodingException("not valid JSON: " + e.getMessage(), "ENCODING", "send", null, null, null, e);
    }
    return new JsonText(json);
  }

  public String json() {
    return json;
  }

  @Override
  public String toString() {
    return json;
  }
}
