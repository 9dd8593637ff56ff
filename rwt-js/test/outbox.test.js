// The outbox's rules of natural batching, with a fake socket and a controlled epoch clock.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unpackBatch } from '../src/batch.js';
import { decodeFrame } from '../src/frame.js';
import { Outbox } from '../src/outbox.js';
import { FrameType } from '../src/wire.js';

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A sealed-looking frame whose last byte is its number (never opened here). */
function frame(n, bodyBytes = 8) {
  const bytes = new Uint8Array(33 + bodyBytes);
  bytes[0] = 1;
  bytes[1] = FrameType.MESSAGE;
  bytes[bytes.length - 1] = n;
  return bytes;
}

/** What each transmitted message carried: the numbers of its frames, and whether it was a BATCH. */
function describeMessage(bytes) {
  if (bytes[1] !== FrameType.BATCH) return { batch: false, frames: [bytes[bytes.length - 1]] };
  return { batch: true, frames: unpackBatch(decodeFrame(bytes)).map((e) => e[e.length - 1]) };
}

function outbox({ busy = () => false, limitBytes = 65536, msLeft = 60000, enabled = true } = {}) {
  const sent = [];
  const box = new Outbox({
    transmit: (bytes) => sent.push(describeMessage(bytes)),
    busy,
    limitBytes: () => limitBytes,
    msLeftInEpoch: () => msLeft,
    enabled,
  });
  return { box, sent };
}

describe('outbox', () => {
  test('a frame sealed while nothing else waits leaves at once, alone', async () => {
    const { box, sent } = outbox();
    box.requested();
    await box.post(frame(1), 0);
    assert.deepEqual(sent, [{ batch: false, frames: [1] }]);
  });

  test('frames sealed while earlier sends are still sealing leave as one BATCH when the last is sealed', async () => {
    const { box, sent } = outbox();
    for (let i = 0; i < 3; i++) box.requested();
    const posted = [box.post(frame(1), 0), box.post(frame(2), 0)];
    assert.deepEqual(sent, [], 'nothing leaves while the third is being sealed');
    posted.push(box.post(frame(3), 0));
    await Promise.all(posted);
    assert.deepEqual(sent, [{ batch: true, frames: [1, 2, 3] }]);
  });

  test('waiting frames never wait for sends that came after them', async () => {
    const { box, sent } = outbox();
    box.requested();
    box.requested();
    const first = box.post(frame(1), 0);
    box.requested(); // a later send, still sealing
    await Promise.all([first, box.post(frame(2), 0)]);
    assert.deepEqual(sent, [{ batch: true, frames: [1, 2] }]);
  });

  test('a failed seal does not keep the others waiting', async () => {
    const { box, sent } = outbox();
    box.requested();
    box.requested();
    const first = box.post(frame(1), 0);
    box.sealFailed();
    await first;
    assert.deepEqual(sent, [{ batch: false, frames: [1] }]);
  });

  test('frames of two epochs never share a message', async () => {
    const { box, sent } = outbox();
    for (let i = 0; i < 3; i++) box.requested();
    await Promise.all([box.post(frame(1), 4), box.post(frame(2), 5), box.post(frame(3), 5)]);
    assert.deepEqual(sent, [{ batch: false, frames: [1] }, { batch: true, frames: [2, 3] }]);
  });

  test('waiting frames leave when their epoch ends, even if what they wait for is not sealed', async () => {
    const { box, sent } = outbox({ msLeft: 20 });
    box.requested();
    box.requested();
    await box.post(frame(1), 0);
    assert.deepEqual(sent, [{ batch: false, frames: [1] }]);
  });

  test('a frame sealed while the socket is still writing leaves one macrotask later', async () => {
    let busy = true;
    const { box, sent } = outbox({ busy: () => busy });
    box.requested();
    const posted = box.post(frame(1), 0);
    box.requested();
    const second = box.post(frame(2), 0);
    assert.deepEqual(sent, []);
    busy = false;
    await Promise.all([posted, second]);
    assert.deepEqual(sent, [{ batch: true, frames: [1, 2] }]);
  });

  test('a full batch leaves at once and the rest starts the next', async () => {
    const { box, sent } = outbox({ limitBytes: 33 + 2 * (4 + 41) });
    for (let i = 0; i < 6; i++) box.requested();
    const posted = [1, 2, 3, 4, 5].map((n) => box.post(frame(n), 0));
    assert.deepEqual(sent, [{ batch: true, frames: [1, 2] }, { batch: true, frames: [3, 4] }]);
    posted.push(box.post(frame(6), 0));
    await Promise.all(posted);
    assert.deepEqual(sent.at(-1), { batch: true, frames: [5, 6] });
  });

  test('a dropped socket rejects the waiting sends', async () => {
    const { box, sent } = outbox();
    box.requested();
    box.requested();
    const first = box.post(frame(1), 0);
    box.drop(new Error('gone'));
    await assert.rejects(first, /gone/);
    assert.deepEqual(sent, []);
  });

  test('disabled, every frame leaves alone as it is sealed', async () => {
    const { box, sent } = outbox({ enabled: false });
    for (let i = 0; i < 3; i++) box.requested();
    await Promise.all([1, 2, 3].map((n) => box.post(frame(n), 0)));
    assert.deepEqual(sent.map((m) => m.batch), [false, false, false]);
  });
});
