/**
 * Child process of the gateway bench (started with `fork`): holds idle subscriptions, each with an
 * open channel WebSocket, in a process of its own so that neither the gateway's nor the bench's
 * memory includes them. Commands over IPC:
 *
 *   { cmd: 'open', url, usernames }  → { opened, failed, firstError, ms }   one subscription + socket per user
 *   { cmd: 'verify' }                → { open, answered }                    a WebSocket ping on every socket
 *   { cmd: 'close' }                 → exits once every socket is closed
 *
 * Every socket sends the protocol's JSON keepalive every 30 s, as the SDK does.
 */
import { performance } from 'node:perf_hooks';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { createAgent, openSocket, pool, subscribe, wsBase } from './client.mjs';

const sockets = [];
const agent = createAgent(32);
const keepalive = setInterval(() => {
  for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send('{"message_type":"ping"}');
}, 30_000);

async function open({ url, usernames }) {
  const t0 = performance.now();
  const results = await pool(usernames.length, 32, async (i) => {
    const channel = await subscribe(agent, url, usernames[i]);
    const ws = await openSocket(wsBase(url) + channel);
    ws.on('error', () => {}); // counted by verify(); nothing to do here
    sockets.push(ws);
  });
  const failed = results.filter((r) => !r.ok);
  return {
    opened: results.length - failed.length,
    failed: failed.length,
    firstError: failed[0] ? String(failed[0].error?.message ?? failed[0].error) : undefined,
    ms: performance.now() - t0,
  };
}

/** Pings every socket (WebSocket ping frame); counts the pongs within 10 s. */
async function verify() {
  const live = sockets.filter((ws) => ws.readyState === ws.OPEN);
  const answered = await Promise.all(
    live.map(
      (ws) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve(false), 10_000);
          ws.once('pong', () => {
            clearTimeout(timer);
            resolve(true);
          });
          ws.ping();
        }),
    ),
  );
  return { open: live.length, answered: answered.filter(Boolean).length };
}

async function close() {
  clearInterval(keepalive);
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          ws.once('close', resolve);
          ws.terminate();
        }),
    ),
  );
  agent.destroy();
  process.disconnect?.();
}

process.on('message', async (msg) => {
  try {
    if (msg.cmd === 'open') process.send({ ok: true, ...(await open(msg)) });
    else if (msg.cmd === 'verify') process.send({ ok: true, ...(await verify()) });
    else if (msg.cmd === 'close') await close();
  } catch (error) {
    process.send?.({ ok: false, error: String(error?.stack ?? error) });
  }
});
