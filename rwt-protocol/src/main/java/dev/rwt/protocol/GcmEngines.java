package dev.rwt.protocol;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256-GCM engines keyed with one epoch's {@code enc_e}, kept with that key and erased
 * with it.
 *
 * <p>Why per key and not per thread: what costs most in a small AES-GCM frame is not looking
 * the engine up but expanding the key into AES round keys, and a JDK engine skips that when it
 * is re-initialized with the key it already has. A server thread seals for many sessions in
 * turn (fan-out), so an engine per thread would be re-keyed, and its key expanded, on almost
 * every frame; an engine per key is re-initialized only with a new nonce.
 *
 * <p>What the engines hold: the key of this epoch (the JDK keeps a copy and the round keys),
 * exactly as long as {@link EpochKeys} holds it. {@link #destroy()}, called when the epoch
 * leaves the window, re-keys every engine with a public all-zero key, which zeroes the JDK's
 * copies of the real one, and drops them; an engine in use at that moment is treated the same
 * way when it comes back ({@link KeptEngines}).
 *
 * <p>Nonce reuse: the JDK refuses to encrypt twice in a row under one key and nonce with one
 * engine. That refusal is kept, as an {@link IllegalStateException}: sealing one seq twice
 * under one key is a bug that would reveal the XOR of two plaintexts.
 *
 * <p>Thread-safe: an engine serves one thread at a time; the idle ones are guarded by
 * {@code this}.
 */
final class GcmEngines extends KeptEngines<Cipher> {
  private static final String GCM = "AES/GCM/NoPadding";
  private static final String AES = "AES";
  private static final SecretKeySpec ERASED_KEY = new SecretKeySpec(new byte[RwtWire.KEY_LENGTH], AES);
  private static final GCMParameterSpec ERASED_NONCE =
      new GCMParameterSpec(RwtWire.GCM_TAG_BITS, new byte[RwtWire.GCM_NONCE_LENGTH]);

  private final SecretBytes key;

  GcmEngines(SecretBytes key) {
    this.key = key;
  }

  /**
   * AES-256-GCM of {@code input} with {@code aad} under this key and {@code nonce}:
   * {@link Cipher#ENCRYPT_MODE} gives ciphertext || tag, {@link Cipher#DECRYPT_MODE} the plaintext.
   *
   * @throws AEADBadTagException when decrypting and the tag does not verify
   * @throws IllegalStateException when the key was erased, or when encrypting under the nonce
   *     this key's engine encrypted under last
   */
  byte[] apply(int mode, byte[] nonce, byte[] aad, byte[] input) throws AEADBadTagException {
    Cipher cipher = take();
    try {
      cipher.init(mode, new SecretKeySpec(key.ref(), AES), new GCMParameterSpec(RwtWire.GCM_TAG_BITS, nonce));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("AES-GCM refused to encrypt twice under one key and nonce", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    } finally {
      release(cipher);
    }
  }

  @Override
  Cipher create() {
    try {
      return Cipher.getInstance(GCM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + GCM, e);
    }
  }

  @Override
  void erase(Cipher cipher) {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, ERASED_KEY, ERASED_NONCE);
    } catch (GeneralSecurityException | RuntimeException e) {
      // dropped all the same, as every engine was when none were kept
    }
  }
}
