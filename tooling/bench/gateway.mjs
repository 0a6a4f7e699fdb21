/**
 * Gateway benchmark (issue 7 point 8): the reference gateway as a child process started through
 * its CLI, driven over its public HTTP/WebSocket API only. Prints, never asserts times:
 *
 * - idle subscriptions, each with an open channel WebSocket, held by the gateway (opened from a
 *   second child process, every socket answering a WebSocket ping before and after the load),
 *   and the gateway's memory per subscription (heap and RSS growth after a forced GC ÷ N);
 * - notification fan-out: notifications/s delivered to sockets and p50/p99 delivery latency at an
 *   offered 1,000/s, and the closed-loop maximum;
 * - subscription creation ("login") with Basic and with Bearer auth, and `callStart`, requests/s.
 *
 * It fails (exit code 1) only when a socket is not held or a notification is lost, never on a time.
 *
 *   node tooling/bench/gateway.mjs                 # ~35 s: 5,000 idle subscriptions, 5 s per rate
 *   SB_BENCH_QUICK=1 node tooling/bench/gateway.mjs # ~15 s: 1,000 idle subscriptions, 2 s per rate
 *   SB_BENCH_GW_SUBS=10000 node tooling/bench/gateway.mjs
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchUser, createAgent, send } from './lib/gateway/client.mjs';
import { closeSubscribers, injectNotifications, openSubscribers } from './lib/gateway/fanout.mjs';
import { buildGateway, startGatewayProcess } from './lib/gateway/gatewayProcess.mjs';
import { callStartRate, loginBasicRate, loginBearerRate } from './lib/gateway/requestRate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const KB = 1000;

/** The bench's sizes: the full run, or the quick one with `SB_BENCH_QUICK=1`. */
function plan() {
  const quick = process.env.SB_BENCH_QUICK === '1';
  return {
    quick,
    idle: Number(process.env.SB_BENCH_GW_SUBS) || (quick ? 1000 : 5000),
    fanout: 100,
    rate: 1000,
    fanoutSeconds: quick ? 2 : 5,
    rateSeconds: quick ? 2 : 5,
    connections: 16,
    population: 50,
  };
}

/** Starts the idle-socket holder as a child process under the hard descriptor limit; resolves `{ ask, close }`. */
async function startHolder() {
  const script = join(here, 'lib', 'gateway', 'idleHolder.mjs');
  const child = spawn('sh', ['-c', `ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(script)}`], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const exited = once(child, 'exit');
  const ask = async (msg) => {
    const reply = once(child, 'message');
    child.send(msg);
    const [answer] = await Promise.race([reply, exited.then(() => [{ ok: false, error: 'the idle holder exited' }])]);
    if (!answer.ok) throw new Error(answer.error);
    return answer;
  };
  const close = async () => {
    if (child.connected) child.send({ cmd: 'close' });
    else child.kill('SIGKILL');
    await exited;
  };
  return { ask, close };
}

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
const ms = (n) => `${fmt(n, n < 10 ? 2 : 1)} ms`;
/** autocannon's latencies are whole milliseconds. */
const wholeMs = (n) => `${fmt(n)} ms`;
const codes = (r) => (r.non2xx || r.errors ? `  (${r.non2xx} non-2xx ${JSON.stringify(r.statusCodes)}, ${r.errors} errors)` : '');

/** Runs the whole gateway bench and prints its table; resolves the figures. */
export async function run() {
  const p = plan();
  const t0 = performance.now();
  const load = loadavg()[0];
  buildGateway();
  const users = {
    idle: Array.from({ length: p.idle }, (_, i) => benchUser('idle', i)),
    fan: Array.from({ length: p.fanout }, (_, i) => benchUser('fan', i)),
    login: Array.from({ length: p.population }, (_, i) => benchUser('login', i)),
    token: Array.from({ length: p.population }, (_, i) => benchUser('token', i)),
    caller: Array.from({ length: p.population }, (_, i) => benchUser('caller', i)),
  };
  const gw = await startGatewayProcess(Object.values(users).flat());
  const holder = await startHolder();
  const agent = createAgent(8);
  let hub;
  try {
    // The fan-out subscribers first: they warm up the subscribe and socket paths before the baseline.
    hub = await openSubscribers(gw.url, users.fan);
    const before = await gw.memory();
    const opened = await holder.ask({ cmd: 'open', url: gw.url, usernames: users.idle });
    const held = await holder.ask({ cmd: 'verify' });
    const after = await gw.memory();
    const perSub = {
      heap: (after.heapUsed - before.heapUsed) / p.idle,
      rss: (after.rss - before.rss) / p.idle,
      external: (after.external - before.external) / p.idle,
    };

    const paced = await injectNotifications(gw.url, hub, { usernames: users.fan, rate: p.rate, seconds: p.fanoutSeconds });
    const saturated = await injectNotifications(gw.url, hub, { usernames: users.fan, inFlight: 32, seconds: p.fanoutSeconds });

    const rateOptions = { seconds: p.rateSeconds, connections: p.connections };
    const basic = await loginBasicRate(gw.url, users.login, rateOptions);
    const tokens = [];
    for (const username of users.token) {
      const res = await send(agent, gw.url, 'POST', '/__test__/tokens', JSON.stringify({ username, kind: 'bearer', ttlSeconds: 3600 }));
      if (res.status !== 201) throw new Error(`minting a bearer token: HTTP ${res.status}`);
      tokens.push(res.body.token);
    }
    const bearer = await loginBearerRate(gw.url, users.token, tokens, rateOptions);
    const calls = await callStartRate(gw.url, users.caller, users.fan, rateOptions);
    const stillHeld = await holder.ask({ cmd: 'verify' });
    const end = await gw.memory();
    const seconds = (performance.now() - t0) / 1000;

    const allHeld = opened.opened === p.idle && held.answered === p.idle && stillHeld.answered === p.idle;
    const nothingLost = paced.lost === 0 && paced.failed === 0 && saturated.lost === 0 && saturated.failed === 0;
    console.log(`gateway (child process via its CLI; clients in this process and one more; ${p.quick ? 'quick' : 'full'} run, ${fmt(seconds, 1)} s; load average ${fmt(load, 2)} at the start):`);
    const rows = [
      ['idle subscriptions + open WebSocket held', `${fmt(held.answered)} / ${fmt(p.idle)} answer a ping, ${fmt(stillHeld.answered)} still after the load (opened in ${fmt(opened.ms / 1000, 1)} s)${opened.firstError ? `  first error: ${opened.firstError}` : ''}`],
      ['gateway memory per idle subscription (after GC)', `heap ${fmt(perSub.heap / KB, 1)} KB, RSS ${fmt(perSub.rss / KB, 1)} KB, external ${fmt(perSub.external / KB, 1)} KB  (heap ${fmt(before.heapUsed / 1e6, 1)} → ${fmt(after.heapUsed / 1e6, 1)} MB, RSS ${fmt(before.rss / 1e6, 1)} → ${fmt(after.rss / 1e6, 1)} MB)`],
      [`fan-out at ${fmt(p.rate)}/s offered (${p.fanout} sockets)`, `${fmt(paced.deliveredPerSecond)}/s delivered, p50 ${ms(paced.p50)}, p99 ${ms(paced.p99)}, max ${ms(paced.max)}  (${fmt(paced.delivered)}/${fmt(paced.sent)}, lost ${paced.lost}, failed ${paced.failed})`],
      ['fan-out, 32 injections in flight (max)', `${fmt(saturated.deliveredPerSecond)}/s delivered, p50 ${ms(saturated.p50)}, p99 ${ms(saturated.p99)}  (${fmt(saturated.delivered)}/${fmt(saturated.sent)}, lost ${saturated.lost}, failed ${saturated.failed})`],
      [`login: subscribe, Basic (${p.connections} connections)`, `${fmt(basic.rps)} req/s, p50 ${wholeMs(basic.p50)}, p99 ${wholeMs(basic.p99)}${codes(basic)}`],
      [`login: subscribe, Bearer token (${p.connections} connections)`, `${fmt(bearer.rps)} req/s, p50 ${wholeMs(bearer.p50)}, p99 ${wholeMs(bearer.p99)}${codes(bearer)}`],
      [`callStart, Basic, to a subscribed callee (${p.connections} connections)`, `${fmt(calls.rps)} req/s, p50 ${wholeMs(calls.p50)}, p99 ${wholeMs(calls.p99)}${codes(calls)}`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    console.log(`  gateway heap after GC at the end: ${fmt(end.heapUsed / 1e6, 1)} MB, RSS ${fmt(end.rss / 1e6, 1)} MB`);
    console.log(`  checks (not times): all idle sockets held → ${allHeld ? 'PASS' : 'FAIL'}; no notification lost → ${nothingLost ? 'PASS' : 'FAIL'}`);
    if (!allHeld || !nothingLost) process.exitCode = 1; // run.mjs reads it
    return { plan: p, seconds, opened, held, stillHeld, before, after, end, perSub, paced, saturated, basic, bearer, calls, allHeld, nothingLost };
  } finally {
    agent.destroy();
    if (hub) await closeSubscribers(hub);
    await holder.close();
    await gw.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then(
    () => process.exit(process.exitCode ?? 0),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}
