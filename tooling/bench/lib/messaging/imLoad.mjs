/**
 * IM load through the gateway's public Link routes only (no SDK: `@switchboard/messaging` is not
 * merged yet): receivers with an `IM` subscription and an open channel socket in this process;
 * senders POST `instantmessage` with Basic auth. Latency = from issuing the send to the `IM`
 * notification's arrival at the receiver's socket, both on this process's monotonic clock.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { setTimeout as delay } from 'node:timers/promises';
import { basicAuth, createAgent, openSocket, pool, send, userPath, wsBase } from '../gateway/client.mjs';

const PREFIX = 'bench:';
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** Subscribes each receiver to `IM` and opens its socket; resolves `{ sockets, onMessage }` (`onMessage(receiverIndex, seq, now)`). */
export async function openReceivers(url, receivers) {
  const agent = createAgent(16);
  const hub = { sockets: [], onMessage: undefined };
  const results = await pool(receivers.length, 16, async (i) => {
    const body = JSON.stringify({ subscribeRequest: { expires: 3600, service: ['IM'], localization: 'English_US', useTurn: false, notificationType: 'WebSocket' } });
    const res = await send(agent, url, 'POST', `${userPath(receivers[i])}/subscription`, body, { Authorization: basicAuth(receivers[i]) });
    const channel = res.body?.subscribeResponse?.subscriptionParams?.notificationChannel;
    if (res.status !== 200 || typeof channel !== 'string') throw new Error(`subscribe ${receivers[i]}: HTTP ${res.status}`);
    return openSocket(wsBase(url) + channel, (data) => {
      const now = performance.now();
      const n = JSON.parse(String(data))?.notificationMessage;
      const text = n?.eventType === 'IM' ? n.imnotificationParams?.msgText : undefined;
      if (typeof text === 'string' && text.startsWith(PREFIX)) hub.onMessage?.(i, Number(text.slice(PREFIX.length, text.indexOf(' '))), now);
    });
  });
  agent.destroy();
  const failed = results.find((r) => !r.ok);
  if (failed) throw new Error(`IM receiver: ${failed.error?.message ?? failed.error}`);
  hub.sockets = results.map((r) => r.value);
  return hub;
}

/** Closes the receivers' sockets. */
export async function closeReceivers(hub) {
  await Promise.all(
    hub.sockets.map(
      (ws) =>
        new Promise((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          ws.once('close', resolve);
          ws.terminate();
        }),
    ),
  );
}

/**
 * Sends IMs for `seconds`, message `seq` from `senders[seq % pairs]` to `receivers[seq % pairs]`:
 * open loop at `rate` per second (`rate` set), or closed loop with one send in flight per pair
 * (`rate` unset: the saturation throughput; each pair's messages then have a defined order, which is
 * checked). Waits up to 5 s for the stragglers. Resolves `{ sent, delivered, lost, duplicated,
 * outOfOrder, failed, deliveredPerSecond, p50, p99, max }` (latencies in ms; `outOfOrder` only in
 * the closed loop).
 */
export async function sendMessages(url, hub, { senders, receivers, rate, seconds, bytes = 100 }) {
  const pairs = senders.length;
  const agent = createAgent(Math.max(64, pairs));
  const sentAt = [];
  const seen = new Set();
  const lastSeq = new Array(pairs).fill(-1);
  const latencies = [];
  let failed = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  let lastDelivery = 0;
  hub.onMessage = (receiver, seq, now) => {
    const t = sentAt[seq];
    if (t === undefined) return;
    if (seen.has(seq)) return void duplicated++;
    seen.add(seq);
    if (!rate && seq < lastSeq[receiver]) outOfOrder++;
    lastSeq[receiver] = Math.max(lastSeq[receiver], seq);
    latencies.push(now - t);
    lastDelivery = now;
  };
  const sendOne = async (seq) => {
    const pair = seq % pairs;
    const head = `${PREFIX}${seq} `;
    const body = JSON.stringify({ imRequest: { toUrl: receivers[pair], message: head + 'x'.repeat(Math.max(0, bytes - head.length)) } });
    sentAt[seq] = performance.now();
    try {
      const res = await send(agent, url, 'POST', `${userPath(senders[pair])}/instantmessage`, body, { Authorization: basicAuth(senders[pair]) });
      if (res.status !== 200 || res.body?.imResponse?.deliveryStatus !== 'delivered') failed++;
    } catch {
      failed++;
    }
  };
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let sent = 0;
  if (rate) {
    const requests = [];
    await new Promise((resolve) => {
      const total = Math.round(seconds * rate);
      const tick = () => {
        const now = performance.now();
        const due = now >= end ? total : Math.min(Math.floor(((now - t0) / 1000) * rate), total);
        while (sent < due) requests.push(sendOne(sent++));
        if (now >= end) resolve();
        else setTimeout(tick, 1);
      };
      tick();
    });
    await Promise.all(requests);
  } else {
    const worker = async (pair) => {
      for (let k = 0; performance.now() < end; k++) {
        const seq = k * pairs + pair;
        sent++;
        await sendOne(seq);
      }
    };
    await Promise.all(Array.from({ length: pairs }, (_, pair) => worker(pair)));
  }
  const waitUntil = performance.now() + 5000;
  while (latencies.length + failed < sent && performance.now() < waitUntil) await delay(10);
  agent.destroy();
  const sorted = latencies.slice().sort((a, b) => a - b);
  const span = (Math.max(lastDelivery, end) - t0) / 1000;
  return {
    sent,
    delivered: latencies.length,
    lost: sent - latencies.length - failed,
    duplicated,
    outOfOrder,
    failed,
    deliveredPerSecond: latencies.length / span,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}
