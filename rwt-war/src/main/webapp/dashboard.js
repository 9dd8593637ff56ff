// The RWT live dashboard: one RWTClient subscribed to the demo's channels (metrics, alerts,
// status, chat), rendering what arrives. Served from the WAR next to /rwt-client.js; relative
// URLs throughout so that it works under any context root.

import { RWTClient } from './rwt-client.js';

const CHANNELS = ['metrics', 'alerts', 'status', 'chat'];
const SAMPLES = 60; // points per sparkline: one minute of metrics
const MIN_SLOTS = 20;
const RTT_EVERY_MS = 2000;
const MAX_EVENTS = 60;
const MAX_CHAT = 200;

const LOCK = '<svg viewBox="0 0 16 16" width="11" height="11" aria-label="encrypted"><path fill="currentColor" d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z"/></svg>';

const $ = (id) => document.getElementById(id);

// ---- who am I: ?name=... or a name kept per tab, else one the server picks -----------------

const NAME_KEY = 'rwt-demo-name';
const requestedName = new URLSearchParams(location.search).get('name') ?? sessionStorage.getItem(NAME_KEY);
const me = { name: requestedName ?? null };

async function fetchToken() {
  const url = new URL('demo/token', location.href);
  if (me.name) url.searchParams.set('name', me.name);
  const response = await fetch(url, { cache: 'no-store' });
  if (response.status === 404) {
    throw new Error('The demo is switched off: start the server with rwt.demo.enabled=true (the run profile does).');
  }
  if (!response.ok) throw new Error(`The token endpoint answered ${response.status}.`);
  const { token, name } = await response.json();
  me.name = name; // keep the same name on renewals and reconnects
  sessionStorage.setItem(NAME_KEY, name);
  $('who').innerHTML = `signed in as <strong>${escapeHtml(name)}</strong>`;
  return token;
}

// ---- the client -------------------------------------------------------------------------

// Remembers the current socket so that "Drop connection" can cut it the way a network would.
let currentSocket = null;
class TrackedWebSocket extends WebSocket {
  constructor(url, protocols) {
    super(url, protocols);
    currentSocket = this;
  }
}

const endpoint = new URL('rwt', location.href);
endpoint.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';

const client = new RWTClient({
  endpoint: endpoint.href,
  authToken: fetchToken, // a function: called on every (re)connect and to renew before expiry
  channels: CHANNELS,
  WebSocket: TrackedWebSocket,
  reconnection: { baseDelay: 300, maxDelay: 5000, maxAttempts: 1000 },
});

const view = {
  rotationInfo: null,
  lastRotationAt: 0,
  rtt: null,
  chatSeen: new Set(),
  series: { cpu: [], heap: [], threads: [], connections: [], messages: [], rtt: [] },
};

client.on('connect', (info) => {
  view.rotationInfo = info.rotation;
  hideBanner();
  event('ok', 'Connected', `session ${short(info.sessionId)} · ${describeRotation(info.rotation)}`);
  loadServerState();
});
client.on('reconnect', (info) => {
  view.rotationInfo = info.rotation;
  hideBanner();
  if (info.resumed) {
    event('ok', 'Reconnected, session resumed', 'nothing lost: missed frames were re-sent in order');
  } else {
    event('warning', 'Reconnected with a new session', 'the previous session had expired');
    loadServerState();
  }
});
client.on('disconnect', (e) => {
  if (e.willReconnect) event('warning', 'Connection lost', `close ${e.code}${e.reason ? ` (${e.reason})` : ''}; reconnecting…`);
  else if (!e.intentional) showBanner(e.error?.message ?? `Disconnected (${e.code}).`);
});
client.on('continuity-lost', (e) => event('warning', 'Continuity lost', `${e.lostFrames} unacknowledged frame(s) may be lost`));
client.on('token-rotate', () => {
  view.lastRotationAt = Date.now();
  const pulse = $('epoch-pulse');
  pulse.classList.remove('on');
  void pulse.offsetWidth; // restart the animation
  pulse.classList.add('on');
});
client.on('auth-refresh', ({ authExp }) => event('info', 'Token renewed', `valid until ${clock(authExp)}`));
client.on('security-warning', (w) => event('warning', `Security: ${w.code}`, w.message));
client.on('error', (err) => {
  if (err.code !== 'CONNECT_FAILED') event('warning', `Error ${err.code}`, err.message);
});

client.on('message:metrics', (m) => renderMetrics(m));
client.on('message:alerts', (m) => event(m.data.level, m.data.title, m.data.detail, m.data.ts));
client.on('message:status', (m) => renderStatus(m.data));
client.on('message:chat', (m) => {
  $('enc-chat').innerHTML = protection(m.encrypted);
  addChat({ from: m.from, text: m.data?.text, ts: m.ts ?? m.receivedAt, encrypted: m.encrypted });
});

async function loadServerState() {
  try {
    renderStatus(await client.call('demo.status', null, { timeout: 5000 }));
    const history = await client.call('demo.chat.history', null, { timeout: 5000 });
    for (const line of history) addChat(line);
  } catch (err) {
    event('warning', 'Could not load the server state', err.message);
  }
}

// A call's round trip, a few times a minute: what a user of this page waits for an answer.
setInterval(async () => {
  if (client.getStatus().state !== 'open') return;
  const started = performance.now();
  try {
    renderStatus(await client.call('demo.status', null, { timeout: 5000 }));
    view.rtt = performance.now() - started;
    push(view.series.rtt, view.rtt);
    $('rtt-value').textContent = view.rtt.toFixed(1);
    spark('spark-rtt', view.series.rtt, { min: 0 });
  } catch {
    // a call cut by a reconnect: the next one measures again
  }
}, RTT_EVERY_MS);

connect();

async function connect() {
  try {
    await client.connect();
  } catch (err) {
    showBanner(err.message);
    setTimeout(connect, 3000);
  }
}

// ---- metrics ----------------------------------------------------------------------------

function renderMetrics(m) {
  const d = m.data;
  $('enc-metrics').innerHTML = protection(m.encrypted);
  const cpu = d.cpu >= 0 ? d.cpu * 100 : null;
  $('cpu-value').textContent = cpu === null ? '–' : cpu.toFixed(1);
  $('cpu-system').textContent = d.systemCpu >= 0 ? `system ${(d.systemCpu * 100).toFixed(0)} %` : 'system –';
  const used = d.heapUsed / 1048576;
  const max = d.heapMax / 1048576;
  $('heap-value').textContent = used.toFixed(0);
  $('heap-max').textContent = `of ${max.toFixed(0)} MiB`;
  const ratio = d.heapMax > 0 ? d.heapUsed / d.heapMax : 0;
  $('heap-bar').style.width = `${Math.min(100, ratio * 100).toFixed(1)}%`;
  $('heap-bar').classList.toggle('high', ratio >= 0.85);
  $('threads-value').textContent = d.threads;
  $('uptime').textContent = `up ${duration(d.uptimeMs)}`;
  $('connections-value').textContent = d.connections;
  // sessions include those waiting to be resumed after a drop
  $('sessions').textContent = `${d.sessions} session${d.sessions === 1 ? '' : 's'}`;

  push(view.series.cpu, cpu ?? 0);
  push(view.series.heap, used);
  push(view.series.threads, d.threads);
  push(view.series.connections, d.connections);
  // server-wide, from the server's metrics: every MESSAGE in and out, all connections together
  $('msgs-rate').textContent = d.messagesPerSecond.toFixed(d.messagesPerSecond < 10 ? 1 : 0);
  $('server-rotations').textContent = `${d.rotations} rotation${d.rotations === 1 ? '' : 's'} · ${d.rejected} rejected`;
  push(view.series.messages, d.messagesPerSecond);
  spark('spark-cpu', view.series.cpu, { min: 0, max: 100 });
  spark('spark-heap', view.series.heap, { min: 0, max });
  spark('spark-threads', view.series.threads, {});
  spark('spark-connections', view.series.connections, { min: 0 });
  spark('spark-messages', view.series.messages, { min: 0 });
}

function push(series, value) {
  series.push(value);
  if (series.length > SAMPLES) series.shift();
}

/** An area sparkline of `values` in a 120 x 36 viewBox, scaled to [min, max] (or the data's range). */
function spark(id, values, { min, max }) {
  const svg = $(id);
  if (values.length < 2) return;
  const lo = min ?? Math.min(...values);
  let hi = max ?? Math.max(...values);
  if (max === undefined) hi += (hi - lo) * 0.15 || 1;
  const span = hi - lo || 1;
  const slots = Math.max(values.length, MIN_SLOTS); // a young line still spans a good part of the card
  const step = 120 / (slots - 1);
  const x0 = 120 - (values.length - 1) * step;
  const points = values.map((v, i) => [x0 + i * step, 35 - ((Math.min(Math.max(v, lo), hi) - lo) / span) * 33]);
  const line = points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(2)} ${y.toFixed(2)}`).join(' ');
  const area = `${line} L120 36 L${x0.toFixed(2)} 36 Z`;
  svg.innerHTML = `<path class="area" d="${area}"/><path class="line" d="${line}"/>`;
}

// ---- status and connection facts ------------------------------------------------------

function renderStatus(s) {
  if (!s) return;
  $('enc-policy').textContent = `encryption.payloads = ${s.encryption}`;
  $('server-info').innerHTML = `Application up ${duration(s.uptimeMs)} · Java ${escapeHtml(s.java)} · ${s.cpus} CPU${s.cpus === 1 ? '' : 's'}`
    + ` · rotation <code>${escapeHtml(s.rotationPattern)}</code> every ${s.rotationIntervalMs} ms`
    + ` · backplane <code>${escapeHtml(s.backplane)}</code>`;
}

setInterval(renderConnection, 250);
renderConnection();

function renderConnection() {
  const s = client.getStatus();
  $('conn').dataset.state = s.state;
  $('conn-state').textContent = s.state === 'open' ? 'live' : s.state;
  $('drop').disabled = s.state !== 'open';
  $('chat-send').disabled = s.state === 'closed' || s.state === 'idle';
  $('session-id').textContent = s.sessionId ? `session ${short(s.sessionId)}` : 'no session';
  $('epoch').textContent = s.state === 'idle' ? '–' : s.epoch;
  $('rotations').textContent = s.tokenRotations;
  $('schedule').textContent = view.rotationInfo ? describeRotation(view.rotationInfo) : '–';
  $('reconnects').textContent = s.reconnects;
  $('resumed').hidden = !(s.reconnects > 0 && s.resumed);
  $('msgs-in').textContent = s.messagesReceived;
  $('msgs-out').textContent = s.messagesSent;
  $('ping').textContent = s.latency === null ? 'ping –' : `ping ${Math.round(s.latency)} ms`;
  $('enc-out').innerHTML = s.encryption
    ? '<span class="tag enc">encrypted · AES-256-GCM</span>'
    : '<span class="tag off">not encrypted</span>';
  $('token-exp').textContent = s.authExp ? `JWT valid ${duration(Math.max(0, s.authExp - Date.now()))} more` : '–';
}

function describeRotation(r) {
  return r ? `${r.pattern}, base ${r.intervalMs >= 1000 ? `${r.intervalMs / 1000} s` : `${r.intervalMs} ms`}` : '–';
}

function protection(encrypted) {
  return encrypted
    ? '<span class="tag enc">encrypted · AES-256-GCM</span>'
    : '<span class="tag auth">authenticated · HMAC token</span>';
}

// ---- chat -------------------------------------------------------------------------------

$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('chat-input');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  try {
    // queued while reconnecting; encrypted by default
    const sent = await client.send('chat', { text });
    addChat({ from: me.name, text, ts: Date.now(), encrypted: sent.encrypted });
  } catch (err) {
    event('warning', 'Message not sent', err.message);
    input.value = text;
  }
});

function addChat({ from, text, ts, encrypted }) {
  if (typeof text !== 'string') return;
  const key = `${from}\u0000${text}\u0000${Math.round((ts ?? 0) / 2000)}`;
  if (view.chatSeen.has(key)) return; // the same line from the history and the live channel
  view.chatSeen.add(key);
  const list = $('messages');
  list.querySelector('.empty')?.remove();
  const li = document.createElement('li');
  if (from === me.name) li.classList.add('mine');
  li.innerHTML = `<div class="meta">${escapeHtml(from ?? 'server')} · ${clock(ts)}${encrypted ? `<span class="lock" title="sent encrypted (AES-256-GCM)">${LOCK}</span>` : ''}</div>`
    + `<div class="bubble">${escapeHtml(text)}</div>`;
  list.append(li);
  while (list.children.length > MAX_CHAT) list.firstElementChild.remove();
  list.scrollTop = list.scrollHeight;
}

$('messages').innerHTML = '<li class="empty">No messages yet. Open this page in another tab and say hello.</li>';

// ---- events -------------------------------------------------------------------------------

function event(level, title, detail = '', ts = Date.now()) {
  const list = $('events');
  const li = document.createElement('li');
  li.className = level;
  li.innerHTML = `<div><div class="title">${escapeHtml(title)}</div><div class="detail">${escapeHtml(detail)}</div></div><time>${clock(ts)}</time>`;
  list.prepend(li);
  while (list.children.length > MAX_EVENTS) list.lastElementChild.remove();
}

// ---- drop connection: close the socket under the client, as a failing network would --------

$('drop').addEventListener('click', () => dropConnection());

function dropConnection() {
  // 3000-4999 are the codes a page may send; RWT reconnects on anything but 1000 and 4000-4011
  if (currentSocket && currentSocket.readyState === WebSocket.OPEN) currentSocket.close(3000, 'connection dropped');
}

// ---- helpers ------------------------------------------------------------------------------

function showBanner(text) {
  $('banner').textContent = text;
  $('banner').hidden = false;
}

function hideBanner() {
  $('banner').hidden = true;
}

function short(id) {
  return id ? `${id.slice(0, 8)}…` : '–';
}

function clock(ts) {
  return new Date(ts ?? Date.now()).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function duration(ms) {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h ${m % 60}m` : `${Math.floor(h / 24)}d ${h % 24}h`;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// Leaving the page ends the session (close 1000) instead of leaving it to wait for a resume.
window.addEventListener('pagehide', () => { client.disconnect('page closed').catch(() => {}); });

// For people poking at the page from the console, and for the browser test.
window.rwtDashboard = { client, dropConnection, get name() { return me.name; } };
