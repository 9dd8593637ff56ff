package dev.rwt.protocol;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One direction's key chain, ratcheted forward one epoch at a time (PROTOCOL.md section 4):
 *
 * <pre>
 * mac_e       = HMAC(chain_e, 0x01)
 * enc_e       = HMAC(chain_e, 0x02)
 * chain_(e+1) = HMAC(chain_e, 0x03)
 * </pre>
 *
 * <p>It keeps the keys of a bounded window of epochs and only the chain key of the next
 * epoch not yet derived. Erasing moves a floor up: keys below it are zeroed, and a request
 * for an epoch under the floor fails (an expired token), so a key captured now opens no
 * earlier traffic.
 *
 * <p>Thread-safe: every method is guarded by {@code this}. Lifecycle: created from chain_0
 * by the handshake, moved forward by {@link #keys(long)} and {@link #eraseBelow(long)},
 * ended by {@link #destroy()}.
 */
public final class KeyRatchet {
  /** Keys of one ratchet step: what chain_e yields. */
  public record Step(SecretBytes mac, SecretBytes enc, SecretBytes next) {
    @Override
    public String toString() {
      return "Step[hidden]";
    }
  }

  private final TreeMap<Long, EpochKeys> window = new TreeMap<>();
  private SecretBytes chain; // chain_(nextEpoch), guarded by this
  private long nextEpoch; // guarded by this
  private long floor; // guarded by this

  /** A ratchet at epoch 0; takes a copy of {@code chain0}. */
  public KeyRatchet(SecretBytes chain0) {
    this.chain = SecretBytes.copyOf(chain0.ref());
  }

  /** One step of the ratchet from {@code chain}: mac, enc and the next chain key. */
  public static Step step(SecretBytes chain) {
    byte[] c = chain.ref();
    return new Step(
        SecretBytes.adopt(Hkdf.hmac(c, new byte[] {RwtWire.RATCHET_MAC})),
        SecretBytes.adopt(Hkdf.hmac(c, new byte[] {RwtWire.RATCHET_ENC})),
        SecretBytes.adopt(Hkdf.hmac(c, new byte[] {RwtWire.RATCHET_NEXT})));
  }

  /**
   * The keys of {@code epoch}, deriving forward as needed.
   *
   * @throws RwtProtocolException BAD_TOKEN when the epoch's keys were already erased
   */
  public synchronized EpochKeys keys(long epoch) throws RwtProtocolException {
    if (epoch < floor || chain == null) {
      throw RwtProtocolException.badToken("keys of epoch " + epoch + " were erased (floor " + floor + ")");
    }
    EpochKeys k = window.get(epoch);
    if (k != null) {
      return k;
    }
    while (nextEpoch <= epoch) {
      Step s = step(chain);
      window.put(nextEpoch, new EpochKeys(nextEpoch, s.mac(), s.enc()));
      advanceChain(s.next());
    }
    return window.get(epoch);
  }

  /** Zeroes and forgets every key of an epoch below {@code epoch}. Never moves back. */
  public synchronized void eraseBelow(long epoch) {
    if (epoch <= floor) {
      return;
    }
    floor = epoch;
    Iterator<Map.Entry<Long, EpochKeys>> it = window.headMap(epoch, false).entrySet().iterator();
    while (it.hasNext()) {
      it.next().getValue().destroy();
      it.remove();
    }
    while (chain != null && nextEpoch < epoch) {
      Step s = step(chain);
      s.mac().destroy();
      s.enc().destroy();
      advanceChain(s.next());
    }
  }

  /** The lowest epoch whose keys may still be requested. */
  public synchronized long floor() {
    return floor;
  }

  /** Erases every key; afterwards {@link #keys(long)} always fails. */
  public synchronized void destroy() {
    window.values().forEach(EpochKeys::destroy);
    window.clear();
    if (chain != null) {
      chain.destroy();
      chain = null;
    }
    floor = Long.MAX_VALUE;
  }

  private void advanceChain(SecretBytes next) {
    chain.destroy();
    chain = next;
    nextEpoch++;
  }

  @Override
  public synchronized String toString() {
    return "KeyRatchet[floor=" + floor + ", derived<" + nextEpoch + "]";
  }
}
