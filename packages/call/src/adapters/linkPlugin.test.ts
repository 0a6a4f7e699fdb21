/**
 * The call plugin over its Link fallback (no backend plugin installed): the few behaviours that
 * depend on Link's REST shapes and notifications end to end — the request bodies and paths of a
 * call, notifications that beat the callStart response, malformed notifications, sdpFormat, and a
 * refusal's top-level statusCode. Everything else runs over the in-memory backend (plugin.test.ts,
 * internal/*.test.ts); the adapter alone is in link.test.ts.
 */
import { chromeAnswer, chromeOffer, until } from '@switchboard/test-utils';
import { createTestEnv, destroyTestEnvs, incomingCall } from '../__fakes__/env';
import { states } from '../constants';

const leg = (id: string) => `/rest/version/1/user/alice@example.com/callControl/callSessions/${id}`;
type Env = ReturnType<typeof createTestEnv>;
let env: Env;
afterEach(destroyTestEnvs);

const linkEnv = (opts: Parameters<typeof createTestEnv>[0] = {}) => createTestEnv({ ...opts, backend: 'link' });

test('outgoing call over Link: callStart body, ringing names, respondCallUpdate, DELETE on end; no in-memory backend', async () => {
  env = linkEnv();
  const { client, transport, notifications, of } = env;
  const callId = client.call.make('bob', { audio: true }, { displayName: 'Alice', customParameters: [{ name: 'X-T', value: '1' }] });
  await until(() => of('call:start').length > 0);
  expect(of('call:start')).toEqual([{ callId }]);
  const start = transport.ofType('callStart')[0]!;
  expect(start.path).toBe('/rest/version/1/user/alice@example.com/callControl');
  expect(start.body).toEqual({
    callControlRequest: {
      type: 'callStart', from: 'Alice<sip:alice@example.com>', to: 'sip:bob@example.com', sdp: expect.stringContaining('a=candidate:'),
      customParameters: [{ name: 'X-T', value: '1' }],
    },
  });
  expect(env.backend.listening).toBe(false);
  expect(env.backend.operations).toEqual([]);

  notifications.deliver({ eventType: 'ringing', eventId: 'e0', sessionParams: { sessionData: 'leg-a-1' }, callNotificationParams: { remoteName: 'Bob B', remoteDisplayNumber: 'bob@example.com' } });
  expect(client.call.getById(callId)).toMatchObject({ state: states.RINGING, remoteParticipant: { displayName: 'Bob B', displayNumber: 'bob@example.com' } });
  notifications.deliver({ eventType: 'respondCallUpdate', eventId: 'e1', sessionParams: { sessionData: 'leg-a-1', sdp: chromeAnswer } });
  await until(() => client.call.getById(callId)!.state === states.CONNECTED);
  client.call.end(callId);
  await until(() => of('call:operation').some((o) => o.operation === 'END' && o.transition === 'FINISH'));
  expect(transport.sent.filter((s) => s.method === 'DELETE').map((s) => s.path)).toEqual([leg('leg-a-1')]);
});

test('earlyMedia adds supported: ["earlymedia"] to callStart', async () => {
  env = linkEnv({ config: { call: { earlyMedia: true } } });
  env.client.call.make('bob', { audio: true });
  await until(() => env.of('call:start').length > 0);
  expect(env.transport.ofType('callStart')[0]!.body).toMatchObject({ callControlRequest: { supported: ['earlymedia'] } });
});

test('ringing and the answer notified before the callStart response are held, then applied in order', async () => {
  env = linkEnv();
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  env.transport.responder = async (req) => {
    if (req.method !== 'POST') return undefined;
    await released; // the websocket wins the race against the HTTP response
    return { ok: true, status: 201, body: { callControlResponse: { statusCode: 0, sessionData: 'leg-a-1' } } };
  };
  const callId = env.client.call.make('bob', { audio: true });
  await until(() => env.transport.ofType('callStart').length > 0);
  env.notifications.deliver({ eventType: 'ringing', eventId: 'r1', sessionParams: { sessionData: 'leg-a-1' } });
  env.notifications.deliver({ eventType: 'respondCallUpdate', eventId: 'r2', sessionParams: { sessionData: 'leg-a-1', sdp: chromeAnswer } });
  env.notifications.deliver({ eventType: 'ringing', eventId: 'r3', sessionParams: { sessionData: 'someone-else' } });
  expect(env.client.call.getById(callId)!.state).toBe(states.INITIATING);
  release();
  await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
  expect(env.of('call:stateChange').map((s) => s.previous.state)).toEqual([states.INITIATING, states.INITIATED, states.RINGING]);
});

test('incoming call over Link: ringing and callAnswer PUT to the leg, reject posts calldisposition', async () => {
  env = linkEnv();
  const { client, transport, notifications, of } = env;
  notifications.deliver({ ...incomingCall('leg-b-1', chromeOffer), customParameters: [{ name: 'X-Ticket', value: '42' }] });
  const [{ callId }] = of('call:receive');
  expect(client.call.getById(callId)).toMatchObject({ from: 'bob@example.com', remoteParticipant: { displayName: 'Bob Builder' } });
  expect(of('call:customParameters')).toEqual([{ callId, customParameters: [{ name: 'X-Ticket', value: '42' }] }]);
  await until(() => client.call.getById(callId)!.state === states.RINGING);
  expect(transport.ofType('ringing')[0]!.path).toBe(leg('leg-b-1'));
  client.call.answer(callId, { audio: true });
  await until(() => client.call.getById(callId)!.state === states.CONNECTED);
  const answer = transport.ofType('callAnswer')[0]!;
  expect(answer.path).toBe(leg('leg-b-1'));
  expect((answer.body as { callControlRequest: { sdp: string } }).callControlRequest.sdp).toContain('a=setup:active');

  notifications.deliver(incomingCall('leg-b-2', chromeOffer));
  const second = of('call:receive')[1]!.callId;
  client.call.reject(second);
  await until(() => client.call.getById(second)!.state === states.ENDED);
  expect(transport.sent.find((s) => s.path.endsWith('/calldisposition'))!.body).toEqual({ callDispositionRequest: { action: 'reject', sessionData: 'leg-b-2' } });
});

test('callCancel cancels an alerting call; malformed notifications and unknown legs are dropped', () => {
  env = linkEnv();
  env.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
  const [{ callId }] = env.of('call:receive');
  env.notifications.deliver({ eventType: 'callCancel', eventId: 'x', sessionParams: { sessionData: 'leg-b-1' } });
  expect(env.client.call.getById(callId)!.state).toBe(states.CANCELLED);
  env.notifications.deliver({ eventType: 'callEnd', eventId: 'y', sessionParams: { sessionData: 'unknown' } });
  env.notifications.deliver({ eventType: 'ringing', eventId: 'z' });
  env.notifications.deliver({ eventType: 'call', eventId: 'w', sessionParams: { sessionData: 'leg-x', sdp: 'garbage' } });
  expect(env.client.call.getAll()).toHaveLength(1);
});

test('sdpFormat: an unknown value is logged and the SDP used as-is; a callEnd is never dropped for it (§4.3.1)', async () => {
  env = linkEnv();
  env.notifications.deliver({ ...incomingCall(), sessionParams: { sessionData: 'leg-b-1', sdp: chromeOffer, sdpFormat: 'plain-ish' } });
  const [{ callId }] = env.of('call:receive');
  expect(env.client.call.getById(callId)!.mediaOffered).toEqual({ audio: true, video: true });
  env.client.call.answer(callId, { audio: true });
  await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
  env.notifications.deliver({ eventType: 'callEnd', eventId: 'e', sessionParams: { sessionData: 'leg-b-1', sdpFormat: 'compressed' } });
  expect(env.client.call.getById(callId)!.state).toBe(states.ENDED);
});

test('a respondCallUpdate refusal with a top-level statusCode ends the call: DELETE, CALL_REMOTE_ERROR with its transition', async () => {
  env = linkEnv();
  const callId = env.client.call.make('bob', { audio: true });
  await until(() => env.of('call:start').length > 0);
  env.notifications.deliver({
    eventType: 'respondCallUpdate', eventId: 'r', statusCode: 49, sessionParams: { sessionData: 'leg-a-1', retryAfter: 5, reasonText: 'Busy here' },
  });
  await until(() => env.client.call.getById(callId)!.state === states.ENDED);
  await until(() => env.transport.sent.some((s) => s.method === 'DELETE'));
  expect(env.transport.sent.filter((s) => s.method === 'DELETE').map((s) => s.path)).toEqual([leg('leg-a-1')]);
  expect(env.of('call:stateChange').at(-1)).toMatchObject({ transition: { statusCode: 49, reasonText: 'Busy here' }, error: { code: 'CALL_REMOTE_ERROR' } });
});
