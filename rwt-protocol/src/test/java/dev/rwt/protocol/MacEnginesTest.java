package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * HMAC engines kept with their epoch's key: reused frame after frame, erased with the key,
 * correct from several threads at once.
 */
class MacEnginesTest {
  private static final byte[] DATA = {1, 2, 3, 4, 5};

  private static byte[] seal(EpochKeys keys, long seq) {
    return FrameSealer.seal(Direction.S2C, keys, FrameType.MESSAGE, 0, 7, seq, DATA);
  }

  @Test
  void oneThreadSealingAndOpeningUnderOneKeyUsesOneEngineAndGivesTheStandardToken() throws Exception {
    EpochKeys keys = Fixtures.epochKeys(Direction.S2C, 0);
    for (long seq = 1; seq <= 50; seq++) {
      byte[] sealed = seal(keys, seq);
      assertArrayEquals(DATA, FrameSealer.open(Direction.S2C, keys, FrameCodec.decode(sealed)));
      byte[] header = FrameCodec.header(FrameType.MESSAGE, 0, 7, seq, keys.epoch());
      Mac fresh = Mac.getInstance("HmacSHA256");
      fresh.init(new SecretKeySpec(keys.mac().ref(), "HmacSHA256"));
      fresh.update(header);
      byte[] expected = Arrays.copyOf(fresh.doFinal(DATA), RwtWire.TOKEN_LENGTH);
      assertArrayEquals(expected, Arrays.copyOfRange(sealed, header.length, header.length + RwtWire.TOKEN_LENGTH));
    }
    assertEquals(1, keys.macs().idleEngines().size());
  }

  @Test
  void whenTheEpochIsErasedItsEnginesAreKeyedWithZerosAndDropped() throws Exception {
    EpochKeys keys = Fixtures.epochKeys(Direction.S2C, 0);
    seal(keys, 1);
    Mac engine = keys.macs().idleEngines().get(0);
    keys.destroy();
    assertTrue(keys.macs().idleEngines().isEmpty());
    Mac zeros = Mac.getInstance("HmacSHA256");
    zeros.init(new SecretKeySpec(new byte[RwtWire.KEY_LENGTH], "HmacSHA256"));
    assertArrayEquals(zeros.doFinal(DATA), engine.doFinal(DATA));
    assertThrows(IllegalStateException.class, () -> seal(keys, 2));
  }

  @Test
  void threadsSealingAtOnceUnderOneKeyEachGetTheBytesOfOneThread() throws Exception {
    EpochKeys keys = Fixtures.epochKeys(Direction.S2C, 1);
    EpochKeys reference = Fixtures.epochKeys(Direction.S2C, 1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<byte[]>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int first = t * 300 + 1;
        results.add(pool.submit(() -> {
          List<byte[]> out = new ArrayList<>();
          for (long seq = first; seq < first + 300; seq++) {
            out.add(seal(keys, seq));
          }
          return out;
        }));
      }
      for (int t = 0; t < 4; t++) {
        List<byte[]> got = results.get(t).get();
        for (int i = 0; i < got.size(); i++) {
          assertArrayEquals(seal(reference, t * 300 + 1 + i), got.get(i));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
