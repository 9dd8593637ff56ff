// The single-file build (scripts/bundle.js) exports the same API and works end to end.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { bundle } from '../scripts/bundle.js';
import * as source from '../src/rwt-client.js';
import { FakeServer } from '../test-support/fake-server.js';

const dir = mkdtempSync(join(tmpdir(), 'rwt-bundle-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the bundle exports what src/rwt-client.js exports and talks to a server', async () => {
  const file = join(dir, 'rwt-client.js');
  writeFileSync(file, bundle());
  const bundled = await import(pathToFileURL(file).href);
  assert.deepEqual(Object.keys(bundled).sort(), Object.keys(source).sort());
  const server = new FakeServer();
  const client = new bundled.RWTClient({ endpoint: 'ws://localhost/rwt', authToken: 'good', WebSocket: server.WebSocket });
  await client.connect();
  assert.equal(await client.call('add', { a: 20, b: 22 }), 42);
  await client.disconnect();
});
