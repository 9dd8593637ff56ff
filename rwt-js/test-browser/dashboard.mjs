// The demo dashboard in real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): two tabs of one browser on a running RWT server, as a person would use them.
//
//   node test-browser/dashboard.mjs <dashboard-url> [--screenshot file.png] [--profile dir]
//                                   [--chromium /usr/bin/chromium] [--timeout-ms 150000]
//
// Checks, in order: both tabs connect; metrics change; token rotations are counted; a chat
// line sent in one tab arrives in the other; after the socket is cut the tab reconnects, resumes
// its session and gets what was sent meanwhile. Prints one "ok N - ..." line per check and
// "all checks passed" at the end; exits 1 on the first failure (with a screenshot beside the
// requested one), 2 when the whole run takes too long.
//
// rwt-war's DashboardBrowserIT runs it against the WAR on Payara Micro (mvn verify).

import { mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    screenshot: { type: 'string', default: 'target/dashboard.png' },
    profile: { type: 'string', default: 'target/chromium-profile' },
    chromium: { type: 'string', default: process.env.RWT_CHROMIUM ?? '/usr/bin/chromium' },
    'timeout-ms': { type: 'string', default: '150000' },
  },
});
const base = positionals[0];
if (!base) {
  console.error('usage: node test-browser/dashboard.mjs <dashboard-url> [--screenshot file] [--profile dir] [--chromium path]');
  process.exit(64);
}

const STEP_MS = 20000;
// background tabs get no animation frames: poll on a timer, not on requestAnimationFrame
const POLL_MS = 100;
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const watchdog = setTimeout(() => {
  console.error(`FAIL: the run took longer than ${opts['timeout-ms']} ms`);
  process.exit(2);
}, Number(opts['timeout-ms']));

let checks = 0;
function ok(description) {
  checks += 1;
  console.log(`ok ${checks} - ${description}`);
}

function pageUrl(name) {
  const url = new URL(base);
  url.searchParams.set('name', name);
  return url.href;
}

const screenshot = resolve(opts.screenshot);
const profile = resolve(opts.profile);
rmSync(profile, { recursive: true, force: true }); // a fresh profile every run
mkdirSync(profile, { recursive: true });
mkdirSync(dirname(screenshot), { recursive: true });

const context = await chromium.launchPersistentContext(profile, {
  executablePath: opts.chromium,
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1440, height: 900 },
  deviceScaleFactor: 1,
});
const pageErrors = [];
const pages = [];
const consoleLines = [];
let alice;
let bob;
console.log(`dashboard at ${base}, Chromium ${context.browser()?.version() ?? opts.chromium}`);

try {
  // ---- both tabs connect ------------------------------------------------------------------
  alice = await open('alice');
  bob = await open('bob');
  ok('two tabs opened the dashboard and connected (state "live")');

  // ---- metrics change -----------------------------------------------------------------------
  await alice.waitForFunction(() => document.getElementById('threads-value').textContent !== '–', null, { timeout: STEP_MS, polling: POLL_MS });
  const first = await metricsText(alice);
  await alice.waitForFunction((before) => {
    const now = ['uptime', 'cpu-value', 'heap-value', 'threads-value'].map((id) => document.getElementById(id).textContent).join('|');
    return now !== before;
  }, first, { timeout: STEP_MS, polling: POLL_MS });
  const second = await metricsText(alice);
  const received = await alice.evaluate(() => window.rwtDashboard.client.getStatus().messagesReceived);
  if (received < 2) throw new Error(`only ${received} message(s) received`);
  // the server's own metrics (/rwt/metrics) behind the messages-per-second card
  const rate = await alice.locator('#msgs-rate').textContent();
  const serverFacts = await alice.locator('#server-rotations').textContent();
  if (!/^\d+(\.\d)?$/.test(rate)) throw new Error(`messages/s shows "${rate}"`);
  if (!/^\d+ rotations? · \d+ rejected$/.test(serverFacts)) throw new Error(`server facts show "${serverFacts}"`);
  ok(`metrics change: [${first}] -> [${second}]`);

  // ---- token rotations counted --------------------------------------------------------------
  const epoch0 = Number(await alice.locator('#epoch').textContent());
  const rotations0 = Number(await alice.locator('#rotations').textContent());
  await alice.waitForFunction((n) => Number(document.getElementById('rotations').textContent) >= n + 2, rotations0, { timeout: STEP_MS, polling: POLL_MS });
  const epoch1 = Number(await alice.locator('#epoch').textContent());
  const rotations = Number(await alice.locator('#rotations').textContent());
  const statusRotations = await alice.evaluate(() => window.rwtDashboard.client.getStatus().tokenRotations);
  if (!(epoch1 > epoch0)) throw new Error(`epoch did not advance: ${epoch0} -> ${epoch1}`);
  if (rotations > statusRotations) throw new Error(`page shows ${rotations} rotations, client counted ${statusRotations}`);
  ok(`token rotations counted: ${rotations0} -> ${rotations} (epoch ${epoch0} -> ${epoch1})`);

  // ---- chat from one tab to the other -------------------------------------------------------
  const hello = `Deploy 1.4 is green on staging (${Date.now() % 100000})`;
  await say(alice, hello);
  const line = bob.locator('#messages li:not(.mine)', { hasText: hello });
  await line.waitFor({ timeout: STEP_MS });
  const meta = await line.locator('.meta').textContent();
  if (!meta.startsWith('alice')) throw new Error(`bob sees the line from "${meta}", not alice`);
  const encrypted = await line.locator('.lock').count();
  if (encrypted !== 1) throw new Error('the relayed chat line is not marked encrypted');
  await say(bob, 'Heap looks flat, nice. Shipping it?');
  await alice.locator('#messages li:not(.mine)', { hasText: 'Shipping it?' }).last().waitFor({ timeout: STEP_MS });
  ok('a chat line sent by alice arrived in bob\'s tab (from alice, encrypted), and back');

  // ---- cut the socket: reconnect and resume --------------------------------------------------
  await alice.evaluate(() => {
    // what the client reports about the drop, for the failure message
    window.dropEvents = [];
    for (const name of ['disconnect', 'reconnect', 'continuity-lost', 'error']) {
      window.rwtDashboard.client.on(name, (e) => window.dropEvents.push(`${name} ${JSON.stringify(e, (k, v) => (v instanceof Error ? `${v.code}: ${v.message}` : v))}`));
    }
  });
  const before = await alice.evaluate(() => window.rwtDashboard.client.getStatus());
  await alice.click('#drop'); // closes the WebSocket under the client, as a network failure would
  await alice.waitForFunction(() => window.rwtDashboard.client.getStatus().state !== 'open', null, { timeout: STEP_MS, polling: POLL_MS });
  const missed = `Sent while alice was away (${Date.now() % 100000})`;
  await say(bob, missed);
  await alice.waitForFunction((n) => {
    const s = window.rwtDashboard.client.getStatus();
    return s.state === 'open' && s.reconnects === n + 1;
  }, before.reconnects, { timeout: STEP_MS, polling: POLL_MS });
  const after = await alice.evaluate(() => window.rwtDashboard.client.getStatus());
  if (!after.resumed || after.sessionId !== before.sessionId || after.continuityLost) {
    const events = await alice.evaluate(() => window.dropEvents.join('\n  '));
    throw new Error(`not resumed: ${JSON.stringify({ before: before.sessionId, after: after.sessionId, resumed: after.resumed, lost: after.continuityLost })}\n  ${events}`);
  }
  await alice.locator('#messages li', { hasText: missed }).waitFor({ timeout: STEP_MS });
  await alice.waitForFunction(() => document.getElementById('conn').dataset.state === 'open', null, { timeout: STEP_MS, polling: POLL_MS });
  await alice.locator('#events li', { hasText: 'session resumed' }).first().waitFor({ timeout: STEP_MS });
  ok(`after the socket was cut the tab reconnected and resumed session ${before.sessionId.slice(0, 8)}…, nothing lost`);

  // ---- what people look at ------------------------------------------------------------------
  await say(alice, 'Back online, no messages lost.');
  await bob.locator('#messages li', { hasText: 'Back online' }).last().waitFor({ timeout: STEP_MS });
  await alice.waitForTimeout(2500); // a few more samples on the sparklines
  await alice.bringToFront();
  await alice.screenshot({ path: screenshot });
  if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join('; ')}`);
  ok(`no page errors; screenshot ${screenshot}`);
  console.log(`all checks passed (${checks})`);
} catch (err) {
  console.error(`FAIL: ${err.message}`);
  const drop = await alice?.evaluate(() => window.dropEvents?.join('\n  ')).catch(() => null);
  if (drop) console.error(`client events since the socket was cut:\n  ${drop}`);
  if (pageErrors.length) console.error(`page errors: ${pageErrors.join('; ')}`);
  if (consoleLines.length) console.error(`browser console:\n  ${consoleLines.slice(-30).join('\n  ')}`);
  const failed = screenshot.replace(/\.png$/, '') + '-failed.png';
  await pages.at(-1)?.screenshot({ path: failed }).catch(() => {});
  process.exitCode = 1;
} finally {
  await context.close().catch(() => {});
  clearTimeout(watchdog);
}

async function open(name) {
  const page = await context.newPage();
  pages.push(page);
  page.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
  page.on('console', (m) => consoleLines.push(`[${name} ${m.type()}] ${m.text()}`));
  await page.goto(pageUrl(name));
  await page.waitForFunction(() => document.getElementById('conn').dataset.state === 'open', null, { timeout: STEP_MS, polling: POLL_MS });
  return page;
}

async function say(page, text) {
  await page.fill('#chat-input', text);
  await page.click('#chat-send');
  await page.locator('#messages li.mine', { hasText: text }).last().waitFor({ timeout: STEP_MS });
}

async function metricsText(page) {
  return page.evaluate(() => ['uptime', 'cpu-value', 'heap-value', 'threads-value'].map((id) => document.getElementById(id).textContent).join('|'));
}
