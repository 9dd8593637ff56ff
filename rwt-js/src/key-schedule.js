// Key schedule (PROTOCOL.md section 4): HKDF from the ECDH secret to one chain per
// direction and a resume secret; per-epoch ratchet mac/enc/next; erasure of old epochs.

import { concatBytes, utf8Encode, wipe } from './bytes.js';
import { badToken } from './errors.js';
import { hkdfExpand, hkdfExtract, hmacSha256, importHmacKey } from './hkdf.js';
import { KEY_BYTES, MAX_EPOCH } from './wire.js';

export const Label = Object.freeze({ C2S: 'rwt/1 c2s', S2C: 'rwt/1 s2c', RESUME: 'rwt/1 resume' });

const RATCHET_MAC = Uint8Array.of(0x01);
const RATCHET_ENC = Uint8Array.of(0x02);
const RATCHET_NEXT = Uint8Array.of(0x03);

/**
 * ikm = Z || utf8(rotationKey) || previousResumeKey (only when resuming);
 * prk = HKDF-Extract(clientNonce || serverNonce, ikm); c2s0, s2c0, resume = HKDF-Expand(prk, label).
 */
export async function deriveSessionSecrets({
  sharedSecret, rotationKey = '', previousResumeKey = null, clientNonce, serverNonce,
}) {
  const ikmParts = [sharedSecret, utf8Encode(rotationKey ?? '')];
  if (previousResumeKey) ikmParts.push(previousResumeKey);
  const ikm = concatBytes(...ikmParts);
  const prk = await hkdfExtract(concatBytes(clientNonce, serverNonce), ikm);
  wipe(ikm);
  return {
    prk,
    c2s0: await hkdfExpand(prk, Label.C2S, KEY_BYTES),
    s2c0: await hkdfExpand(prk, Label.S2C, KEY_BYTES),
    resume: await hkdfExpand(prk, Label.RESUME, KEY_BYTES),
  };
}

/** The raw keys of one epoch: mac = HMAC(chain, 01), enc = HMAC(chain, 02), next = HMAC(chain, 03). */
export async function ratchetStep(chain) {
  return {
    mac: await hmacSha256(chain, RATCHET_MAC),
    enc: await hmacSha256(chain, RATCHET_ENC),
    next: await hmacSha256(chain, RATCHET_NEXT),
  };
}

/** proof = HMAC-SHA256(resumeKey, clientNonce) (section 6). */
export function resumeProof(resumeKey, clientNonce) {
  return hmacSha256(resumeKey, clientNonce);
}

/** Imports raw mac/enc bytes as the usable keys of an epoch; the raw bytes are wiped. */
export async function importEpochKeys(epoch, mac, enc) {
  const keys = new EpochKeys(
    epoch,
    await importHmacKey(mac),
    await globalThis.crypto.subtle.importKey('raw', enc, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
  );
  wipe(mac);
  wipe(enc);
  return keys;
}

/** Non-extractable keys of one epoch. toString never shows key material. */
export class EpochKeys {
  constructor(epoch, macKey, encKey) {
    this.epoch = epoch;
    this.macKey = macKey;
    this.encKey = encKey;
    Object.freeze(this);
  }

  toString() {
    return `EpochKeys(epoch=${this.epoch})`;
  }
}

/**
 * One direction's ratchet. It holds chain_base and the keys of the epochs in use; epochs
 * below base are gone for good (eraseBelow). Not re-entrant: callers serialise use of one chain.
 */
export class KeyChain {
  #base = 0;
  #chain; // chain_base, raw
  #keys = new Map(); // epoch -> EpochKeys
  #chains = new Map(); // epoch -> raw chain, for base < epoch <= highest derived

  constructor(chain0) {
    this.#chain = Uint8Array.from(chain0);
  }

  /** Lowest epoch whose keys still exist. */
  get base() {
    return this.#base;
  }

  /** Keys of an epoch at or above base; throws BAD_TOKEN (4010) for an erased epoch. */
  async keysFor(epoch) {
    if (!Number.isInteger(epoch) || epoch < this.#base || epoch > MAX_EPOCH) {
      throw badToken(`epoch ${epoch} is expired or out of range`);
    }
    const known = this.#keys.get(epoch);
    if (known) return known;
    const chain = await this.#chainAt(epoch);
    const step = await ratchetStep(chain);
    wipe(step.next);
    const keys = await importEpochKeys(epoch, step.mac, step.enc);
    this.#keys.set(epoch, keys);
    return keys;
  }

  /** Forgets every epoch below `epoch` (chain keys overwritten, derived keys dropped). */
  async eraseBelow(epoch) {
    if (epoch <= this.#base) return;
    const chain = await this.#chainAt(epoch);
    for (const [e, raw] of this.#chains) {
      if (e <= epoch) {
        if (e < epoch) wipe(raw);
        this.#chains.delete(e);
      }
    }
    for (const e of this.#keys.keys()) if (e < epoch) this.#keys.delete(e);
    wipe(this.#chain);
    this.#chain = chain;
    this.#base = epoch;
  }

  /** Forgets everything; the chain cannot be used afterwards. */
  destroy() {
    wipe(this.#chain);
    for (const raw of this.#chains.values()) wipe(raw);
    this.#chains.clear();
    this.#keys.clear();
    this.#base = Infinity;
  }

  async #chainAt(epoch) {
    if (epoch === this.#base) return this.#chain;
    const cached = this.#chains.get(epoch);
    if (cached) return cached;
    let from = this.#base;
    let chain = this.#chain;
    for (const [e, raw] of this.#chains) {
      if (e < epoch && e > from) {
        from = e;
        chain = raw;
      }
    }
    // Intermediate chain keys are wiped at once; only the target is remembered.
    for (let e = from; e < epoch; e++) {
      const next = await hmacSha256(chain, RATCHET_NEXT);
      if (e !== from && chain !== this.#chain && !this.#chains.has(e)) wipe(chain);
      chain = next;
    }
    this.#chains.set(epoch, chain);
    return chain;
  }

  toString() {
    return `KeyChain(base=${this.#base})`;
  }
}
