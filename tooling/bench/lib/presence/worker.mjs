/**
 * The presence bench's measuring process (started by `../../presence.mjs` with `--expose-gc`):
 * bundles `sdk.mjs` from the packages' sources with esbuild, starts the gateway, drives one SDK
 * client and prints the figures. Exit 0, 1 when an update was lost, 2 on an error.
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

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');
const require = createRequire(import.meta.url);

const USERS = Number(process.env.SB_BENCH_PRESENCE_USERS) || 5000;
const ROUNDS = Number(process.env.SB_BENCH_PRESENCE_ROUNDS) || 20;
const WARMUP = 3;
const BATCH = 1000;
const WATCHER = `watcher@${DOMAIN}`;

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
  const outfile = join(outdir, 'presenceSdk.cjs');
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
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const ms = (n) => `${fmt(n, n < 10 ? 2 : 1)} ms`;
const mb = (n) => `${fmt(n / 1e6, 2)} MB`;

/** Resolves once `check()` holds, polling; rejects after `timeoutMs`. */
async function until(check, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await delay(5);
  }
}

/** Median time in ms of `fn()` over `n` runs (after 2 warm-ups). */
function timeOf(fn, n = 15) {
  for (let i = 0; i < 2; i++) fn();
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return pct(times, 50);
}

async function main() {
  const sdk = await loadSdk();
  const watched = Array.from({ length: USERS }, (_, i) => benchUser('watched', i));
  const gw = await startGatewayProcess([WATCHER, ...watched]);
  const sockets = [];
  /** The client's sockets, to hand frames to the open one as `ws` does on a received frame. */
  class CapturingWebSocket extends WebSocket {
    constructor(...args) {
      super(...args);
      sockets.push(this);
    }
  }
  const { port } = new URL(gw.url);
  const client = sdk.createClient({
    plugins: [sdk.connectivityPlugin({ WebSocket: CapturingWebSocket }), sdk.presencePlugin()],
    config: {
      logs: { logLevel: 'silent' },
      authentication: { server: { base: '127.0.0.1', protocol: 'http', port: Number(port) } },
      subscription: { websocket: { server: '127.0.0.1', protocol: 'ws', port: Number(port) } },
    },
  });
  let changes = 0;
  let errors = 0;
  client.on('presence:change', () => changes++);
  client.on('presence:error', ({ error }) => {
    errors++;
    console.error('presence:error', error.code, error.message);
  });
  try {
    const load = loadavg()[0];
    client.setCredentials({ username: WATCHER, password: PASSWORD });
    let subscribed = false;
    client.on('subscription:change', () => (subscribed = client.services.getSubscriptions().subscribed.includes('Presence')));
    client.services.subscribe(['Presence']);
    await until(() => subscribed && sockets.some((s) => s.readyState === WebSocket.OPEN), 20_000, 'the Presence subscription');
    const heapSubscribed = await heap();

    // 1. watch every user; the gateway pushes each one's current presence
    const t0 = performance.now();
    await client.presence.subscribe(watched);
    const answered = performance.now() - t0;
    await until(() => changes >= USERS, 60_000, `the presence of ${USERS} watched users (${changes} arrived)`);
    const loaded = performance.now() - t0;
    const allLoaded = client.presence.getAll().filter((p) => !p.loading).length;
    const heapWatched = await heap();

    // 2. rounds of 1,000 updates on the open socket, each frame built beforehand
    const socket = sockets.find((s) => s.readyState === WebSocket.OPEN);
    const activities = ['busy', 'lunch', 'away', 'available'];
    const frames = (round) =>
      Array.from({ length: BATCH }, (_, i) => {
        const name = watched[(round * BATCH + i) % USERS];
        const activity = activities[round % activities.length];
        return Buffer.from(JSON.stringify({ notificationMessage: { eventType: 'presenceWatcher', presenceWatcherNotificationParams: { name, status: 'open', activity, note: '' } } }));
      });
    const times = [];
    let lost = 0;
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const batch = frames(round);
      const before = changes;
      const start = performance.now();
      for (const frame of batch) socket.emit('message', frame, false);
      const took = performance.now() - start;
      lost += BATCH - (changes - before);
      if (round >= WARMUP) times.push(took);
      await delay(0);
    }
    const last = client.presence.get(watched[((WARMUP + ROUNDS - 1) * BATCH) % USERS]);
    const applied = last?.activity === activities[(WARMUP + ROUNDS - 1) % activities.length];
    const heapAfter = await heap();

    // 3. reads over the 5,000 cached users
    const getAll = timeOf(() => client.presence.getAll());
    const getList = timeOf(() => client.presence.get(watched));
    const getEach = timeOf(() => {
      for (const id of watched) client.presence.get(id);
    });

    const ok = allLoaded === USERS && lost === 0 && applied && errors === 0;
    console.log(`presence (one Node SDK client, ${fmt(USERS)} watched users; gateway child process via its CLI; load average ${fmt(load, 2)} at the start):`);
    const rows = [
      [`watch ${fmt(USERS)} users (presence.subscribe)`, `answered in ${ms(answered)}; all ${fmt(allLoaded)} presences applied after ${ms(loaded)} (the gateway's notifications)`],
      [`${fmt(BATCH)} presence updates, frame → presence:change`, `median ${ms(pct(times, 50))}, p90 ${ms(pct(times, 90))}, min ${ms(sorted(times)[0])} over ${ROUNDS} rounds (${fmt((BATCH / pct(times, 50)) * 1000)} updates/s)`],
      [`presence.getAll() over ${fmt(USERS)}`, `median ${ms(getAll)}`],
      [`presence.get(${fmt(USERS)} ids)`, `median ${ms(getList)}`],
      [`${fmt(USERS)} × presence.get(id)`, `median ${ms(getEach)}`],
      ['client heap after GC', `subscribed ${mb(heapSubscribed)} → ${fmt(USERS)} watched ${mb(heapWatched)} (+${mb(heapWatched - heapSubscribed)}, ${fmt((heapWatched - heapSubscribed) / USERS)} B per user) → after ${fmt(ROUNDS + WARMUP)} rounds ${mb(heapAfter)} (${heapAfter >= heapWatched ? '+' : '−'}${mb(Math.abs(heapAfter - heapWatched))})`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    console.log(`  checks (not times): every watched user loaded, no update lost, the last applied, no presence:error → ${ok ? 'PASS' : `FAIL (loaded ${allLoaded}, lost ${lost}, last applied ${applied}, errors ${errors})`}`);
    return ok ? 0 : 1;
  } finally {
    await client.destroy().catch(() => undefined);
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
