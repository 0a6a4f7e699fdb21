import { chromeAnswer, chromeOffer } from '@switchboard/test-utils';
import { errorResponse, until } from '@switchboard/test-utils';
import { createTestEnv, incomingCall } from './__fakes__/env';
import { states } from './constants';

const leg = (id: string) => `/rest/version/1/user/alice@example.com/callControl/callSessions/${id}`;
type Env = ReturnType<typeof createTestEnv>;
let env: Env;
afterEach(async () => {
  try {
    await env?.client.destroy();
  } catch {
    // already destroyed by the test
  }
});

async function outgoingConnected(e: Env) {
  const callId = e.client.call.make('bob', { audio: true });
  await until(() => e.of('call:start').length > 0);
  e.notifications.deliver({ eventType: 'respondCallUpdate', eventId: 'e1', sessionParams: { sessionData: 'leg-a-1', sdp: chromeAnswer } });
  await until(() => e.client.call.getById(callId)?.state === states.CONNECTED);
  return callId;
}

describe('call plugin: outgoing calls', () => {
  test('make → Initiated after callStart, Ringing on ringing, Connected on respondCallUpdate', async () => {
    env = createTestEnv({ config: { call: { defaultPeerConfig: { iceServers: [{ urls: 'turn:turn.test' }] } } }, turn: { username: 'u', password: 'p' } });
    const { client, transport, notifications, of } = env;
    const callId = client.call.make('bob', { audio: true }, { displayName: 'Alice', customParameters: [{ name: 'X-T', value: '1' }] });
    expect(client.call.getById(callId)).toMatchObject({ state: states.INITIATING, direction: 'outgoing', to: 'sip:bob@example.com', from: 'alice@example.com' });
    await until(() => of('call:start').length > 0);
    expect(of('call:start')).toEqual([{ callId }]);
    const start = transport.ofType('callStart')[0]!.body as { callControlRequest: Record<string, unknown> };
    expect(start.callControlRequest).toMatchObject({ from: 'Alice<sip:alice@example.com>', to: 'sip:bob@example.com', customParameters: [{ name: 'X-T', value: '1' }] });
    expect(start.callControlRequest.sdp).toContain('a=candidate:'); // non-trickle: sent after ICE collection
    expect(start.callControlRequest.supported).toBeUndefined();
    const pc = env.peers.instances[0]!;
    expect(pc.config.iceServers).toEqual([{ urls: 'turn:turn.test', username: 'u', credential: 'p' }]);
    const call = client.call.getById(callId)!;
    expect(call.state).toBe(states.INITIATED);
    expect(call.localTracks).toHaveLength(1);
    expect(call.currentOperations).toEqual([]);
    const ops = of('call:operation').filter((o) => o.operation === 'MAKE').map((o) => [o.transition, o.previous?.status]);
    expect(ops).toEqual([['START', undefined], ['UPDATE', 'ONGOING'], ['FINISH', 'PENDING']]);
    expect(of('call:newMedia')[0]).toMatchObject({ callId, local: true });

    notifications.deliver({ eventType: 'ringing', eventId: 'e0', sessionParams: { sessionData: 'leg-a-1' }, callNotificationParams: { remoteName: 'Bob B', remoteDisplayNumber: 'bob@example.com' } });
    expect(client.call.getById(callId)).toMatchObject({ state: states.RINGING, remoteParticipant: { displayName: 'Bob B', displayNumber: 'bob@example.com' } });
    notifications.deliver({ eventType: 'respondCallUpdate', eventId: 'e1', sessionParams: { sessionData: 'leg-a-1', sdp: chromeAnswer } });
    await until(() => client.call.getById(callId)!.state === states.CONNECTED);
    expect(pc.setRemoteCalls[0]).toMatchObject({ type: 'answer' });
    await until(() => client.call.getById(callId)!.remoteTracks.length === 1);
    expect(of('call:tracksAdded').map((e) => e.trackIds.length)).toEqual([1, 1]);
    expect(of('call:stateChange').map((s) => s.previous.state)).toEqual([states.INITIATING, states.INITIATED, states.RINGING]);

    pc.setIceConnectionState('connected');
    expect(client.call.getById(callId)!.mediaConnectionState).toBe('connected');
    expect(of('call:mediaConnectionChange')).toEqual([{ callId, previous: { state: 'new' } }]);
  });

  test('ringing and the answer delivered before the callStart response are held, then applied in order', async () => {
    env = createTestEnv();
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

  test('callEnd ends the call with the transition, releases tracks, sends no DELETE', async () => {
    env = createTestEnv();
    const callId = await outgoingConnected(env);
    const local = env.client.call.getById(callId)!.localTracks;
    env.notifications.deliver({ eventType: 'callEnd', eventId: 'e9', sessionParams: { sessionData: 'leg-a-1', statusCode: 0, reasonText: 'Call ended by remote party' } });
    const call = env.client.call.getById(callId)!;
    expect(call.state).toBe(states.ENDED);
    expect(call.endTime).toEqual(expect.any(Number));
    expect(call.mediaConnectionState).toBe('closed');
    expect(env.of('call:stateChange').pop()).toMatchObject({ callId, previous: { state: states.CONNECTED }, transition: { statusCode: 0, reasonText: 'Call ended by remote party' } });
    expect(env.media.removed).toEqual(expect.arrayContaining(local));
    expect(env.of('call:tracksRemoved').pop()!.trackIds).toEqual(expect.arrayContaining(local));
    expect(env.peers.instances[0]!.closed).toBe(true);
    expect(env.transport.sent.filter((s) => s.method === 'DELETE')).toHaveLength(0);
  });

  test('end sends DELETE to the leg; ending again is CALL_INVALID_STATE with nothing sent', async () => {
    env = createTestEnv();
    const callId = await outgoingConnected(env);
    env.client.call.end(callId);
    expect(env.client.call.getById(callId)!.state).toBe(states.ENDED);
    await until(() => env.of('call:operation').some((o) => o.operation === 'END' && o.transition === 'FINISH'));
    expect(env.transport.sent.filter((s) => s.method === 'DELETE').map((s) => s.path)).toEqual([leg('leg-a-1')]);
    const before = env.transport.sent.length;
    const changes = env.of('call:stateChange').length;
    env.client.call.end(callId);
    await until(() => env.of('call:operation').some((o) => o.operation === 'END' && o.error));
    expect(env.of('call:operation').find((o) => o.error)!.error!.code).toBe('CALL_INVALID_STATE');
    expect(env.transport.sent.length).toBe(before);
    expect(env.of('call:stateChange').length).toBe(changes);
  });

  test('a failing callStart ends the call with the error in call:start', async () => {
    env = createTestEnv();
    env.transport.responder = (r) => (r.method === 'POST' ? errorResponse(403, 1004, 'forbidden') : undefined);
    const callId = env.client.call.make('sip:bob@example.com', { audio: true });
    await until(() => env.of('call:start').length > 0);
    expect(env.of('call:start')[0]!.error!.code).toBe('CALL_REQUEST_FAILED');
    expect(env.client.call.getById(callId)!.state).toBe(states.ENDED);
    expect(env.of('call:stateChange').pop()!.error!.code).toBe('CALL_REQUEST_FAILED');
  });

  test('an ICE check Error ends the call: call:start error, peer closed, local tracks stopped', async () => {
    env = createTestEnv({ config: { call: { iceCollectionCheckFunction: () => ({ type: 'Error', error: 'no relay candidates' }) } } });
    const callId = env.client.call.make('bob', { audio: true, video: true });
    await until(() => env.of('call:start').length > 0);
    expect(env.of('call:start')[0]!.error).toMatchObject({ code: 'CALL_ICE_COLLECTION_FAILED', message: 'no relay candidates' });
    expect(env.client.call.getById(callId)!.state).toBe(states.ENDED);
    expect(env.peers.instances[0]!.closed).toBe(true);
    const stopped = [...env.peers.instances[0]!.senders].map((s) => s.track!.stopped);
    expect(stopped).toEqual([true, true]);
    expect(env.transport.sent).toHaveLength(0);
  });

  test('bad input: TypeError for wrong types; INVALID_ARGUMENT in call:start for bad values, nothing sent', async () => {
    env = createTestEnv();
    expect(() => env.client.call.make(42 as never, { audio: true })).toThrow(TypeError);
    expect(() => env.client.call.make('bob', 'audio' as never)).toThrow(TypeError);
    expect(() => env.client.call.make('bob', { audio: true }, { bandwidth: { video: 'x' as never } })).toThrow(TypeError);
    const a = env.client.call.make('bob', { audio: false });
    const b = env.client.call.make('  ', { audio: true });
    const c = env.client.call.make('bob', { audio: true }, { bandwidth: { video: -1 } });
    await until(() => env.of('call:start').length === 3);
    expect(env.of('call:start').map((s) => [s.callId, s.error?.code])).toEqual([[a, 'INVALID_ARGUMENT'], [b, 'INVALID_ARGUMENT'], [c, 'INVALID_ARGUMENT']]);
    expect(env.client.call.getAll()).toEqual([]);
    expect(env.transport.sent).toHaveLength(0);
  });

  test('make without a call subscription fails with CALL_NOT_SUBSCRIBED', async () => {
    env = createTestEnv({ subscribed: false });
    env.client.call.make('bob', { audio: true });
    await until(() => env.of('call:start').length > 0);
    expect(env.of('call:start')[0]!.error!.code).toBe('CALL_NOT_SUBSCRIBED');
    // refused before anything happens: no call listed, no media, no peer connection, nothing sent
    expect(env.client.call.getAll()).toEqual([]);
    expect(env.media.tracks.size).toBe(0);
    expect(env.peers.instances).toHaveLength(0);
    expect(env.transport.sent).toHaveLength(0);
  });

  test('normalizeDestination false sends the raw destination; earlyMedia adds supported', async () => {
    env = createTestEnv({ config: { call: { normalizeDestination: false, earlyMedia: true } } });
    env.client.call.make('bob', { audio: true });
    await until(() => env.of('call:start').length > 0);
    expect(env.transport.ofType('callStart')[0]!.body).toMatchObject({ callControlRequest: { to: 'bob', supported: ['earlymedia'] } });
  });

  test('SDP handlers from config and setSdpHandlers run on set and send steps', async () => {
    const seen: string[] = [];
    env = createTestEnv({ config: { call: { sdpHandlers: [(sdp: never, info: { step: string }) => (seen.push(`config:${info.step}`), sdp)] } } });
    env.client.call.setSdpHandlers([(sdp, info) => (seen.push(`set:${info.step}:${info.endpoint}`), sdp)]);
    await outgoingConnected(env);
    expect(seen).toEqual(['set:set:local', 'set:send:local', 'set:set:remote']);
    expect(() => env.client.call.setSdpHandlers('x' as never)).toThrow(TypeError);
  });
});

describe('call plugin: incoming calls', () => {
  test('receive (auto ringing) → answer → Connected; answer body is the answer SDP', async () => {
    env = createTestEnv();
    const { client, transport, notifications, of } = env;
    notifications.deliver({ ...incomingCall('leg-b-1', chromeOffer), customParameters: [{ name: 'X-Ticket', value: '42' }] });
    const [{ callId }] = of('call:receive');
    expect(client.call.getById(callId)).toMatchObject({
      direction: 'incoming', from: 'bob@example.com', to: 'alice@example.com', mediaOffered: { audio: true, video: true },
      remoteParticipant: { displayName: 'Bob Builder', displayNumber: 'bob@example.com' },
    });
    expect(of('call:customParameters')).toEqual([{ callId, customParameters: [{ name: 'X-Ticket', value: '42' }] }]);
    await until(() => client.call.getById(callId)!.state === states.RINGING);
    expect(transport.ofType('ringing')[0]!.path).toBe(leg('leg-b-1'));
    client.call.answer(callId, { audio: true });
    await until(() => client.call.getById(callId)!.state === states.CONNECTED);
    const answer = transport.ofType('callAnswer')[0]!;
    expect(answer.path).toBe(leg('leg-b-1'));
    expect((answer.body as { callControlRequest: { sdp: string } }).callControlRequest.sdp).toContain('a=setup:active');
    expect(env.peers.instances[0]!.setRemoteCalls[0]).toMatchObject({ type: 'offer' });
  });

  test('wrong-state operations report CALL_INVALID_STATE / CALL_NOT_FOUND and change nothing', async () => {
    env = createTestEnv();
    const outgoing = await outgoingConnected(env);
    const sent = env.transport.sent.length;
    env.client.call.answer(outgoing, { audio: true });
    env.client.call.reject(outgoing);
    env.client.call.ignore(outgoing);
    env.client.call.answer('nope', { audio: true });
    env.client.call.sendDTMF('nope', '1');
    await until(() => env.of('call:operation').filter((o) => o.error).length === 5);
    expect(env.of('call:operation').filter((o) => o.error).map((o) => [o.operation, o.error!.code])).toEqual([
      ['ANSWER', 'CALL_INVALID_STATE'], ['REJECT', 'CALL_INVALID_STATE'], ['IGNORE', 'CALL_INVALID_STATE'], ['ANSWER', 'CALL_NOT_FOUND'], ['SEND_DTMF', 'CALL_NOT_FOUND'],
    ]);
    expect(env.client.call.getById(outgoing)!.state).toBe(states.CONNECTED);
    expect(env.transport.sent.length).toBe(sent);
    expect(() => env.client.call.answer(1 as never, { audio: true })).toThrow(TypeError);
  });

  test('reject posts calldisposition and ends; ignore sends nothing', async () => {
    env = createTestEnv();
    env.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
    env.notifications.deliver(incomingCall('leg-b-2', chromeOffer));
    const [first, second] = env.of('call:receive').map((r) => r.callId);
    env.client.call.reject(first!);
    await until(() => env.client.call.getById(first!)!.state === states.ENDED);
    expect(env.transport.sent.find((s) => s.path.endsWith('/calldisposition'))!.body).toEqual({ callDispositionRequest: { action: 'reject', sessionData: 'leg-b-1' } });
    const before = env.transport.sent.filter((s) => !(s.body as { callControlRequest?: { type: string } })?.callControlRequest?.type?.match(/ringing|audit/)).length;
    env.client.call.ignore(second!);
    expect(env.client.call.getById(second!)!.state).toBe(states.ENDED);
    await new Promise((r) => setTimeout(r, 10));
    expect(env.transport.sent.filter((s) => !(s.body as { callControlRequest?: { type: string } })?.callControlRequest?.type?.match(/ringing|audit/)).length).toBe(before);
  });

  test('a failed reject leaves the call as it was', async () => {
    env = createTestEnv({ config: { call: { ringingFeedbackMode: 'manual' } } });
    env.transport.responder = (r) => (r.path.endsWith('/calldisposition') ? errorResponse(500, 26) : undefined);
    env.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
    const [{ callId }] = env.of('call:receive');
    env.client.call.reject(callId);
    await until(() => env.of('call:operation').some((o) => o.operation === 'REJECT' && o.transition === 'FINISH'));
    expect(env.of('call:operation').find((o) => o.operation === 'REJECT' && o.transition === 'FINISH')!.error!.code).toBe('CALL_REQUEST_FAILED');
    expect(env.client.call.getById(callId)!.state).toBe(states.INITIATED);
  });

  test('manual ringing feedback: sendRingingFeedback moves Initiated → Ringing; refused in auto mode', async () => {
    env = createTestEnv({ config: { call: { ringingFeedbackMode: 'manual' } } });
    env.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
    const [{ callId }] = env.of('call:receive');
    await new Promise((r) => setTimeout(r, 5));
    expect(env.transport.ofType('ringing')).toHaveLength(0);
    expect(env.client.call.getById(callId)!.state).toBe(states.INITIATED);
    env.client.call.sendRingingFeedback(callId);
    await until(() => env.client.call.getById(callId)!.state === states.RINGING);
    expect(env.transport.ofType('ringing')).toHaveLength(1);
    await env.client.destroy();
    env = createTestEnv();
    env.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
    const id2 = env.of('call:receive')[0]!.callId;
    env.client.call.sendRingingFeedback(id2);
    await until(() => env.of('call:operation').some((o) => o.error));
    expect(env.of('call:operation').find((o) => o.error)!.error!.code).toBe('CALL_INVALID_OPERATION');
  });

  test('callCancel cancels an alerting call; notifications for unknown legs are dropped', async () => {
    env = createTestEnv();
    env.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
    const [{ callId }] = env.of('call:receive');
    env.notifications.deliver({ eventType: 'callCancel', eventId: 'x', sessionParams: { sessionData: 'leg-b-1' } });
    expect(env.client.call.getById(callId)!.state).toBe(states.CANCELLED);
    env.notifications.deliver({ eventType: 'callEnd', eventId: 'y', sessionParams: { sessionData: 'unknown' } });
    env.notifications.deliver({ eventType: 'ringing', eventId: 'z' });
    env.notifications.deliver({ eventType: 'call', eventId: 'w', sessionParams: { sessionData: 'leg-x', sdp: 'garbage' } });
    expect(env.client.call.getAll()).toHaveLength(1);
  });

  test('remote startCallUpdate (hold) is answered with respondCallUpdate and puts the call On Hold', async () => {
    env = createTestEnv();
    env.notifications.deliver(incomingCall('leg-b-1', chromeOffer));
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true });
    await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
    const holdOffer = chromeOffer.replace(/a=sendrecv/g, 'a=inactive').replace(/a=setup:actpass/g, 'a=setup:active');
    env.notifications.deliver({ eventType: 'startCallUpdate', eventId: 'u1', sessionParams: { sessionData: 'leg-b-1', sdp: holdOffer } });
    await until(() => env.client.call.getById(callId)!.state === states.ON_HOLD).catch((e) => {
      throw new Error(`${e}: ${JSON.stringify(env.of('call:operation').filter((o) => o.error))}`);
    });
    expect(env.client.call.getById(callId)!.remoteHold).toBe(true);
    expect(env.of('call:stateChange').pop()!.previous).toEqual({ state: states.CONNECTED, localHold: false, remoteHold: false });
    expect(env.transport.ofType('respondCallUpdate')).toHaveLength(1);
    const pc = env.peers.instances[0]!;
    expect(pc.setRemoteCalls[1]!.sdp).not.toContain('a=setup:active');
    env.notifications.deliver({ eventType: 'startCallUpdate', eventId: 'u2', sessionParams: { sessionData: 'leg-b-1', sdp: chromeOffer } });
    await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
    expect(env.client.call.getById(callId)!.remoteHold).toBe(false);
  });
});

describe('call plugin: DTMF, stats, codecs, audits, stubs', () => {
  test('sendDTMF uses the RTCDTMFSender; invalid tones and wrong states are refused', async () => {
    env = createTestEnv();
    const callId = await outgoingConnected(env);
    env.client.call.sendDTMF(callId, '12#');
    await until(() => env.of('call:operation').some((o) => o.operation === 'SEND_DTMF' && o.transition === 'FINISH'));
    const sender = env.peers.instances[0]!.senders[0]!;
    expect(sender.dtmf!.inserted).toEqual([['12#', 100, 70]]);
    env.client.call.sendDTMF(callId, 'x');
    await until(() => env.of('call:operation').some((o) => o.error));
    expect(env.of('call:operation').find((o) => o.error)!.error!.code).toBe('INVALID_ARGUMENT');
    sender.dtmf = null; // no out-of-band DTMF and no WebAudio in Node
    env.client.call.sendDTMF(callId, '1', 200, 50);
    await until(() => env.of('call:operation').filter((o) => o.error).length === 2);
    expect(env.of('call:operation').filter((o) => o.error)[1]!.error!.code).toBe('CALL_DTMF_FAILED');
    expect(() => env.client.call.sendDTMF(callId, '1', '100' as never)).toThrow(TypeError);
  });

  test('getStats resolves with the report and emits call:statsReceived; unknown track rejects', async () => {
    env = createTestEnv();
    const callId = await outgoingConnected(env);
    const report = await env.client.call.getStats(callId);
    expect(report.get('pc' as never)).toEqual({ type: 'peer-connection' });
    const [trackId] = env.client.call.getById(callId)!.localTracks;
    const trackReport = await env.client.call.getStats(callId, trackId);
    expect([...trackReport.values()][0]).toMatchObject({ type: 'outbound-rtp' });
    await expect(env.client.call.getStats(callId, 'nope')).rejects.toMatchObject({ code: 'CALL_TRACK_NOT_FOUND' });
    await expect(env.client.call.getStats('nope')).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
    expect(env.of('call:statsReceived').map((e) => [e.trackId, !!e.result, e.error?.code])).toEqual([
      [undefined, true, undefined], [trackId, true, undefined], ['nope', false, 'CALL_TRACK_NOT_FOUND'], [undefined, false, 'CALL_NOT_FOUND'],
    ]);
  });

  test('getAvailableCodecs wraps RTCRtpSender.getCapabilities', async () => {
    env = createTestEnv();
    const g = globalThis as { RTCRtpSender?: unknown };
    g.RTCRtpSender = { getCapabilities: (k: string) => ({ codecs: [{ mimeType: `${k}/opus`, clockRate: 48000 }], headerExtensions: [] }) };
    try {
      await expect(env.client.call.getAvailableCodecs('audio')).resolves.toEqual({ kind: 'audio', codecs: [{ mimeType: 'audio/opus', clockRate: 48000 }] });
      expect(env.of('call:availableCodecs')).toHaveLength(1);
      await expect(env.client.call.getAvailableCodecs('text' as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(() => env.client.call.getAvailableCodecs(42 as never)).toThrow(TypeError);
      expect(env.of('call:availableCodecs')).toHaveLength(1);
    } finally {
      delete g.RTCRtpSender;
    }
    await expect(env.client.call.getAvailableCodecs('audio')).resolves.toBeUndefined();
  });

  test('audit: PUT audit every max(10 s, callAuditTimer); 42 ends the call with 9909', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      env = createTestEnv({ config: { call: { iceCollectionCheckFunction: () => ({ type: 'StartCall' }), callAuditTimer: 1000 } } });
      const callId = env.client.call.make('bob', { audio: true });
      for (let i = 0; i < 20 && !env.of('call:start').length; i++) await jest.advanceTimersByTimeAsync(1);
      expect(env.of('call:start')).toEqual([{ callId }]);
      await jest.advanceTimersByTimeAsync(9990);
      expect(env.transport.ofType('audit')).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(20);
      expect(env.transport.ofType('audit')).toHaveLength(1);
      env.transport.responder = (r) => ((r.body as { callControlRequest?: { type: string } })?.callControlRequest?.type === 'audit' ? errorResponse(404, 42) : undefined);
      await jest.advanceTimersByTimeAsync(10000);
      expect(env.client.call.getById(callId)!.state).toBe(states.ENDED);
      expect(env.of('call:stateChange').pop()!.transition.statusCode).toBe(9909);
      const audits = env.transport.ofType('audit').length;
      await jest.advanceTimersByTimeAsync(30000);
      expect(env.transport.ofType('audit').length).toBe(audits);
    } finally {
      const destroyed = env.client.destroy();
      await jest.advanceTimersByTimeAsync(10);
      await destroyed;
      jest.useRealTimers();
    }
  });

  test('unimplemented seed methods throw NOT_IMPLEMENTED; constants are exposed', () => {
    env = createTestEnv();
    expect(() => env.client.call.hold('x')).toThrow(expect.objectContaining({ code: 'NOT_IMPLEMENTED' }));
    expect(() => env.client.call.playAudioFile('x', 'f')).toThrow(/call\.playAudioFile/);
    expect(env.client.call.states.ON_HOLD).toBe('On Hold');
    expect(env.client.call.mediaConnectionStates.FAILED).toBe('failed');
    const cfg = env.client.getConfig().call as unknown as Record<string, unknown>;
    expect(cfg).toMatchObject({ iceCollectionIdealTimeout: 1000, iceCollectionMaxTimeout: 3000, serverTurnCredentials: true, earlyMedia: false, resyncOnConnect: false, mediaBrokerOnly: false, removeBundling: false, ringingFeedbackMode: 'auto', callAuditTimer: 25000, mediaConnectionRetryDelay: 3000, normalizeDestination: true });
    expect(typeof cfg.iceCollectionCheckFunction).toBe('function');
    expect(() => env.client.updateConfig({ call: { ringingFeedbackMode: 'sometimes' as never } })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });

  test('legacy config keys are mapped', async () => {
    env = createTestEnv({ config: { call: { iceServers: [{ url: 'stun:s.test' }], idealIceCollectionTimeout: 500 } } });
    const cfg = env.client.getConfig().call as { defaultPeerConfig: { iceServers: unknown }; iceCollectionIdealTimeout: number };
    expect(cfg.defaultPeerConfig.iceServers).toEqual([{ urls: 'stun:s.test' }]);
    expect(cfg.iceCollectionIdealTimeout).toBe(500);
  });
});
