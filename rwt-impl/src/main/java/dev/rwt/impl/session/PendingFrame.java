package dev.rwt.impl.session;

import dev.rwt.protocol.Batch;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Plaintext;
import dev.rwt.protocol.SecureSession;

/**
 * A frame of a session, numbered when it was queued and sealed by {@code secure} when it leaves
 * its connection's queue (see {@link Outbound}). Only batchable types are sealed this way: the
 * caller checked it ({@link SecureSession#checkSealable}).
 */
record PendingFrame(SecureSession secure, FrameType type, int channel, long seq, Plaintext plaintext)
    implements Batch.Pending {

  @Override
  public int length() {
    return SecureSession.sealedLength(plaintext);
  }

  @Override
  public boolean batchable() {
    return true;
  }

  @Override
  public byte[] seal() {
    return secure.seal(type, channel, seq, plaintext);
  }

  @Override
  public void sealInto(byte[] out, int offset) {
    secure.sealInto(type, channel, seq, plaintext, out, offset);
  }
}
