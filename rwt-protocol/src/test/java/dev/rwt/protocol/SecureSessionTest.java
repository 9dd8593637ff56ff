package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SecureSessionTest {
  private final AtomicLong senderClock = new AtomicLong();
  private final AtomicLong receiverClock = new AtomicLong();

  private SecureSession client(long epoch) throws Exception {
    return Fixtures.session(Direction.C2S, epoch, 0, senderClock);
  }

  private SecureSession server(long epoch) throws Exception {
    return Fixtures.session(Direction.S2C, epoch, 0, receiverClock);
  }

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void replayedFrameClosesWith4011() throws Exception {
    SecureSession c = client(0);
    SecureSession s = server(0);
    byte[] frame = c.sealNext(FrameType.MESSAGE, 1, json("{}"), SealOptions.json()).bytes();
    s.open(frame);
    assertEquals(4011, assertThrows(RwtProtocolException.class, () -> s.open(frame)).code());
  }

  @Test
  void olderSeqAfterANewerOneClosesWith4011() throws Exception {
    SecureSession c = client(0);
    SecureSession s = server(0);
    byte[] first = c.sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()).bytes();
    byte[] second = c.sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()).bytes();
    s.open(second);
    assertEquals(4011, assertThrows(RwtProtocolException.class, () -> s.open(first)).code());
  }

  @Test
  void frameTwoEpochsOldClosesWith4010() throws Exception {
    SecureSession c = client(0);
    SecureSession s = server(2);
    byte[] frame = c.sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()).bytes();
    assertEquals(4010, assertThrows(RwtProtocolException.class, () -> s.open(frame)).code());
  }

  @Test
  void frameOneEpochEitherSideIsAccepted() throws Exception {
    SecureSession s = server(2);
    for (long e : new long[] {1, 2, 3}) {
      SecureSession c = client(e);
      s.open(c.seal(FrameType.MESSAGE, 1, e, new byte[0], SealOptions.binary()));
    }
    assertEquals(3, s.lastReceivedSeq());
  }

  @Test
  void frameTwoEpochsAheadClosesWith4010() throws Exception {
    SecureSession c = client(4);
    SecureSession s = server(2);
    byte[] frame = c.sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()).bytes();
    assertEquals(4010, assertThrows(RwtProtocolException.class, () -> s.open(frame)).code());
  }

  @Test
  void failingFrameLeavesLastSeqUnchanged() throws Exception {
    SecureSession c = client(0);
    SecureSession s = server(0);
    s.open(c.sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()).bytes());
    byte[] good = c.sealNext(FrameType.MESSAGE, 1, new byte[] {5}, SealOptions.binary()).bytes();
    byte[] bad = good.clone();
    bad[bad.length - 1] ^= 1;
    assertThrows(RwtProtocolException.class, () -> s.open(bad));
    assertEquals(1, s.lastReceivedSeq());
    assertArrayEquals(new byte[] {5}, s.open(good).get(0).payload());
  }

  @Test
  void invalidJsonBodyClosesWith4000AfterTheTokenChecks() throws Exception {
    SecureSession c = client(0);
    SecureSession s = server(0);
    byte[] frame = c.sealNext(FrameType.MESSAGE, 1, json("{nope"), SealOptions.json()).bytes();
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> s.open(frame)).code());
    assertEquals(0, s.lastReceivedSeq());
  }

  @Test
  void subscribeWithoutJsonFlagMustStillBeJson() throws Exception {
    SecureSession c = client(0);
    SecureSession s = server(0);
    byte[] frame = c.sealNext(FrameType.SUBSCRIBE, 0, new byte[] {1}, SealOptions.binary()).bytes();
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> s.open(frame)).code());
  }

  @Test
  void ackBodyThatIsNotEightBytesClosesWith4000() throws Exception {
    SecureSession c = client(0);
    SecureSession s = server(0);
    byte[] frame = c.sealNext(FrameType.ACK, 0, new byte[7], SealOptions.binary()).bytes();
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> s.open(frame)).code());
  }

  @Test
  void serverOnlyTypeFromTheClientClosesWith4000() throws Exception {
    byte[] frame = FrameSealer.seal(Direction.C2S, Fixtures.epochKeys(Direction.C2S, 0), FrameType.SUBSCRIBED,
        RwtWire.FLAG_JSON, 1, 1, json("{\"channel\":\"a\"}"));
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> server(0).open(frame)).code());
  }

  @Test
  void secondHelloAfterTheHandshakeClosesWith4000() throws Exception {
    byte[] frame = FrameSealer.seal(Direction.C2S, Fixtures.epochKeys(Direction.C2S, 0), FrameType.HELLO,
        RwtWire.FLAG_JSON, 0, 1, json("{}"));
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> server(0).open(frame)).code());
  }

  @Test
  void clientCannotSealServerOnlyTypes() throws Exception {
    SecureSession c = client(0);
    assertThrows(IllegalArgumentException.class,
        () -> c.seal(FrameType.RESULT, 0, 1, json("{}"), SealOptions.json()));
    assertThrows(IllegalArgumentException.class,
        () -> c.seal(FrameType.BATCH, 0, 1, new byte[0], SealOptions.binary()));
  }

  @Test
  void sealingASeqThatDoesNotIncreaseIsRefused() throws Exception {
    SecureSession c = client(0);
    c.seal(FrameType.MESSAGE, 1, 5, new byte[0], SealOptions.binary());
    assertThrows(IllegalStateException.class, () -> c.seal(FrameType.MESSAGE, 1, 5, new byte[0], SealOptions.binary()));
    assertEquals(6, c.nextSeq());
  }

  @Test
  void numberingContinuesAfterAResumedSeq() throws Exception {
    SecureSession c = client(0);
    c.continueNumberingAfter(41);
    assertEquals(42, c.nextSeq());
  }

  @Test
  void payloadOverMaxFrameBytesIsRefusedAtTheSender() throws Exception {
    SecureSession c = client(0);
    byte[] big = new byte[c.maxFrameBytes() + 1];
    assertThrows(IllegalArgumentException.class, () -> c.seal(FrameType.MESSAGE, 1, 1, big, SealOptions.binary()));
  }

  @Test
  void messageOverMaxFrameBytesPlusHeaderClosesWith4009() throws Exception {
    byte[] big = new byte[server(0).maxFrameBytes() + RwtWire.HEADER_LENGTH + 1];
    big[0] = RwtWire.VERSION;
    big[1] = (byte) FrameType.MESSAGE.code();
    assertEquals(4009, assertThrows(RwtProtocolException.class, () -> server(0).open(big)).code());
  }

  @Test
  void rotationListenerHearsSendAndReceiveEpochChanges() throws Exception {
    SecureSession c = client(0);
    SecureSession s = server(0);
    List<String> events = new ArrayList<>();
    c.setRotationListener((d, e) -> events.add("c " + d + " " + e));
    s.setRotationListener((d, e) -> events.add("s " + d + " " + e));
    s.open(c.sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()).bytes());
    RotationSchedule schedule = c.schedule();
    senderClock.set(Fixtures.startOf(schedule, 2));
    receiverClock.set(Fixtures.startOf(schedule, 2));
    s.open(c.sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()).bytes());
    assertEquals(List.of("c C2S 2", "s C2S 2"), events);
    assertEquals(2, c.sendEpoch());
    assertEquals(2, s.receiveEpoch());
  }

  @Test
  void keysBelowTheWindowAreErasedAsTimePasses() throws Exception {
    SecureSession c = client(0);
    SecureSession s = server(0);
    byte[] epoch0 = c.sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()).bytes();
    receiverClock.set(Fixtures.startOf(s.schedule(), 2));
    assertEquals(4010, assertThrows(RwtProtocolException.class, () -> s.open(epoch0)).code());
    receiverClock.set(Fixtures.startOf(s.schedule(), 1));
    assertEquals(4010, assertThrows(RwtProtocolException.class, () -> s.open(epoch0)).code(),
        "the receive epoch never moves back, and epoch 0 keys are gone");
  }

  @Test
  void destroyedSessionRefusesToSealAndOpen() throws Exception {
    SecureSession c = client(0);
    SecureSession s = server(0);
    byte[] frame = c.sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()).bytes();
    c.destroy();
    s.destroy();
    assertThrows(IllegalStateException.class,
        () -> c.sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()));
    assertEquals(4010, assertThrows(RwtProtocolException.class, () -> s.open(frame)).code());
    assertThrows(IllegalStateException.class, s::resumeKey);
  }

  @Test
  void toStringsNeverShowKeys() throws Exception {
    SecureSession c = client(0);
    String hex = Vectors.toHex(c.resumeKey().bytes());
    assertTrue(!c.toString().contains(hex) && !c.resumeKey().toString().contains(hex));
    assertTrue(!c.resumeTicket().toString().contains(hex));
    assertEquals("SecretBytes[32 bytes]", c.resumeKey().toString());
  }
}
