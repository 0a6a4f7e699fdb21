/**
 * Notification fan-out: subscribers with open channel sockets in this process; notifications are
 * injected through the gateway's `POST /__test__/notifications` (one user, so one socket, per
 * notification, round robin). Latency = from issuing the injecting request to the frame's
 * arrival at the subscriber's socket, both on this process's monotonic clock (`performance.now()`).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { setTimeout as delay } from 'node:timers/promises';
import { createAgent, openSocket, pool, send, subscribe, wsBase } from './client.mjs';

/**
 * Opens one subscription + socket per user. Resolves `{ sockets, onFrame }`: set `onFrame(seq, now)`
 * to receive every bench frame; other frames (e.g. `call` notifications) are parsed and ignored.
 */
export async function openSubscribers(url, usernames) {
  const agent = createAgent(16);
  const hub = { sockets: [], onFrame: undefined };
  const handler = (data) => {
    const now = performance.now();
    const seq = JSON.parse(String(data))?.notificationMessage?.customNotificationParams?.benchSeq;
    if (typeof seq === 'number') hub.onFrame?.(seq, now);
  };
  const results = await pool(usernames.length, 16, async (i) => openSocket(wsBase(url) + (await subscribe(agent, url, usernames[i])), handler));
  const failed = results.find((r) => !r.ok);
  if (failed) throw new Error(`fan-out subscriber: ${failed.error?.message ?? failed.error}`);
  agent.destroy();
  hub.sockets = results.map((r) => r.value);
  return hub;
}

/** Closes the subscribers' sockets. */
export async function closeSubscribers(hub) {
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

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/**
 * Injects notifications for `seconds`: open loop at `rate` per second (`rate` set), or closed
 * loop with `inFlight` requests outstanding (`rate` unset: the saturation throughput). Waits up
 * to 5 s for the stragglers. Resolves `{ sent, delivered, lost, failed, seconds, deliveredPerSecond, p50, p99, max }`
 * (latencies in ms).
 */
export async function injectNotifications(url, hub, { usernames, rate, inFlight = 32, seconds }) {
  const agent = createAgent(64);
  const sentAt = [];
  const latencies = [];
  let failed = 0;
  let lastDelivery = 0;
  hub.onFrame = (seq, now) => {
    const t = sentAt[seq];
    if (t === undefined) return;
    sentAt[seq] = undefined; // a duplicate would not count twice
    latencies.push(now - t);
    lastDelivery = now;
  };
  const inject = async (seq) => {
    const body = JSON.stringify({
      username: usernames[seq % usernames.length],
      notificationMessage: { eventType: 'custom', customNotificationParams: { benchSeq: seq } },
    });
    sentAt[seq] = performance.now();
    try {
      const res = await send(agent, url, 'POST', '/__test__/notifications', body);
      if (res.status !== 200 || res.body?.delivered !== 1) failed++;
    } catch {
      failed++;
    }
  };
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let sent = 0;
  const requests = [];
  if (rate) {
    await new Promise((resolve) => {
      const tick = () => {
        const now = performance.now();
        const total = Math.round(seconds * rate);
        const due = now >= end ? total : Math.min(Math.floor(((now - t0) / 1000) * rate), total);
        while (sent < due) requests.push(inject(sent++));
        if (now >= end) resolve();
        else setTimeout(tick, 1);
      };
      tick();
    });
  } else {
    const worker = async () => {
      while (performance.now() < end) await inject(sent++);
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  }
  await Promise.all(requests);
  const waitUntil = performance.now() + 5000;
  while (latencies.length + failed < sent && performance.now() < waitUntil) await delay(10);
  agent.destroy();
  const sorted = latencies.slice().sort((a, b) => a - b);
  const span = (Math.max(lastDelivery, end) - t0) / 1000;
  return {
    sent,
    delivered: latencies.length,
    lost: sent - latencies.length - failed,
    failed,
    seconds: span,
    deliveredPerSecond: latencies.length / span,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}
