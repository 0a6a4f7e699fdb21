/**
 * The messaging SDK bench's measuring process (started by `../../messagingSdk.mjs` with
 * `--expose-gc`): bundles `sdk.mjs` from the packages' sources with esbuild, starts the gateway,
 * drives Node SDK clients and prints the figures. Exit 0, 1 when a message was lost, duplicated or
 * out of order, 2 on an error.
 */
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { DOMAIN, PASSWORD, benchUser } from '../gateway/client.mjs';
import { startGatewayProcess } from '../gateway/gatewayProcess.mjs';
import { closeReceivers, openReceivers, sendMessages } from './imLoad.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');
const require = createRequire(import.meta.url);

const MESSAGES = Number(process.env.SB_BENCH_CONVERSATION_MESSAGES) || 10_000;
const SENDS = Number(process.env.SB_BENCH_SDK_SENDS) || 2000;
const ROUNDS = 15;
const BYTES = 100;
const READER = `reader@${DOMAIN}`;
const FEEDER = `feeder@${DOMAIN}`;
const ALICE = `alice@${DOMAIN}`;
const BOB = `bob@${DOMAIN}`;
const PREFIX = 'bench:';

/** esbuild plugin: `@switchboard/<pkg>` → `packages/<pkg>/src/index.ts` (the sources, not a build). */
const fromSources = {
  name: 'switchboard-sources',
  setup(b) {
    b.onResolve({ filter: /^@switchboard\/[a-z-]+$/ }, (args) => ({ path: join(root, 'packages', args.path.split('/')[1], 'src', 'index.ts') }));
  },
};

/** Bundles and loads the SDK of `sdk.mjs`. */
async function loadSdk() {
  const { build } = require(require.resolve('esbuild', { paths: [root] }));
  const outdir = join(root, 'node_modules', '.cache', 'switchboard-bench');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'messagingSdk.cjs');
  await build({ entryPoints: [join(here, 'sdk.mjs')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', plugins: [fromSources] });
  return require(outfile);
}

/** The used heap after two forced collections, in bytes. */
async function heap() {
  for (let i = 0; i < 2; i++) {
    globalThis.gc();
    await delay(10);
  }
  return process.memoryUsage().heapUsed;
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');
const ms = (n) => `${fmt(n, n < 10 ? 2 : 1)} ms`;
const mb = (n) => `${fmt(n / 1e6, 2)} MB`;

/** Resolves once `check()` holds, polling; rejects after `timeoutMs`. */
async function until(check, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await delay(2);
  }
}

/** Median time in ms of `fn()` over `n` runs (after 2 warm-ups). */
function timeOf(fn, n = ROUNDS) {
  for (let i = 0; i < 2; i++) fn();
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return pct(times, 50);
}

/** A signed-in SDK client with an `IM` subscription and its open socket. */
async function startClient(sdk, url, username) {
  const sockets = [];
  /** The client's sockets, to hand frames to the open one as `ws` does on a received frame. */
  class CapturingWebSocket extends WebSocket {
    constructor(...args) {
      super(...args);
      sockets.push(this);
    }
  }
  const port = Number(new URL(url).port);
  const client = sdk.createClient({
    plugins: [sdk.connectivityPlugin({ WebSocket: CapturingWebSocket }), sdk.messagingPlugin()],
    config: {
      logs: { logLevel: 'silent' },
      authentication: { server: { base: '127.0.0.1', protocol: 'http', port } },
      subscription: { websocket: { server: '127.0.0.1', protocol: 'ws', port } },
    },
  });
  const errors = [];
  client.on('messages:error', ({ error }) => errors.push(`${error.code} ${error.message}`));
  client.setCredentials({ username, password: PASSWORD });
  let subscribed = false;
  client.on('subscription:change', () => (subscribed = client.services.getSubscriptions().subscribed.includes('IM')));
  client.services.subscribe(['IM']);
  await until(() => subscribed && sockets.some((s) => s.readyState === WebSocket.OPEN), 20_000, `${username}'s IM subscription`);
  return { client, errors, socket: () => sockets.find((s) => s.readyState === WebSocket.OPEN) };
}

const text = (seq) => {
  const head = `${PREFIX}${seq} `;
  return head + 'x'.repeat(Math.max(0, BYTES - head.length));
};
const seqOf = (entry) => {
  const t = entry?.parts?.[0]?.text;
  return typeof t === 'string' && t.startsWith(PREFIX) ? Number(t.slice(PREFIX.length, t.indexOf(' '))) : undefined;
};

/** Part 1: one client holding a conversation of MESSAGES messages, fed as the gateway's IM notifications. */
async function conversationBench(sdk, url) {
  const { client, errors, socket } = await startClient(sdk, url, READER);
  try {
    const heapBefore = await heap();
    const frames = Array.from({ length: MESSAGES }, (_, i) =>
      Buffer.from(JSON.stringify({ notificationMessage: { eventType: 'IM', eventId: `bench-im-${i}`, imnotificationParams: { primaryContact: `sip:${FEEDER}`, msgText: text(i) } } })),
    );
    const ws = socket();
    const per1000 = [];
    const t0 = performance.now();
    let mark = t0;
    for (let i = 0; i < MESSAGES; i++) {
      ws.emit('message', frames[i], false);
      if ((i + 1) % 1000 === 0) {
        const now = performance.now();
        per1000.push(now - mark);
        mark = now;
      }
    }
    const fed = performance.now() - t0;
    frames.length = 0;
    const conversation = client.conversation.get(FEEDER);
    const heapAfter = await heap();
    const all = conversation?.getMessages() ?? [];
    const inOrder = all.length === MESSAGES && all.every((m, i) => seqOf(m) === i);
    const getMessages = timeOf(() => conversation.getMessages());
    const ids = all.map((m) => m.messageId);
    const getMessage = timeOf(() => {
      for (let i = 0; i < 1000; i++) conversation.getMessage(ids[(i * 7919) % ids.length]);
    });
    const heapHeld = await heap();
    const redelivered = performance.now();
    // the same 1,000 notifications again (a gateway resend): each must be dropped as known
    for (let i = 0; i < 1000; i++) {
      ws.emit('message', Buffer.from(JSON.stringify({ notificationMessage: { eventType: 'IM', eventId: `bench-im-${i}`, imnotificationParams: { primaryContact: `sip:${FEEDER}`, msgText: text(i) } } })), false);
    }
    const duplicates = performance.now() - redelivered;
    const once = conversation.getMessages().length === MESSAGES;
    return { fed, per1000, heapBefore, heapAfter, heapHeld, getMessages, getMessage, duplicates, ok: inOrder && once && errors.length === 0, inOrder, once, errors };
  } finally {
    await client.destroy().catch(() => undefined);
  }
}

/** Part 2: alice's SDK sends to bob's SDK through the gateway; `burst` fires every send at once, else one in flight. */
async function throughput(alice, bob, { count, burst, base }) {
  const sentAt = new Array(count);
  const latencies = [];
  const seen = new Set();
  let duplicated = 0;
  let outOfOrder = 0;
  let last = -1;
  let lastAt = 0;
  const chat = bob.client.conversation;
  const onChange = ({ messageId, sender }) => {
    if (sender === undefined || messageId === undefined) return;
    const now = performance.now();
    const seq = seqOf(chat.get(ALICE)?.getMessage(messageId));
    if (seq === undefined || seq < base || seq >= base + count) return;
    if (seen.has(seq)) return; // a later change of a message already counted (not a second copy)
    seen.add(seq);
    if (seq < last) outOfOrder++;
    last = seq;
    latencies.push(now - sentAt[seq - base]);
    lastAt = now;
  };
  bob.client.on('messages:change', onChange);
  const conversation = alice.client.conversation.get(BOB, { type: 'im' }) ?? alice.client.conversation.create([BOB], 'im');
  let failed = 0;
  const t0 = performance.now();
  const sendOne = (i) => {
    sentAt[i] = performance.now();
    return conversation.createMessage({ type: 'text', text: text(base + i) }).send().catch(() => void failed++);
  };
  if (burst) await Promise.all(Array.from({ length: count }, (_, i) => sendOne(i)));
  else for (let i = 0; i < count; i++) await sendOne(i);
  await until(() => latencies.length + failed >= count, 15_000, `bob's ${count} messages (${latencies.length} arrived)`).catch(() => undefined);
  bob.client.off('messages:change', onChange);
  const stored = chat.get(ALICE)?.getMessages().filter((m) => {
    const s = seqOf(m);
    return s !== undefined && s >= base && s < base + count;
  }) ?? [];
  duplicated = stored.length - new Set(stored.map(seqOf)).size;
  const span = (lastAt - t0) / 1000;
  return { sent: count, delivered: latencies.length, lost: count - latencies.length - failed, failed, duplicated, outOfOrder, perSecond: latencies.length / span, p50: pct(latencies, 50), p99: pct(latencies, 99), max: sorted(latencies).at(-1) };
}

async function main() {
  const load = loadavg()[0];
  const sdk = await loadSdk();
  const rawSender = benchUser('imsend', 0);
  const rawReceiver = benchUser('imrecv', 0);
  const gw = await startGatewayProcess([READER, FEEDER, ALICE, BOB, rawSender, rawReceiver], ['--message-rate', '1000000']);
  let alice;
  let bob;
  let hub;
  try {
    const conv = await conversationBench(sdk, gw.url);

    // raw Link clients, one pair, one in flight: the baseline of the same run
    hub = await openReceivers(gw.url, [rawReceiver]);
    await sendMessages(gw.url, hub, { senders: [rawSender], receivers: [rawReceiver], seconds: 0.5, bytes: BYTES });
    const raw = await sendMessages(gw.url, hub, { senders: [rawSender], receivers: [rawReceiver], seconds: 3, bytes: BYTES });

    alice = await startClient(sdk, gw.url, ALICE);
    bob = await startClient(sdk, gw.url, BOB);
    await throughput(alice, bob, { count: 200, burst: false, base: 0 }); // warm-up
    const closed = await throughput(alice, bob, { count: SENDS, burst: false, base: 1_000_000 });
    const burst = await throughput(alice, bob, { count: SENDS, burst: true, base: 2_000_000 });
    const clean = (r) => r.lost === 0 && r.duplicated === 0 && r.outOfOrder === 0 && r.failed === 0;
    const rawClean = raw.lost === 0 && raw.duplicated === 0 && raw.outOfOrder === 0 && raw.failed === 0;
    const ok = conv.ok && clean(closed) && clean(burst) && rawClean && alice.errors.length === 0 && bob.errors.length === 0;

    const grown = conv.heapAfter - conv.heapBefore;
    console.log(`messagingSdk (Node SDK clients: core + connectivity over ws + messagingPlugin(); gateway child process via its CLI, store on :memory:; load average ${fmt(load, 2)} at the start):`);
    const tail = (r) => `(${fmt(r.delivered)}/${fmt(r.sent)}, lost ${r.lost}, duplicated ${r.duplicated}, out of order ${r.outOfOrder}, failed ${r.failed})`;
    const rows = [
      [`conversation of ${fmt(MESSAGES)}: IM frames → stored`, `${ms(conv.fed)} in all; per 1,000: first ${ms(conv.per1000[0])}, last ${ms(conv.per1000.at(-1))}`],
      [`getMessages() over ${fmt(MESSAGES)}`, `median ${ms(conv.getMessages)} of ${ROUNDS}`],
      [`1,000 × getMessage(id) over ${fmt(MESSAGES)}`, `median ${ms(conv.getMessage)} of ${ROUNDS}`],
      [`1,000 known IM frames again (dropped)`, ms(conv.duplicates)],
      ['client heap after GC', `${mb(conv.heapBefore)} → ${fmt(MESSAGES)} messages ${mb(conv.heapAfter)} (+${mb(grown)}, ${fmt(grown / MESSAGES)} B per ${BYTES}-byte message) → with one getMessages() snapshot held ${mb(conv.heapHeld)}`],
      [`raw Link, 1 pair, one in flight (baseline)`, `${fmt(raw.deliveredPerSecond)}/s, p50 ${ms(raw.p50)}, p99 ${ms(raw.p99)}  (${fmt(raw.delivered)}/${fmt(raw.sent)}, lost ${raw.lost}, duplicated ${raw.duplicated}, out of order ${raw.outOfOrder})`],
      [`SDK→SDK, ${fmt(SENDS)} sends, one in flight`, `${fmt(closed.perSecond)}/s (ratio sdk/raw ${fmt(closed.perSecond / raw.deliveredPerSecond, 2)}), send() → bob's messages:change p50 ${ms(closed.p50)} (ratio ${fmt(closed.p50 / raw.p50, 2)}), p99 ${ms(closed.p99)} (ratio ${fmt(closed.p99 / raw.p99, 2)})  ${tail(closed)}`],
      [`SDK→SDK, burst of ${fmt(SENDS)} send() calls`, `${fmt(burst.perSecond)}/s (ratio sdk/raw ${fmt(burst.perSecond / raw.deliveredPerSecond, 2)}), p50 ${ms(burst.p50)}, p99 ${ms(burst.p99)} (queued behind earlier sends)  ${tail(burst)}`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    console.log(`  checks (not times): ${fmt(MESSAGES)} stored once in order, every send arrived once in order, no messages:error → ${ok ? 'PASS' : `FAIL (conversation in order ${conv.inOrder}, once ${conv.once}; errors ${[...conv.errors, ...alice.errors, ...bob.errors].slice(0, 3).join('; ')})`}`);
    return ok ? 0 : 1;
  } finally {
    if (hub) await closeReceivers(hub);
    await alice?.client.destroy().catch(() => undefined);
    await bob?.client.destroy().catch(() => undefined);
    await gw.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
