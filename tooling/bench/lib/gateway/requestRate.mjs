/**
 * Requests per second with autocannon (keep-alive connections, closed loop): subscription creation
 * ("login") with Basic or Bearer auth, and `callStart`. The users rotate request by request, so
 * that per-user limits (at most N subscriptions, `forceLogOut` evicting the oldest) are exercised
 * as a real population would, not one user hammered.
 */
import autocannon from 'autocannon';
import { basicAuth, subscribeBody, userPath } from './client.mjs';

/** Small but well-formed SDP offer. */
const OFFER = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=rtpmap:111 opus/48000/2', 'a=sendrecv', ''].join('\r\n');

/**
 * Runs autocannon against `url` for `seconds` with `connections`; `next(i)` builds the i-th
 * request `{ path, headers, body }` (POST). Resolves `{ rps, p50, p99, total, non2xx, errors, statusCodes }`.
 */
async function measure(url, { seconds, connections }, next) {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...next(i++) }) }],
  });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
  };
}

const json = { 'Content-Type': 'application/json', Accept: 'application/json' };

/** Subscription creation (`forceLogOut: true`) with Basic auth, round robin over `usernames`. */
export function loginBasicRate(url, usernames, options) {
  const body = subscribeBody(true);
  const auth = usernames.map(basicAuth);
  return measure(url, options, (i) => {
    const n = i % usernames.length;
    return { path: `${userPath(usernames[n])}/subscription`, headers: { ...json, Authorization: auth[n] }, body };
  });
}

/** Subscription creation (`forceLogOut: true`) with a Bearer token per user (`tokens[n]` for `usernames[n]`). */
export function loginBearerRate(url, usernames, tokens, options) {
  const body = subscribeBody(true);
  return measure(url, options, (i) => {
    const n = i % usernames.length;
    return { path: `${userPath(usernames[n])}/subscription`, headers: { ...json, Authorization: `Bearer ${tokens[n]}` }, body };
  });
}

/** `callStart` (Basic auth) from `callers` to `callees` (both round robin); the calls are left alerting. */
export function callStartRate(url, callers, callees, options) {
  const auth = callers.map(basicAuth);
  return measure(url, options, (i) => {
    const from = callers[i % callers.length];
    const to = callees[i % callees.length];
    const body = JSON.stringify({ callControlRequest: { type: 'callStart', from: `sip:${from}`, to: `sip:${to}`, sdp: OFFER } });
    return { path: `${userPath(from)}/callControl`, headers: { ...json, Authorization: auth[i % callers.length] }, body };
  });
}
