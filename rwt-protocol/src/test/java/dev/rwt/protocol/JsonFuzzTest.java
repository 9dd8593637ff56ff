package dev.rwt.protocol;

import static dev.rwt.protocol.CloseCode.PROTOCOL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JSON layer (reader, writer, META blocks and the bodies of section 3) fed random and
 * mutated documents: a value or 4000, nothing else, and what the writer writes reads back.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class JsonFuzzTest {

  @Test
  void writtenValuesReadBackUnchanged() {
    Randomized.forAll(21L, Randomized.scaled(1000), r -> {
      Object value = SealingPropertiesTest.randomJson(r, 4);
      String text = Json.toString(value);
      assertEquals(text, Json.toString(Json.parse(Json.write(value))));
    });
  }

  @Test
  void mutatedDocumentsGiveAValueOr4000() {
    Randomized.forAll(22L, Randomized.scaled(2000), r -> {
      String text = JsonMutations.mutateText(r, Json.toString(SealingPropertiesTest.randomJson(r, 4)));
      Fuzz.feed(Json::parse, text.getBytes(StandardCharsets.UTF_8), Fuzz.codes(PROTOCOL));
    });
  }

  @Test
  void randomBytesGiveAValueOr4000() {
    Randomized.forAll(23L, Randomized.scaled(2000), r -> Fuzz.feed(Json::parse, Randomized.bytes(r, 80),
        Fuzz.codes(PROTOCOL)));
  }

  @Test
  void deepNestingIsRefusedWith4000NotAStackOverflow() {
    Randomized.forAll(24L, Randomized.scaled(20), r -> {
      int depth = JsonReader.MAX_DEPTH + 1 + r.nextInt(100_000);
      String open = r.nextBoolean() ? "[" : "{\"a\":";
      String close = open.equals("[") ? "]" : "}";
      String text = open.repeat(depth) + "1" + close.repeat(depth);
      Fuzz.feed(Json::parse, text.getBytes(StandardCharsets.UTF_8), Fuzz.codes(PROTOCOL));
    });
  }

  @Test
  void metaBlocksGiveASplitOr4000() {
    Randomized.forAll(25L, Randomized.scaled(1000), r -> {
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("from", r.nextBoolean() ? null : "p" + r.nextInt(9));
      meta.put("id", "m" + r.nextInt(99));
      byte[] joined = Meta.join(meta, Randomized.bytes(r, 20));
      byte[] input = Fuzz.mutate(r, joined);
      Fuzz.feed(Meta::split, input, Fuzz.codes(PROTOCOL));
    });
  }

  @Test
  void helloAndWelcomeBodiesGiveAValueOr4000() {
    byte[] hello = Vectors.hex(Vectors.section("hello"), "hex");
    byte[] welcome = Vectors.hex(Vectors.section("welcome"), "hex");
    Randomized.forAll(26L, Randomized.scaled(1000), r -> {
      byte[] frame = r.nextBoolean() ? hello : welcome;
      String body = new String(frame, RwtWire.HEADER_LENGTH, frame.length - RwtWire.HEADER_LENGTH,
          StandardCharsets.UTF_8);
      byte[] input = JsonMutations.mutateText(r, body).getBytes(StandardCharsets.UTF_8);
      Fuzz.feed(Hello::parse, input, Fuzz.codes(PROTOCOL));
      Fuzz.feed(Welcome::parse, input, Fuzz.codes(PROTOCOL));
    });
  }

  @Test
  void errorBodiesReadBack() {
    Randomized.forAll(27L, Randomized.scaled(500), r -> {
      ErrorCode code = ErrorCode.values()[r.nextInt(ErrorCode.values().length)];
      String message = JsonMutations.mutateText(r, "message " + r.nextInt());
      Long ref = r.nextBoolean() ? r.nextLong(0, Long.MAX_VALUE) : null;
      Map<?, ?> body = (Map<?, ?>) Json.parse(Bodies.error(code, message, ref, null));
      assertEquals(code.wireName(), body.get("code"));
      assertEquals(message, body.get("message"));
      assertEquals(ref, body.get("ref"));
    });
  }
}
