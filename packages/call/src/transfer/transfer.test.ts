/**
 * `callTransferPlugin()` over the Link fallback and the fakes: the wire requests of forward and
 * the transfers, their `call:operation` tracking and outcomes (`sessionComplete`/`sessionFail`),
 * refusals before anything is sent, and the local join (two unhold offers, the mixed senders, the
 * joined call and its lifetime). Real browsers: tooling/e2e/transfer.test.ts.
 */
import { definePlugin, type BasicError } from '@switchboard/core';
import { chromeAnswer, chromeOffer, until } from '@switchboard/test-utils';
import { createTestEnv, destroyTestEnvs, incomingCall } from '../__fakes__/env';
import { states } from '../constants';
import type { AudioMixer } from '../internal/audioMixer';
import type { CallLookupService } from '../internal/CallRegistry';
import { callTokens } from '../tokens';
import type { CallApi } from '../api/callApi';
import { callTransferPlugin, type CallTransferApi } from './plugin';

const leg = (id: string) => `/rest/version/1/user/alice@example.com/callControl/callSessions/${id}`;
afterEach(destroyTestEnvs);

/** Hands the test the call plugin's lookup service (to put calls on local hold: `call.hold` is another plugin's). */
function controlProbe() {
  const box: { calls?: CallLookupService } = {};
  const plugin = definePlugin({
    id: 'probe', version: '0.0.0', dependsOn: ['call'], deps: { calls: callTokens.lookup },
    register: (ctx) => {
      box.calls = ctx.deps.calls;
      return { api: {} };
    },
  });
  return { plugin, hold: (callId: string) => box.calls!.get(callId)!.setState(states.ON_HOLD, {}, undefined, { localHold: true }) };
}

/** A fake mixer: records what it mixes, returns a fresh fake track per mix. */
function fakeMixer() {
  const mixes: MediaStreamTrack[][] = [];
  let closed = 0;
  const factory = (): AudioMixer => ({
    mix: (tracks) => {
      mixes.push([...tracks]);
      return { kind: 'audio', id: `mixed-${mixes.length}`, readyState: 'live' } as unknown as MediaStreamTrack;
    },
    close: () => void closed++,
  });
  return { factory, mixes, closed: () => closed };
}

function env(mixer = fakeMixer()) {
  const probe = controlProbe();
  const e = createTestEnv({ backend: 'link', extra: [probe.plugin, callTransferPlugin({ mixer: mixer.factory })] });
  const ops = (operation: string) => e.of('call:operation').filter((o) => o.operation === operation);
  // The client's type has the plugins createTestEnv knows; the transfer plugin adds these members.
  const call = e.client.call as CallApi & CallTransferApi;
  return { ...e, call, hold: probe.hold, mixer, ops };
}
type Env = ReturnType<typeof env>;

/** An outgoing call from alice, answered (leg `leg-a-<n>`). */
async function connectedOutgoing(e: Env, to = 'bob'): Promise<string> {
  const callId = e.client.call.make(to, { audio: true }, { customParameters: [{ name: 'X-First', value: '1' }] });
  await until(() => e.client.call.getById(callId)?.state === states.INITIATED);
  const sessionId = e.transport.ofType('callStart').length;
  e.notifications.deliver({ eventType: 'respondCallUpdate', eventId: `a${callId}`, sessionParams: { sessionData: `leg-a-${sessionId}`, sdp: chromeAnswer } });
  await until(() => e.client.call.getById(callId)!.state === states.CONNECTED);
  return callId;
}

/** An incoming call from carol on `sessionId`, answered. */
async function connectedIncoming(e: Env, sessionId: string): Promise<string> {
  e.notifications.deliver({ ...incomingCall(sessionId, chromeOffer), callNotificationParams: { callerDisplayNumber: 'carol@example.com', callerName: 'Carol' } });
  const { callId } = e.of('call:receive').at(-1)!;
  e.client.call.answer(callId, { audio: true });
  await until(() => e.client.call.getById(callId)!.state === states.CONNECTED);
  return callId;
}

const outcome = (eventType: 'sessionComplete' | 'sessionFail', sessionData: string, extra: Record<string, unknown> = {}) => ({
  eventType, eventId: `${eventType}-${sessionData}`, sessionParams: { sessionData, ...extra },
});

describe('forward', () => {
  test('posts calldisposition forward with the normalized address; the call ends; FORWARD_CALL START → UPDATE → FINISH', async () => {
    const e = env();
    e.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
    const { callId } = e.of('call:receive')[0]!;
    await until(() => e.client.call.getById(callId)!.state === states.RINGING);
    e.call.forward(callId, 'carol');
    await until(() => e.client.call.getById(callId)!.state === states.ENDED);
    expect(e.transport.sent.filter((s) => s.path.endsWith('/calldisposition')).map((s) => s.body)).toEqual([
      { callDispositionRequest: { action: 'forward', sessionData: 'leg-b-1', address: 'sip:carol@example.com' } },
    ]);
    expect(e.ops('FORWARD_CALL').map((o) => [o.transition, o.error])).toEqual([['START', undefined], ['UPDATE', undefined], ['FINISH', undefined]]);
    expect(e.of('call:stateChange').at(-1)).toMatchObject({ callId, state: states.ENDED, transition: { reasonText: 'Call forwarded' } });
  });

  test('a gateway refusal fails the operation with CALL_REQUEST_FAILED; the call keeps ringing', async () => {
    const e = env();
    e.transport.responder = async (req) => (req.path.endsWith('/calldisposition') ? { ok: false, status: 404, body: { callControlResponse: { statusCode: 1004 } } } : undefined);
    e.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
    const { callId } = e.of('call:receive')[0]!;
    await until(() => e.client.call.getById(callId)!.state === states.RINGING);
    e.call.forward(callId, 'carol');
    await until(() => e.ops('FORWARD_CALL').some((o) => o.transition === 'FINISH'));
    expect(e.ops('FORWARD_CALL').at(-1)!.error).toMatchObject({ code: 'CALL_REQUEST_FAILED' });
    expect(e.client.call.getById(callId)!.state).toBe(states.RINGING);
  });

  test('an outgoing or connected call is refused with CALL_INVALID_STATE; nothing is sent', async () => {
    const e = env();
    const callId = await connectedOutgoing(e);
    const sent = e.transport.sent.length;
    e.call.forward(callId, 'carol');
    await until(() => e.ops('FORWARD_CALL').length > 0);
    expect(e.ops('FORWARD_CALL')).toEqual([expect.objectContaining({ transition: 'FINISH', error: expect.objectContaining({ code: 'CALL_INVALID_STATE' }) })]);
    expect(e.transport.sent.length).toBe(sent);
  });
});

describe('directTransfer', () => {
  test('PUTs transfer with the address; PENDING until sessionComplete, then DELETE and Ended (9905)', async () => {
    const e = env();
    const callId = await connectedOutgoing(e);
    e.hold(callId);
    e.call.directTransfer(callId, 'carol@example.com');
    await until(() => e.ops('DIRECT_TRANSFER').some((o) => o.transition === 'UPDATE'));
    expect(e.transport.ofType('transfer').map((s) => [s.method, s.path, s.body])).toEqual([
      ['PUT', leg('leg-a-1'), { callControlRequest: { type: 'transfer', address: 'sip:carol@example.com' } }],
    ]);
    expect(e.client.call.getById(callId)!.state).toBe(states.ON_HOLD);
    e.notifications.deliver(outcome('sessionComplete', 'leg-a-1', { reasonText: 'Direct Transfer Successful' }));
    expect(e.ops('DIRECT_TRANSFER').map((o) => o.transition)).toEqual(['START', 'UPDATE', 'FINISH']);
    expect(e.ops('DIRECT_TRANSFER').at(-1)!.error).toBeUndefined();
    expect(e.client.call.getById(callId)!.state).toBe(states.ENDED);
    expect(e.of('call:stateChange').at(-1)).toMatchObject({ transition: { statusCode: 9905, reasonText: 'Direct Transfer Successful' } });
    await until(() => e.transport.sent.some((s) => s.method === 'DELETE'));
    expect(e.transport.sent.filter((s) => s.method === 'DELETE').map((s) => s.path)).toEqual([leg('leg-a-1')]);
  });

  test('sessionFail finishes the operation with CALL_REMOTE_ERROR; the call stays held, no DELETE', async () => {
    const e = env();
    const callId = await connectedOutgoing(e);
    e.hold(callId);
    e.call.directTransfer(callId, 'carol');
    await until(() => e.ops('DIRECT_TRANSFER').some((o) => o.transition === 'UPDATE'));
    e.notifications.deliver(outcome('sessionFail', 'leg-a-1', { statusCode: 500, reasonText: 'Direct Transfer Failed' }));
    const last = e.ops('DIRECT_TRANSFER').at(-1)!;
    expect(last.transition).toBe('FINISH');
    expect((last.error as BasicError).code).toBe('CALL_REMOTE_ERROR');
    expect((last.error as BasicError).message).toContain('Direct Transfer Failed');
    expect(e.client.call.getById(callId)).toMatchObject({ state: states.ON_HOLD, localHold: true });
    expect(e.transport.sent.some((s) => s.method === 'DELETE')).toBe(false);
  });

  test('a call that is not locally held is refused (CALL_INVALID_STATE) and nothing is sent; malformed outcomes are dropped', async () => {
    const e = env();
    const callId = await connectedOutgoing(e);
    e.call.directTransfer(callId, 'carol');
    await until(() => e.ops('DIRECT_TRANSFER').length > 0);
    expect(e.ops('DIRECT_TRANSFER')[0]!.error).toMatchObject({ code: 'CALL_INVALID_STATE' });
    expect(e.transport.ofType('transfer')).toEqual([]);
    e.notifications.deliver({ eventType: 'sessionComplete', eventId: 'bad' });
    e.notifications.deliver({ eventType: 'sessionComplete', eventId: 'bad2', sessionParams: { sessionData: 42 } });
    expect(e.client.call.getById(callId)!.state).toBe(states.CONNECTED);
  });
});

describe('consultativeTransfer', () => {
  test('PUTs transfer on the first leg with the other leg and its caller number; both operations finish on sessionComplete', async () => {
    const e = env();
    const first = await connectedOutgoing(e);
    const other = await connectedIncoming(e, 'leg-b-7');
    e.hold(first);
    e.hold(other);
    e.call.consultativeTransfer(first, other);
    await until(() => e.ops('CONSULTATIVE_TRANSFER').filter((o) => o.transition === 'UPDATE').length === 2);
    expect(e.transport.ofType('transfer').map((s) => [s.path, s.body])).toEqual([
      [leg('leg-a-1'), { callControlRequest: { type: 'transfer', address: 'carol@example.com', sessionData: 'leg-b-7' } }],
    ]);
    e.notifications.deliver(outcome('sessionComplete', 'leg-a-1', { reasonText: 'Transfer Successful' }));
    e.notifications.deliver({ eventType: 'callEnd', eventId: 'end7', sessionParams: { sessionData: 'leg-b-7', statusCode: 0, reasonText: 'Transfer Successful' } });
    const finished = e.ops('CONSULTATIVE_TRANSFER').filter((o) => o.transition === 'FINISH');
    expect(finished.map((o) => [o.callId, o.error])).toEqual([[first, undefined], [other, undefined]]);
    expect([first, other].map((id) => e.client.call.getById(id)!.state)).toEqual([states.ENDED, states.ENDED]);
  });

  test('the same call twice, an unknown other call or an unheld one: refused before anything is sent', async () => {
    const e = env();
    const first = await connectedOutgoing(e);
    const other = await connectedIncoming(e, 'leg-b-7');
    e.hold(first);
    e.call.consultativeTransfer(first, first);
    e.call.consultativeTransfer(first, 'nope');
    e.call.consultativeTransfer(first, other);
    await until(() => e.ops('CONSULTATIVE_TRANSFER').length === 3);
    expect(e.ops('CONSULTATIVE_TRANSFER').map((o) => (o.error as BasicError).code)).toEqual(['INVALID_ARGUMENT', 'CALL_NOT_FOUND', 'CALL_INVALID_STATE']);
    expect(e.transport.ofType('transfer')).toEqual([]);
  });
});

describe('join', () => {
  test('unholds both calls (startCallUpdate each), mixes each sender with the other call\'s remote audio, announces the joined call', async () => {
    const e = env();
    const a = await connectedOutgoing(e);
    const b = await connectedIncoming(e, 'leg-b-7');
    e.hold(a);
    e.hold(b);
    e.call.join(a, b);
    await until(() => e.transport.ofType('startCallUpdate').length === 2);
    expect(e.transport.ofType('startCallUpdate').map((s) => s.path).sort()).toEqual([leg('leg-a-1'), leg('leg-b-7')]);
    expect(e.transport.ofType('startCallUpdate').find((s) => s.path === leg('leg-a-1'))!.body).toMatchObject({ callControlRequest: { customParameters: [{ name: 'X-First', value: '1' }] } });
    for (const id of ['leg-a-1', 'leg-b-7']) e.notifications.deliver({ eventType: 'respondCallUpdate', eventId: `u${id}`, sessionParams: { sessionData: id, sdp: chromeAnswer } });
    await until(() => e.of('call:join').length > 0);
    const [{ callId, error }] = e.of('call:join') as Array<{ callId: string; error?: unknown }>;
    expect(error).toBeUndefined();
    expect(e.client.call.getById(callId)).toMatchObject({ state: states.CONNECTED, to: 'conference', customParameters: [{ name: 'X-First', value: '1' }] });
    expect([a, b].map((id) => e.client.call.getById(id))).toEqual([
      expect.objectContaining({ state: states.CONNECTED, localHold: false }), expect.objectContaining({ state: states.CONNECTED, localHold: false }),
    ]);
    expect(e.mixer.mixes).toHaveLength(2);
    expect(e.mixer.mixes.every((m) => m.length === 2 && m.some((t) => t.label === 'remote audio'))).toBe(true);
    expect(e.ops('JOIN').filter((o) => o.transition === 'FINISH').map((o) => [o.callId, o.error])).toEqual([[a, undefined], [b, undefined]]);
    // Ending the joined call ends both calls (DELETE each) and closes the mixer.
    e.client.call.end(callId);
    await until(() => e.transport.sent.filter((s) => s.method === 'DELETE').length === 2);
    expect([a, b].map((id) => e.client.call.getById(id)!.state)).toEqual([states.ENDED, states.ENDED]);
    expect(e.mixer.closed()).toBe(1);
  });

  test('when both far ends hang up the joined call ends; calls that are not held are refused', async () => {
    const e = env();
    const a = await connectedOutgoing(e);
    const b = await connectedIncoming(e, 'leg-b-7');
    e.call.join(a, b);
    await until(() => e.ops('JOIN').length > 0);
    expect(e.ops('JOIN')[0]!.error).toMatchObject({ code: 'CALL_INVALID_STATE' });
    e.hold(a);
    e.hold(b);
    e.call.join(a, b);
    await until(() => e.transport.ofType('startCallUpdate').length === 2);
    for (const id of ['leg-a-1', 'leg-b-7']) e.notifications.deliver({ eventType: 'respondCallUpdate', eventId: `u${id}`, sessionParams: { sessionData: id, sdp: chromeAnswer } });
    await until(() => e.of('call:join').length > 0);
    const { callId } = e.of('call:join')[0] as { callId: string };
    e.notifications.deliver({ eventType: 'callEnd', eventId: 'ea', sessionParams: { sessionData: 'leg-a-1' } });
    expect(e.client.call.getById(callId)!.state).toBe(states.CONNECTED);
    e.notifications.deliver({ eventType: 'callEnd', eventId: 'eb', sessionParams: { sessionData: 'leg-b-7' } });
    expect(e.client.call.getById(callId)!.state).toBe(states.ENDED);
    expect(e.mixer.closed()).toBe(1);
  });

  test('a failed unhold fails JOIN on both calls and emits call:join with the error', async () => {
    const e = env();
    const a = await connectedOutgoing(e);
    const b = await connectedIncoming(e, 'leg-b-7');
    e.hold(a);
    e.hold(b);
    e.transport.responder = async (req) => (req.method === 'PUT' && (req.body as { callControlRequest?: { type?: string } }).callControlRequest?.type === 'startCallUpdate'
      ? { ok: false, status: 409, body: { callControlResponse: { statusCode: 1004 } } } : undefined);
    e.call.join(a, b);
    await until(() => e.of('call:join').length > 0);
    expect(e.of('call:join')[0]).toMatchObject({ callId: a, error: { code: 'CALL_REQUEST_FAILED' } });
    expect(e.ops('JOIN').filter((o) => o.transition === 'FINISH').map((o) => o.callId).sort()).toEqual([a, b].sort());
    expect(e.mixer.mixes).toEqual([]);
  });
});

test('with only callPlugin() installed the methods are absent', () => {
  const e = createTestEnv();
  expect(['forward', 'directTransfer', 'consultativeTransfer', 'join'].filter((m) => m in e.client.call)).toEqual([]);
});

describe('the far ends (call plugin alone)', () => {
  test('a transferee on remote hold answers the offer-less startCallUpdate with an offer and is Connected again on the answer', async () => {
    const e = createTestEnv({ backend: 'link' });
    e.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
    const { callId } = e.of('call:receive')[0]!;
    e.client.call.answer(callId, { audio: true });
    await until(() => e.client.call.getById(callId)!.state === states.CONNECTED);
    const held = chromeOffer.replace(/a=sendrecv/g, 'a=inactive');
    e.notifications.deliver({ eventType: 'startCallUpdate', eventId: 'h', sessionParams: { sessionData: 'leg-b-1', sdp: held } });
    await until(() => e.client.call.getById(callId)!.remoteHold);
    expect(e.client.call.getById(callId)!.state).toBe(states.ON_HOLD);
    expect(e.peers.instances).toHaveLength(1);
    // The gateway re-routes the call (transfer): slow start, then the new endpoint's answer.
    e.notifications.deliver({ eventType: 'startCallUpdate', eventId: 's', sessionParams: { sessionData: 'leg-b-1' } });
    await until(() => e.transport.ofType('respondCallUpdate').length === 2);
    // The offer comes from a new peer connection with the same microphone; the old one is closed, its remote tracks removed.
    expect(e.peers.instances.map((pc) => pc.closed)).toEqual([true, false]);
    expect(e.peers.instances[1]!.getSenders().map((x) => x.track?.kind)).toEqual(['audio']);
    expect(e.of('call:tracksRemoved').length).toBeGreaterThan(0);
    expect((e.transport.ofType('respondCallUpdate')[1]!.body as { callControlRequest: { sdp: string } }).callControlRequest.sdp).toMatch(/^v=0/);
    e.notifications.deliver({ eventType: 'respondCallUpdate', eventId: 'r', sessionParams: { sessionData: 'leg-b-1', sdp: chromeAnswer } });
    await until(() => e.client.call.getById(callId)!.state === states.CONNECTED);
    expect(e.client.call.getById(callId)).toMatchObject({ remoteHold: false, localHold: false });
  });

  test('an offer with a new SDP origin (a consultative transfer\'s transferee) is answered from a new peer connection; the same origin keeps it', async () => {
    const e = createTestEnv({ backend: 'link' });
    e.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
    const { callId } = e.of('call:receive')[0]!;
    e.client.call.answer(callId, { audio: true });
    await until(() => e.client.call.getById(callId)!.state === states.CONNECTED);
    const reoffer = (sdp: string, eventId: string) => e.notifications.deliver({ eventType: 'startCallUpdate', eventId, sessionParams: { sessionData: 'leg-b-1', sdp } });
    reoffer(chromeOffer.replace(/a=sendrecv/g, 'a=inactive'), 'same');
    await until(() => e.transport.ofType('respondCallUpdate').length === 1);
    expect(e.peers.instances).toHaveLength(1);
    reoffer(chromeOffer.replace('o=- 762623349228904309 2', 'o=- 111 2'), 'other');
    await until(() => e.transport.ofType('respondCallUpdate').length === 2);
    expect(e.peers.instances.map((pc) => pc.closed)).toEqual([true, false]);
    await until(() => !e.client.call.getById(callId)!.remoteHold);
    expect(e.client.call.getById(callId)!.state).toBe(states.CONNECTED);
  });
});
