/**
 * Message throughput bench (issue 11 point 8, the gateway part): IMs end to end through the
 * reference gateway (a child process through its CLI, `--message-rate 1000000` so that the
 * per-sender rate limit does not cap the measure), sent and received by raw Link HTTP/WebSocket
 * clients in this process (the SDK's messaging package is not merged yet). Prints, never asserts
 * times: messages/s delivered and p50/p99 latency from the send request to the `IM` notification
 * at the receiver's socket, at an offered 500/s and in a closed loop (one send in flight per pair).
 * It fails (exit code 1) only when a message is lost, duplicated, out of order in the closed loop,
 * or not answered `delivered`.
 *
 *   node tooling/bench/messaging.mjs                  # ~15 s: 16 sender → receiver pairs, 5 s per rate
 *   SB_BENCH_QUICK=1 node tooling/bench/messaging.mjs # 2 s per rate
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { benchUser } from './lib/gateway/client.mjs';
import { buildGateway, startGatewayProcess } from './lib/gateway/gatewayProcess.mjs';
import { closeReceivers, openReceivers, sendMessages } from './lib/messaging/imLoad.mjs';

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
const ms = (n) => `${fmt(n, n < 10 ? 2 : 1)} ms`;

/** Runs the messaging bench and prints its table; resolves the figures. */
export async function run() {
  const quick = process.env.SB_BENCH_QUICK === '1';
  const p = { pairs: 16, rate: 500, seconds: quick ? 2 : 5, bytes: 100 };
  const t0 = performance.now();
  const load = loadavg()[0];
  buildGateway();
  const senders = Array.from({ length: p.pairs }, (_, i) => benchUser('imsend', i));
  const receivers = Array.from({ length: p.pairs }, (_, i) => benchUser('imrecv', i));
  const gw = await startGatewayProcess([...senders, ...receivers], ['--message-rate', '1000000']);
  let hub;
  try {
    hub = await openReceivers(gw.url, receivers);
    // a short warm-up of the routes and the store
    await sendMessages(gw.url, hub, { senders, receivers, rate: 200, seconds: 0.5, bytes: p.bytes });
    const paced = await sendMessages(gw.url, hub, { senders, receivers, rate: p.rate, seconds: p.seconds, bytes: p.bytes });
    const closed = await sendMessages(gw.url, hub, { senders, receivers, seconds: p.seconds, bytes: p.bytes });
    const end = await gw.memory();
    const seconds = (performance.now() - t0) / 1000;
    const clean = (r) => r.lost === 0 && r.duplicated === 0 && r.outOfOrder === 0 && r.failed === 0;
    const ok = clean(paced) && clean(closed);
    const tail = (r) => `(${fmt(r.delivered)}/${fmt(r.sent)}, lost ${r.lost}, duplicated ${r.duplicated}, failed ${r.failed}${r === closed ? `, out of order ${r.outOfOrder}` : ''})`;
    console.log(`messaging (raw Link clients, no SDK; gateway child process via its CLI, store on :memory:; ${quick ? 'quick' : 'full'} run, ${fmt(seconds, 1)} s; load average ${fmt(load, 2)} at the start):`);
    const rows = [
      [`IM at ${fmt(p.rate)}/s offered (${p.pairs} pairs, ${p.bytes}-byte texts)`, `${fmt(paced.deliveredPerSecond)}/s delivered, p50 ${ms(paced.p50)}, p99 ${ms(paced.p99)}, max ${ms(paced.max)}  ${tail(paced)}`],
      [`IM closed loop, one in flight per pair (max)`, `${fmt(closed.deliveredPerSecond)}/s delivered, p50 ${ms(closed.p50)}, p99 ${ms(closed.p99)}, max ${ms(closed.max)}  ${tail(closed)}`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    console.log(`  gateway heap after GC at the end: ${fmt(end.heapUsed / 1e6, 1)} MB, RSS ${fmt(end.rss / 1e6, 1)} MB`);
    console.log(`  checks (not times): every message delivered once, in order per pair, answered delivered → ${ok ? 'PASS' : 'FAIL'}`);
    if (!ok) process.exitCode = 1; // run.mjs reads it
    return { plan: p, seconds, paced, closed, end, ok };
  } finally {
    if (hub) await closeReceivers(hub);
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
