/**
 * The gateway bench's Link client side, on the public HTTP/WebSocket API only (no gateway
 * internals, so it survives changes of the gateway's HTTP stack): keep-alive JSON requests,
 * subscription creation, channel sockets, and a bounded-concurrency runner.
 */
import { Buffer } from 'node:buffer';
import { Agent, request } from 'node:http';
import { WebSocket } from 'ws';

/** The domain of every bench user. */
export const DOMAIN = 'bench.example.com';
/** The password of every bench user. */
export const PASSWORD = 'bench-secret';

/** `name0042@bench.example.com` */
export const benchUser = (prefix, i) => `${prefix}${String(i).padStart(4, '0')}@${DOMAIN}`;

/** Basic credentials of a bench user. */
export const basicAuth = (username) => `Basic ${Buffer.from(`${username}:${PASSWORD}`).toString('base64')}`;

/** `/rest/version/1/user/{user}` */
export const userPath = (username) => `/rest/version/1/user/${encodeURIComponent(username)}`;

/** A subscribe request body as the SDK sends it. */
export const subscribeBody = (forceLogOut = false) =>
  JSON.stringify({
    subscribeRequest: {
      expires: 3600,
      service: ['call'],
      localization: 'English_US',
      useTurn: false,
      notificationType: 'WebSocket',
      forceLogOut: String(forceLogOut),
    },
  });

/** A keep-alive HTTP agent for one client process. */
export const createAgent = (maxSockets = 64) => new Agent({ keepAlive: true, maxSockets });

/**
 * Sends one JSON request; resolves `{ status, body }` (body parsed when JSON), rejects on a
 * network error.
 */
export function send(agent, baseUrl, method, path, body, headers = {}) {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, agent, headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON: keep the text */
          }
          resolve({ status: res.statusCode, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Creates a subscription with Basic auth; resolves its `notificationChannel` path. */
export async function subscribe(agent, baseUrl, username) {
  const res = await send(agent, baseUrl, 'POST', `${userPath(username)}/subscription`, subscribeBody(), {
    Authorization: basicAuth(username),
  });
  const channel = res.body?.subscribeResponse?.subscriptionParams?.notificationChannel;
  if (res.status !== 200 || typeof channel !== 'string') {
    throw new Error(`subscribe ${username}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
  }
  return channel;
}

/** Opens a channel socket; resolves the open `ws` WebSocket, rejects when refused. */
export function openSocket(wsUrl, onMessage) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    if (onMessage) ws.on('message', onMessage);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      ws.terminate();
      reject(new Error(`WebSocket upgrade refused: HTTP ${res.statusCode}`));
    });
    ws.once('error', reject);
  });
}

/** The gateway's `ws://` base for an `http://` base URL. */
export const wsBase = (baseUrl) => baseUrl.replace(/^http/, 'ws');

/** Runs `task(i)` for i in 0..count-1 with at most `concurrency` in flight; resolves the settled results. */
export async function pool(count, concurrency, task) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      try {
        results[i] = { ok: true, value: await task(i) };
      } catch (error) {
        results[i] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
