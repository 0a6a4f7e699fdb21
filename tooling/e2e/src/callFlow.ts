/**
 * Call steps shared by the SDK e2e tests, as string expressions over `window.client` (the
 * page's SDK client created by {@link E2EPage.login}).
 */
import type { E2EPage } from './e2ePage';

const js = (v: unknown) => JSON.stringify(v);

/** Media options for make/answer. */
export interface CallMedia {
  audio?: boolean;
  video?: boolean;
}

/** Expression: the state of call `id` (undefined when unknown). */
export const stateOf = (id: string) => `(client.call.getById(${js(id)}) || {}).state`;

/** Expression: whether call `id` is in `client.call.states[NAME]`. */
export const isState = (id: string, name: string) => `${stateOf(id)} === client.call.states[${js(name)}]`;

/** Starts a call from `caller` to `destination`; returns the caller's call id. */
export function make(caller: E2EPage, destination: string, media: CallMedia = { audio: true, video: true }): Promise<string> {
  return caller.eval(`client.call.make(${js(destination)}, ${js(media)})`);
}

/** Waits for the callee's next (not yet returned) `call:receive` and returns its call id. */
export async function received(callee: E2EPage, timeout = 10000): Promise<string> {
  const p = await callee.waitForEvent<{ callId: string; error?: unknown }>('call:receive', undefined, timeout, true);
  if (p.error) throw new Error(`call:receive carried an error: ${js(p.error)}`);
  return p.callId;
}

/** Waits until call `id` on `page` is in state `name` (a key of `client.call.states`). */
export function waitForState(page: E2EPage, id: string, name: string, timeout = 10000): Promise<void> {
  return page.waitFor(isState(id, name), `call ${id} in state ${name}`, timeout);
}

/** Answers call `id`. */
export function answer(callee: E2EPage, id: string, media: CallMedia = { audio: true, video: true }): Promise<unknown> {
  return callee.eval(`client.call.answer(${js(id)}, ${js(media)})`);
}

/** Alice calls bob, bob answers, both reach CONNECTED. Returns both call ids. */
export async function connectCall(alice: E2EPage, bob: E2EPage, media: CallMedia = { audio: true, video: true }) {
  const aliceCall = await make(alice, 'sip:bob@example.com', media);
  const bobCall = await received(bob);
  await answer(bob, bobCall, media);
  await Promise.all([waitForState(alice, aliceCall, 'CONNECTED'), waitForState(bob, bobCall, 'CONNECTED')]);
  return { aliceCall, bobCall };
}

/** Ends call `id` (ignores errors for already ended calls). */
export function end(page: E2EPage, id: string): Promise<unknown> {
  return page.eval(`(() => { try { return client.call.end(${js(id)}); } catch (e) { return String(e); } })()`);
}

/** The local track ids of call `id` of the given kind. */
export function localTrackIds(page: E2EPage, id: string, kind: 'audio' | 'video'): Promise<string[]> {
  return page.eval(
    `(client.call.getById(${js(id)}).localTracks || []).filter((t) => (client.media.getTrackById(t) || {}).kind === ${js(kind)})`,
  );
}

/**
 * Waits until `page`'s inbound `kind` bytes stop growing: two readings `gapMs` apart are equal
 * (retried until they are, so packets in flight when the hold began do not count). Returns the count,
 * which must be above zero (some media flowed before) unless `allowZero`.
 */
export async function waitForInboundStopped(page: E2EPage, kind: 'audio' | 'video', gapMs = 600, timeout = 15000, allowZero = false): Promise<number> {
  const read = `E2E.inbound().then((s) => (s[${js(kind)}] || { bytesReceived: 0 }).bytesReceived)`;
  const { n } = await page.waitFor<{ n: number }>(
    `(async () => { const a = await ${read}; await new Promise((r) => setTimeout(r, ${gapMs})); const b = await ${read}; return a === b && (a > 0 || ${allowZero}) ? { n: a } : null; })()`,
    `inbound ${kind} bytes no longer growing`,
    timeout,
  );
  return n;
}

/** Expression: call `id`'s `{ state, localHold, remoteHold }`. */
export const holdOf = (id: string) => `(() => { const c = client.call.getById(${js(id)}); return { state: c.state, localHold: c.localHold, remoteHold: c.remoteHold }; })()`;

/** Waits for the FINISH of `operation` on `page` (the next one not yet returned) and fails on its error. */
export async function finished(page: E2EPage, operation: string, timeout = 15000): Promise<void> {
  const e = await page.waitForEvent<{ error?: unknown }>('call:operation', `(p) => p.operation === ${js(operation)} && p.transition === 'FINISH'`, timeout, true);
  if (e.error) throw new Error(`${operation} failed on ${page.name}: ${js(e.error)}`);
}
