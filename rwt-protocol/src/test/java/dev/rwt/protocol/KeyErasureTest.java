package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Keys that leave the epoch window are gone: their bytes are zero in memory, and no frame of
 * their epoch opens any more. The arrays are read by reflection on purpose: the API never
 * hands out the live array, and this test must see the memory itself, not a copy.
 */
class KeyErasureTest {
  private final AtomicLong senderClock = new AtomicLong();
  private final AtomicLong receiverClock = new AtomicLong();

  private static byte[] liveArray(SecretBytes secret) throws Exception {
    Field f = SecretBytes.class.getDeclaredField("bytes");
    f.setAccessible(true);
    return (byte[]) f.get(secret);
  }

  private static Object field(Object owner, String name) throws Exception {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }

  private static void assertZeroed(SecretBytes secret) throws Exception {
    assertTrue(secret.isDestroyed());
    assertArrayEquals(new byte[secret.length()], liveArray(secret), "key bytes still in memory");
    assertThrows(IllegalStateException.class, secret::bytes);
  }

  @Test
  void destroyZeroesTheBytesAndEveryLaterReadFails() throws Exception {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) 0x5A);
    SecretBytes secret = SecretBytes.adopt(key);
    secret.destroy();
    assertZeroed(secret);
    assertArrayEquals(new byte[32], key);
    assertFalse(secret.toString().contains("5A") || secret.toString().contains("90"));
  }

  @Test
  void aKeyThatLeftTheReceiveWindowIsZeroedAndItsFramesNoLongerOpen() throws Exception {
    SecureSession sender = Fixtures.session(Direction.C2S, 0, 0, senderClock);
    SecureSession receiver = Fixtures.session(Direction.S2C, 0, 0, receiverClock);
    byte[] epoch0Frame = sender.sealNext(FrameType.MESSAGE, 1, new byte[] {1}, SealOptions.binary()).bytes();
    KeyRatchet ratchet = (KeyRatchet) field(receiver, "receiveRatchet");
    EpochKeys epoch0 = ratchet.keys(0);
    SecretBytes chain0 = (SecretBytes) field(ratchet, "chain");

    RotationSchedule schedule = Fixtures.goldenSchedule();
    senderClock.set(Fixtures.startOf(schedule, 2) + 1);
    receiverClock.set(Fixtures.startOf(schedule, 2) + 1);
    receiver.open(sender.sealNext(FrameType.MESSAGE, 1, new byte[] {2}, SealOptions.binary()).bytes());

    assertEquals(1, ratchet.floor(), "the window at epoch 2 is 1..3");
    assertZeroed(epoch0.mac());
    assertZeroed(epoch0.enc());
    assertZeroed(chain0);
    assertEquals(4010, assertThrows(RwtProtocolException.class, () -> ratchet.keys(0)).code());
    assertEquals(4010, assertThrows(RwtProtocolException.class, () -> receiver.open(epoch0Frame)).code());
  }

  @Test
  void theSenderErasesEveryKeyBelowItsCurrentEpoch() throws Exception {
    SecureSession sender = Fixtures.session(Direction.C2S, 0, 0, senderClock);
    sender.sealNext(FrameType.PING, 0, Bodies.u64(1), SealOptions.binary());
    KeyRatchet ratchet = (KeyRatchet) field(sender, "sendRatchet");
    EpochKeys epoch0 = ratchet.keys(0);
    senderClock.set(Fixtures.startOf(Fixtures.goldenSchedule(), 1) + 1);
    sender.sealNext(FrameType.PING, 0, Bodies.u64(2), SealOptions.binary());
    assertZeroed(epoch0.mac());
    assertZeroed(epoch0.enc());
    assertEquals(4010, assertThrows(RwtProtocolException.class, () -> ratchet.keys(0)).code());
  }

  @Test
  void skippedEpochsAreDerivedOnlyToBeErased() throws Exception {
    KeyRatchet ratchet = new KeyRatchet(Fixtures.handshakeKeys().chain0(Direction.C2S));
    EpochKeys epoch1 = ratchet.keys(1);
    ratchet.eraseBelow(5);
    assertZeroed(epoch1.mac());
    for (long e = 0; e < 5; e++) {
      long epoch = e;
      assertThrows(RwtProtocolException.class, () -> ratchet.keys(epoch));
    }
    assertFalse(ratchet.keys(5).isDestroyed());
  }

  @Test
  void destroyingASessionZeroesBothChainsAndTheResumeKey() throws Exception {
    SecureSession session = Fixtures.session(Direction.S2C, 3, 0, receiverClock);
    session.sealNext(FrameType.PING, 0, Bodies.u64(1), SealOptions.binary());
    EpochKeys sending = ((KeyRatchet) field(session, "sendRatchet")).keys(3);
    EpochKeys receiving = ((KeyRatchet) field(session, "receiveRatchet")).keys(3);
    SecretBytes resume = (SecretBytes) field(session, "resumeKey");
    session.destroy();
    assertZeroed(sending.mac());
    assertZeroed(receiving.enc());
    assertZeroed(resume);
    assertThrows(IllegalStateException.class,
        () -> session.sealNext(FrameType.PING, 0, Bodies.u64(2), SealOptions.binary()));
  }
}
