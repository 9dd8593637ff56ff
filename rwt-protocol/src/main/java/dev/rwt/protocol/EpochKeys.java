package dev.rwt.protocol;

/**
 * The two keys of one direction in one epoch: {@code mac_e} for the tokens of unencrypted
 * frames and {@code enc_e} for AES-256-GCM, with the HMAC and GCM engines keyed with them. Thread-safe;
 * erased, engines included, by the ratchet when the epoch leaves the window. {@code toString}
 * shows only the epoch.
 */
public final class EpochKeys {
  private final long epoch;
  private final SecretBytes mac;
  private final SecretBytes enc;
  private final GcmEngines gcm;
  private final MacEngines macs;

  EpochKeys(long epoch, SecretBytes mac, SecretBytes enc) {
    this.epoch = epoch;
    this.mac = mac;
    this.enc = enc;
    this.gcm = new GcmEngines(enc);
    this.macs = new MacEngines(mac);
  }

  public long epoch() {
    return epoch;
  }

  public SecretBytes mac() {
    return mac;
  }

  public SecretBytes enc() {
    return enc;
  }

  /** The HMAC engines keyed with {@code mac_e}; erased with it. */
  MacEngines macs() {
    return macs;
  }

  /** The AES-GCM engines keyed with {@code enc_e}; erased with it. */
  GcmEngines gcm() {
    return gcm;
  }

  public boolean isDestroyed() {
    return mac.isDestroyed();
  }

  void destroy() {
    gcm.destroy();
    macs.destroy();
    mac.destroy();
    enc.destroy();
  }

  @Override
  public String toString() {
    return "EpochKeys[epoch=" + epoch + (isDestroyed() ? ", erased]" : "]");
  }
}
