package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * AES-GCM engines kept with their epoch's key: reused frame after frame, erased with the key,
 * correct from several threads at once, and refusing to encrypt one nonce twice.
 */
class GcmEnginesTest {
  private static final byte[] DATA = {1, 2, 3, 4, 5};

  private static byte[] sealEnc(EpochKeys keys, long seq) {
    return FrameSealer.seal(Direction.S2C, keys, FrameType.MESSAGE, RwtWire.FLAG_ENC, 7, seq, DATA);
  }

  private static byte[] underZeroKeyAndNonce(byte[] data) throws Exception {
    Cipher zeros = Cipher.getInstance("AES/GCM/NoPadding");
    zeros.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[RwtWire.KEY_LENGTH], "AES"),
        new GCMParameterSpec(RwtWire.GCM_TAG_BITS, new byte[RwtWire.GCM_NONCE_LENGTH]));
    return zeros.doFinal(data);
  }

  @Test
  void oneThreadSealingAndOpeningUnderOneKeyUsesOneEngine() throws Exception {
    EpochKeys keys = Fixtures.epochKeys(Direction.S2C, 0);
    for (long seq = 1; seq <= 50; seq++) {
      assertArrayEquals(DATA, FrameSealer.open(Direction.S2C, keys, FrameCodec.decode(sealEnc(keys, seq))));
    }
    assertEquals(1, keys.gcm().idleEngines().size());
  }

  @Test
  void whenTheEpochIsErasedItsEnginesAreKeyedWithZerosAndDropped() throws Exception {
    EpochKeys keys = Fixtures.epochKeys(Direction.S2C, 0);
    sealEnc(keys, 1);
    Cipher engine = keys.gcm().idleEngines().get(0);
    keys.destroy();
    assertTrue(keys.gcm().idleEngines().isEmpty());
    assertArrayEquals(new byte[RwtWire.GCM_NONCE_LENGTH], engine.getIV());
    assertArrayEquals(underZeroKeyAndNonce(DATA), engine.doFinal(DATA));
    assertThrows(IllegalStateException.class, () -> sealEnc(keys, 2));
  }

  @Test
  void theRatchetErasesTheEnginesOfAnEpochLeavingTheWindow() throws Exception {
    AtomicLong clock = new AtomicLong();
    SecureSession sender = Fixtures.session(Direction.S2C, 0, 0, clock);
    sender.sealNext(FrameType.MESSAGE, 1, DATA, SealOptions.binary().encrypted());
    Field ratchet = SecureSession.class.getDeclaredField("sendRatchet");
    ratchet.setAccessible(true);
    EpochKeys epoch0 = ((KeyRatchet) ratchet.get(sender)).keys(0);
    Cipher engine = epoch0.gcm().idleEngines().get(0);
    clock.set(Fixtures.startOf(Fixtures.goldenSchedule(), 1) + 1);
    sender.sealNext(FrameType.MESSAGE, 1, DATA, SealOptions.binary().encrypted());
    assertTrue(epoch0.isDestroyed());
    assertArrayEquals(new byte[RwtWire.GCM_NONCE_LENGTH], engine.getIV());
  }

  @Test
  void aFailedOpenLeavesTheEngineReadyForTheNextFrame() throws Exception {
    EpochKeys keys = Fixtures.epochKeys(Direction.S2C, 0);
    byte[] damaged = sealEnc(keys, 1);
    damaged[damaged.length - 1] ^= 1;
    RwtProtocolException e = assertThrows(RwtProtocolException.class,
        () -> FrameSealer.open(Direction.S2C, keys, FrameCodec.decode(damaged)));
    assertEquals(4010, e.code());
    assertArrayEquals(DATA, FrameSealer.open(Direction.S2C, keys, FrameCodec.decode(sealEnc(keys, 2))));
  }

  @Test
  void encryptingOneSeqTwiceInARowUnderOneKeyIsRefused() throws Exception {
    EpochKeys keys = Fixtures.epochKeys(Direction.S2C, 0);
    sealEnc(keys, 9);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> sealEnc(keys, 9));
    assertEquals("AES-GCM refused to encrypt twice under one key and nonce", e.getMessage());
    sealEnc(keys, 10);
  }

  @Test
  void threadsSealingAtOnceUnderOneKeyEachGetTheBytesOfOneThread() throws Exception {
    EpochKeys keys = Fixtures.epochKeys(Direction.S2C, 1);
    EpochKeys reference = Fixtures.epochKeys(Direction.S2C, 1);
    int threads = 4;
    int frames = 300;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<byte[]>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t * frames + 1;
        results.add(pool.submit(() -> {
          List<byte[]> sealed = new ArrayList<>();
          for (int seq = first; seq < first + frames; seq++) {
            sealed.add(sealEnc(keys, seq));
            FrameSealer.open(Direction.S2C, keys, FrameCodec.decode(sealed.get(sealed.size() - 1)));
          }
          return sealed;
        }));
      }
      for (int t = 0; t < threads; t++) {
        List<byte[]> sealed = results.get(t).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < frames; i++) {
          assertArrayEquals(sealEnc(reference, t * frames + i + 1), sealed.get(i), "thread " + t + " frame " + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(keys.gcm().idleEngines().size() <= threads);
  }
}
