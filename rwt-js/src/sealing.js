// Sealing and opening one frame under one epoch's keys (PROTOCOL.md section 5).
//   not ENC: token = HMAC-SHA256(mac_e, header || body)[0..16)
//   ENC:     body || token = AES-256-GCM(enc_e, nonce = dirByte || 000000 || seq8, aad = header)

import { concatBytes, constantTimeEqual } from './bytes.js';
import { badToken } from './errors.js';
import { encodeFrame, encodeHeader } from './frame.js';
import { hmacWithKey } from './hkdf.js';
import { DIRECTION_BYTE, Flag, TOKEN_BYTES } from './wire.js';

const GCM_NONCE_BYTES = 12;

/** dirByte || 0x000000 || seq (8 bytes, big-endian). */
export function gcmNonce(direction, seq) {
  const dirByte = DIRECTION_BYTE[direction];
  if (!dirByte) throw new TypeError(`unknown direction ${direction}`);
  const nonce = new Uint8Array(GCM_NONCE_BYTES);
  const view = new DataView(nonce.buffer);
  view.setUint8(0, dirByte);
  view.setBigUint64(4, BigInt(seq));
  return nonce;
}

async function macToken(keys, header, body) {
  const full = await hmacWithKey(keys.macKey, concatBytes(header, body));
  return full.subarray(0, TOKEN_BYTES);
}

/**
 * Seals a frame. `body` is the plaintext after META and DEFLATE; `keys` are the EpochKeys
 * of `epoch` in the sending direction.
 * @returns {Promise<Uint8Array>} the complete frame
 */
export async function sealFrame({ direction, keys, type, flags = 0, channel = 0, seq, epoch, body }) {
  const header = encodeHeader({ type, flags, channel, seq, epoch });
  if (flags & Flag.ENC) {
    const sealed = new Uint8Array(await globalThis.crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: gcmNonce(direction, seq), additionalData: header, tagLength: 128 },
      keys.encKey,
      body,
    ));
    const ciphertext = sealed.subarray(0, sealed.length - TOKEN_BYTES);
    const tag = sealed.subarray(sealed.length - TOKEN_BYTES);
    return encodeFrame({ type, flags, channel, seq, epoch, token: tag, body: ciphertext });
  }
  return encodeFrame({ type, flags, channel, seq, epoch, token: await macToken(keys, header, body), body });
}

/**
 * Verifies a decoded frame (from decodeFrame) and returns its plaintext body.
 * Throws BAD_TOKEN (4010) when the token does not verify; never returns unverified bytes.
 */
export async function openFrame({ direction, keys, frame }) {
  if (frame.flags & Flag.ENC) {
    try {
      const plain = await globalThis.crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: gcmNonce(direction, frame.seq), additionalData: frame.header, tagLength: 128 },
        keys.encKey,
        concatBytes(frame.body, frame.token),
      );
      return new Uint8Array(plain);
    } catch {
      throw badToken('frame does not decrypt under its epoch key');
    }
  }
  const expected = await macToken(keys, frame.header, frame.body);
  if (!constantTimeEqual(expected, frame.token)) throw badToken('frame token does not verify');
  return frame.body;
}
