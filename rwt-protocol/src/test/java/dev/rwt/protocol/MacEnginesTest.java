package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * HMAC-SHA256 from the key's kept padded blocks on per-thread engines: the JDK's HmacSHA256
 * byte for byte, the blocks erased with the key, correct from several threads at once and for
 * several keys in turn on one thread.
 */
class MacEnginesTest {
  private static final byte[] DATA = {1, 2, 3, 4, 5};

  private static byte[] seal(EpochKeys keys, long seq) {
    return FrameSealer.seal(Direction.S2C, keys, FrameType.MESSAGE, 0, 7, seq, DATA);
  }

  private static byte[] jdkHmac(byte[] key, byte[]... parts) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }

  @Test
  void sealingAndOpeningFrameAfterFrameGivesTheStandardToken() throws Exception {
    EpochKeys keys = Fixtures.epochKeys(Direction.S2C, 0);
    for (long seq = 1; seq <= 50; seq++) {
      byte[] sealed = seal(keys, seq);
      assertArrayEquals(DATA, FrameSealer.open(Direction.S2C, keys, FrameCodec.decode(sealed)));
      byte[] header = FrameCodec.header(FrameType.MESSAGE, 0, 7, seq, keys.epoch());
      byte[] expected = Arrays.copyOf(jdkHmac(keys.mac().ref(), header, DATA), RwtWire.TOKEN_LENGTH);
      assertArrayEquals(expected, Arrays.copyOfRange(sealed, header.length, header.length + RwtWire.TOKEN_LENGTH));
    }
    assertEquals(2, keys.macs().keptPads().size());
  }

  @Test
  void oneThreadAlternatingBetweenKeysGetsEachKeysOwnHmac() throws Exception {
    Random random = new Random(11);
    byte[][] secrets = new byte[3][32];
    MacEngines[] engines = new MacEngines[secrets.length];
    for (int k = 0; k < secrets.length; k++) {
      random.nextBytes(secrets[k]);
      engines[k] = new MacEngines(SecretBytes.copyOf(secrets[k]));
    }
    for (int i = 0; i < 60; i++) {
      byte[] data = new byte[i * 7];
      random.nextBytes(data);
      int k = i % secrets.length;
      assertArrayEquals(jdkHmac(secrets[k], data), engines[k].hmac(data, new byte[0]), "key " + k + ", use " + i);
    }
  }

  @Test
  void everyLengthAroundTheBlockBoundariesMatchesTheJdkHmac() throws Exception {
    Random random = new Random(7);
    for (int keyLength : new int[] {1, 32, 64, 65, 200}) {
      byte[] key = new byte[keyLength];
      random.nextBytes(key);
      MacEngines engines = new MacEngines(SecretBytes.copyOf(key));
      for (int length = 0; length <= 200; length++) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        int cut = length / 3;
        byte[] head = Arrays.copyOf(data, cut);
        byte[] tail = Arrays.copyOfRange(data, cut, length);
        assertArrayEquals(jdkHmac(key, data), engines.hmac(head, tail), "key " + keyLength + ", data " + length);
      }
    }
  }

  @Test
  void whenTheEpochIsErasedItsKeptPadsAreZeroedAndDropped() throws Exception {
    EpochKeys keys = Fixtures.epochKeys(Direction.S2C, 0);
    seal(keys, 1);
    List<byte[]> pads = keys.macs().keptPads();
    byte[] inner = pads.get(0).clone();
    for (int i = 0; i < RwtWire.KEY_LENGTH; i++) {
      assertEquals((byte) (keys.mac().ref()[i] ^ 0x36), inner[i], "the inner block is the key XOR ipad");
    }
    keys.destroy();
    assertTrue(keys.macs().keptPads().isEmpty());
    for (byte[] pad : pads) {
      assertArrayEquals(new byte[pad.length], pad, "an erased block is all zeros");
    }
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
