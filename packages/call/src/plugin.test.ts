/**
 * The call plugin over the in-memory call backend (contributed through the backend extension
 * point): the operations it sends and the signals it reacts to. The Link adapter's REST shapes and
 * notification parsing are in adapters/link.test.ts and adapters/linkPlugin.test.ts.
 */
import { BasicError } from '@switchboard/core';
import { chromeAnswer, chromeOffer, flush, until } from '@switchboard/test-utils';
import { bobCalls, createTestEnv, destroyTestEnvs } from './__fakes__/env';
import { states } from './constants';

const refused = () => new BasicError('CALL_REQUEST_FAILED', 'refused by the test', { pluginId: 'call' });
type Env = ReturnType<typeof createTestEnv>;
let env: Env;
afterEach(destroyTestEnvs);

async function outgoingConnected(e: Env) {
  const callId = e.client.call.make('bob', { audio: true });
  await until(() => e.of('call:start').length > 0);
  e.backend.remote.answer('leg-a-1', chromeAnswer);
  await until(() => e.client.call.getById(callId)?.state === states.CONNECTED);
  return callId;
}

describe('call plugin: outgoing calls', () => {
  test('make → Initiated after start, Ringing on ringing, Connected on the answer', async () => {
    env = createTestEnv({ config: { call: { defaultPeerConfig: { iceServers: [{ urls: 'turn:turn.test' }] } } }, turn: { username: 'u', password: 'p' } });
    const { client, backend, of } = env;
    const callId = client.call.make('bob', { audio: true }, { displayName: 'Alice', customParameters: [{ name: 'X-T', value: '1' }] });
    expect(client.call.getById(callId)).toMatchObject({ state: states.INITIATING, direction: 'outgoing', to: 'sip:bob@example.com', from: 'alice@example.com' });
    await until(() => of('call:start').length > 0);
    expect(of('call:start')).toEqual([{ callId }]);
    expect(backend.operations.map((o) => o.op)).toEqual(['start']);
    const start = backend.of('start')[0]!;
    expect(start.request).toEqual({
      from: 'Alice<sip:alice@example.com>', to: 'sip:bob@example.com', sdp: expect.any(String), earlyMedia: false, customParameters: [{ name: 'X-T', value: '1' }],
    });
    expect(start.sdp).toContain('a=candidate:'); // non-trickle: sent after ICE collection
    expect(env.transport.sent).toEqual([]); // nothing went to the Link fallback
    const pc = env.peers.instances[0]!;
    expect(pc.config.iceServers).toEqual([{ urls: 'turn:turn.test', username: 'u', credential: 'p' }]);
    const call = client.call.getById(callId)!;
    expect(call.state).toBe(states.INITIATED);
    expect(call.localTracks).toHaveLength(1);
    expect(call.currentOperations).toEqual([]);
    const ops = of('call:operation').filter((o) => o.operation === 'MAKE').map((o) => [o.transition, o.previous?.status]);
    expect(ops).toEqual([['START', undefined], ['UPDATE', 'ONGOING'], ['FINISH', 'PENDING']]);
    expect(of('call:newMedia')[0]).toMatchObject({ callId, local: true });

    backend.remote.ringing('leg-a-1', { remoteName: 'Bob B', remoteDisplayNumber: 'bob@example.com' });
    expect(client.call.getById(callId)).toMatchObject({ state: states.RINGING, remoteParticipant: { displayName: 'Bob B', displayNumber: 'bob@example.com' } });
    backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => client.call.getById(callId)!.state === states.CONNECTED);
    expect(pc.setRemoteCalls[0]).toMatchObject({ type: 'answer' });
    await until(() => client.call.getById(callId)!.remoteTracks.length === 1);
    expect(of('call:tracksAdded').map((e) => e.trackIds.length)).toEqual([1, 1]);
    expect(of('call:stateChange').map((s) => s.previous.state)).toEqual([states.INITIATING, states.INITIATED, states.RINGING]);

    pc.setIceConnectionState('connected');
    expect(client.call.getById(callId)!.mediaConnectionState).toBe('connected');
    expect(of('call:mediaConnectionChange')).toEqual([{ callId, previous: { state: 'new' } }]);
  });

  test('mediaConnectionState: the ICE connection state, but failed once connectionState is failed (Chromium keeps ICE at disconnected)', async () => {
    env = createTestEnv();
    const callId = env.client.call.make('bob', { audio: true });
    await env.backend.waitFor('start');
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
    const pc = env.peers.instances[0]!;
    const media = () => env.client.call.getById(callId)!.mediaConnectionState;
    pc.setIceConnectionState('connected');
    pc.setConnectionState('connected');
    pc.setIceConnectionState('disconnected');
    pc.setConnectionState('disconnected');
    expect(media()).toBe('disconnected');
    pc.setConnectionState('failed');
    expect(media()).toBe('failed');
    pc.setIceConnectionState('checking'); // an ICE restart; connectionState still failed
    expect(media()).toBe('failed');
    pc.setConnectionState('connecting');
    pc.setIceConnectionState('connected');
    expect(media()).toBe('connected');
    expect(env.of('call:mediaConnectionChange').map((e) => e.previous.state)).toEqual(['new', 'connected', 'disconnected', 'failed', 'checking']);
  });

  test('ringing and the answer signalled before start resolves are held, then applied in order', async () => {
    env = createTestEnv();
    const gate = env.backend.hold('start'); // the signals win the race against start's result
    const callId = env.client.call.make('bob', { audio: true });
    const start = await env.backend.waitFor('start');
    await gate.reached;
    env.backend.remote.ringing(start.sessionId);
    env.backend.remote.answer(start.sessionId, chromeAnswer);
    env.backend.remote.ringing('someone-else');
    expect(env.client.call.getById(callId)!.state).toBe(states.INITIATING);
    gate.release();
    await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
    expect(env.of('call:stateChange').map((s) => s.previous.state)).toEqual([states.INITIATING, states.INITIATED, states.RINGING]);
  });

  test('the far end ending ends the call with the transition, releases tracks, sends no end', async () => {
    env = createTestEnv();
    const callId = await outgoingConnected(env);
    const local = env.client.call.getById(callId)!.localTracks;
    env.backend.remote.end('leg-a-1', { statusCode: 0, reasonText: 'Call ended by remote party' });
    const call = env.client.call.getById(callId)!;
    expect(call.state).toBe(states.ENDED);
    expect(call.endTime).toEqual(expect.any(Number));
    expect(call.mediaConnectionState).toBe('closed');
    expect(env.of('call:stateChange').pop()).toMatchObject({ callId, previous: { state: states.CONNECTED }, transition: { statusCode: 0, reasonText: 'Call ended by remote party' } });
    expect(env.media.removed).toEqual(expect.arrayContaining(local));
    expect(env.of('call:tracksRemoved').pop()!.trackIds).toEqual(expect.arrayContaining(local));
    expect(env.peers.instances[0]!.closed).toBe(true);
    await flush();
    expect(env.backend.of('end')).toHaveLength(0);
  });

  test('end sends end for the leg; ending again is CALL_INVALID_STATE with nothing sent', async () => {
    env = createTestEnv();
    const callId = await outgoingConnected(env);
    env.client.call.end(callId);
    expect(env.client.call.getById(callId)!.state).toBe(states.ENDED);
    await until(() => env.of('call:operation').some((o) => o.operation === 'END' && o.transition === 'FINISH'));
    expect(env.backend.of('end').map((o) => o.sessionId)).toEqual(['leg-a-1']);
    const before = env.backend.operations.length;
    const changes = env.of('call:stateChange').length;
    env.client.call.end(callId);
    await until(() => env.of('call:operation').some((o) => o.operation === 'END' && o.error));
    expect(env.of('call:operation').find((o) => o.error)!.error!.code).toBe('CALL_INVALID_STATE');
    expect(env.backend.operations.length).toBe(before);
    expect(env.of('call:stateChange').length).toBe(changes);
  });

  test('a failing start ends the call with the error in call:start', async () => {
    env = createTestEnv();
    env.backend.fail('start', refused());
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
    expect(env.backend.operations).toHaveLength(0);
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
    expect(env.backend.operations).toHaveLength(0);
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
    expect(env.backend.operations).toHaveLength(0);
  });

  test('normalizeDestination false sends the raw destination; earlyMedia asks for early media', async () => {
    env = createTestEnv({ config: { call: { normalizeDestination: false, earlyMedia: true } } });
    env.client.call.make('bob', { audio: true });
    await until(() => env.of('call:start').length > 0);
    expect(env.backend.of('start')[0]!.request).toMatchObject({ to: 'bob', earlyMedia: true });
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
  test('receive (auto ringing) → answer → Connected; answer carries the answer SDP', async () => {
    env = createTestEnv();
    const { client, backend, of } = env;
    backend.remote.incoming({
      sessionId: 'leg-b-1', sdp: chromeOffer, customParameters: [{ name: 'X-Ticket', value: '42' }],
      remote: { callerName: 'Bob Builder', callerDisplayNumber: 'bob@example.com', calleeDisplayNumber: 'alice@example.com' },
    });
    const [{ callId }] = of('call:receive');
    expect(client.call.getById(callId)).toMatchObject({
      direction: 'incoming', from: 'bob@example.com', to: 'alice@example.com', mediaOffered: { audio: true, video: true },
      remoteParticipant: { displayName: 'Bob Builder', displayNumber: 'bob@example.com' },
    });
    expect(of('call:customParameters')).toEqual([{ callId, customParameters: [{ name: 'X-Ticket', value: '42' }] }]);
    await until(() => client.call.getById(callId)!.state === states.RINGING);
    expect(backend.of('ringing').map((o) => o.sessionId)).toEqual(['leg-b-1']);
    client.call.answer(callId, { audio: true });
    await until(() => client.call.getById(callId)!.state === states.CONNECTED);
    const answer = backend.of('answer')[0]!;
    expect(answer.sessionId).toBe('leg-b-1');
    expect(answer.sdp).toContain('a=setup:active');
    expect(env.peers.instances[0]!.setRemoteCalls[0]).toMatchObject({ type: 'offer' });
  });

  test('wrong-state operations report CALL_INVALID_STATE / CALL_NOT_FOUND and change nothing', async () => {
    env = createTestEnv();
    const outgoing = await outgoingConnected(env);
    const sent = env.backend.operations.length;
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
    expect(env.backend.operations.length).toBe(sent);
    expect(() => env.client.call.answer(1 as never, { audio: true })).toThrow(TypeError);
  });

  test('reject sends reject and ends; ignore sends nothing', async () => {
    env = createTestEnv();
    bobCalls(env.backend, 'leg-b-1', chromeOffer);
    bobCalls(env.backend, 'leg-b-2', chromeOffer);
    const [first, second] = env.of('call:receive').map((r) => r.callId);
    env.client.call.reject(first!);
    await until(() => env.client.call.getById(first!)!.state === states.ENDED);
    expect(env.backend.of('reject').map((o) => o.sessionId)).toEqual(['leg-b-1']);
    const sentFor = (id: string) => env.backend.operations.filter((o) => o.sessionId === id && o.op !== 'ringing' && o.op !== 'audit');
    env.client.call.ignore(second!);
    expect(env.client.call.getById(second!)!.state).toBe(states.ENDED);
    await until(() => env.of('call:operation').some((o) => o.operation === 'IGNORE' && o.transition === 'FINISH'));
    await flush();
    expect(sentFor('leg-b-2')).toEqual([]);
  });

  test('a failed reject leaves the call as it was', async () => {
    env = createTestEnv({ config: { call: { ringingFeedbackMode: 'manual' } } });
    env.backend.fail('reject', refused());
    bobCalls(env.backend, 'leg-b-1', chromeOffer);
    const [{ callId }] = env.of('call:receive');
    env.client.call.reject(callId);
    await until(() => env.of('call:operation').some((o) => o.operation === 'REJECT' && o.transition === 'FINISH'));
    expect(env.of('call:operation').find((o) => o.operation === 'REJECT' && o.transition === 'FINISH')!.error!.code).toBe('CALL_REQUEST_FAILED');
    expect(env.client.call.getById(callId)!.state).toBe(states.INITIATED);
  });

  test('manual ringing feedback: sendRingingFeedback moves Initiated → Ringing; refused in auto mode', async () => {
    env = createTestEnv({ config: { call: { ringingFeedbackMode: 'manual' } } });
    bobCalls(env.backend, 'leg-b-1', chromeOffer);
    const [{ callId }] = env.of('call:receive');
    await flush();
    expect(env.backend.of('ringing')).toHaveLength(0);
    expect(env.client.call.getById(callId)!.state).toBe(states.INITIATED);
    env.client.call.sendRingingFeedback(callId);
    await until(() => env.client.call.getById(callId)!.state === states.RINGING);
    expect(env.backend.of('ringing').map((o) => o.sessionId)).toEqual(['leg-b-1']);
    await env.client.destroy();
    env = createTestEnv();
    bobCalls(env.backend, 'leg-b-1', chromeOffer);
    const id2 = env.of('call:receive')[0]!.callId;
    env.client.call.sendRingingFeedback(id2);
    await until(() => env.of('call:operation').some((o) => o.error));
    expect(env.of('call:operation').find((o) => o.error)!.error!.code).toBe('CALL_INVALID_OPERATION');
  });

  test('cancelled cancels an alerting call; signals for unknown legs are dropped', async () => {
    env = createTestEnv();
    bobCalls(env.backend, 'leg-b-1', chromeOffer);
    const [{ callId }] = env.of('call:receive');
    env.backend.remote.cancel('leg-b-1');
    expect(env.client.call.getById(callId)!.state).toBe(states.CANCELLED);
    env.backend.remote.end('unknown');
    env.backend.remote.ringing('unknown');
    env.backend.remote.answer('unknown', chromeAnswer);
    expect(env.client.call.getAll()).toHaveLength(1);
    expect(env.client.call.getById(callId)!.state).toBe(states.CANCELLED);
  });

  test('a remote update (hold) is answered with respondUpdate and puts the call On Hold', async () => {
    env = createTestEnv();
    bobCalls(env.backend, 'leg-b-1', chromeOffer);
    const [{ callId }] = env.of('call:receive');
    env.client.call.answer(callId, { audio: true });
    await until(() => env.client.call.getById(callId)!.state === states.CONNECTED);
    const holdOffer = chromeOffer.replace(/a=sendrecv/g, 'a=inactive').replace(/a=setup:actpass/g, 'a=setup:active');
    env.backend.remote.update('leg-b-1', holdOffer);
    await until(() => env.client.call.getById(callId)!.state === states.ON_HOLD).catch((e) => {
      throw new Error(`${e}: ${JSON.stringify(env.of('call:operation').filter((o) => o.error))}`);
    });
    expect(env.client.call.getById(callId)!.remoteHold).toBe(true);
    expect(env.of('call:stateChange').pop()!.previous).toEqual({ state: states.CONNECTED, localHold: false, remoteHold: false });
    expect(env.backend.of('respondUpdate').map((o) => o.sessionId)).toEqual(['leg-b-1']);
    const pc = env.peers.instances[0]!;
    expect(pc.setRemoteCalls[1]!.sdp).not.toContain('a=setup:active');
    env.backend.remote.update('leg-b-1', chromeOffer);
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

  test('audit every max(10 s, callAuditTimer); a gone leg ends the call with 9909', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      env = createTestEnv({ config: { call: { iceCollectionCheckFunction: () => ({ type: 'StartCall' }), callAuditTimer: 1000 } } });
      const callId = env.client.call.make('bob', { audio: true });
      for (let i = 0; i < 20 && !env.of('call:start').length; i++) await jest.advanceTimersByTimeAsync(1);
      expect(env.of('call:start')).toEqual([{ callId }]);
      await jest.advanceTimersByTimeAsync(9990);
      expect(env.backend.of('audit')).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(20);
      expect(env.backend.of('audit').map((o) => o.sessionId)).toEqual(['leg-a-1']);
      expect(env.client.call.getById(callId)!.state).toBe(states.INITIATED); // 'alive'
      env.backend.auditResult = 'gone';
      await jest.advanceTimersByTimeAsync(10000);
      expect(env.client.call.getById(callId)!.state).toBe(states.ENDED);
      expect(env.of('call:stateChange').pop()!.transition.statusCode).toBe(9909);
      const audits = env.backend.of('audit').length;
      await jest.advanceTimersByTimeAsync(30000);
      expect(env.backend.of('audit').length).toBe(audits);
    } finally {
      const destroyed = env.client.destroy();
      await jest.advanceTimersByTimeAsync(10);
      await destroyed;
      jest.useRealTimers();
    }
  });

  test('the extension plugins\' methods are absent with the call plugin alone; constants are exposed', () => {
    env = createTestEnv();
    // hold & co. come with callControlsPlugin(), playAudioFile & co. with callExtrasPlugin(), getReport with
    // callReportPlugin(), forward & co. with callTransferPlugin(): absent with the call plugin alone.
    expect('hold' in env.client.call).toBe(false);
    expect('forward' in env.client.call).toBe(false);
    expect('playAudioFile' in env.client.call).toBe(false);
    expect('getReport' in env.client.call).toBe(false);
    expect('changeSpeaker' in env.client.call).toBe(false);
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

  test('legacy call.sdpSemantics maps to defaultPeerConfig.sdpSemantics and reaches the peer connection', async () => {
    env = createTestEnv({ config: { call: { sdpSemantics: 'plan-b' } } });
    expect(env.client.getConfig().call.defaultPeerConfig).toMatchObject({ sdpSemantics: 'plan-b', iceServers: [] });
    env.client.call.make('bob', { audio: true });
    await until(() => env.peers.instances.length === 1);
    expect(env.peers.instances[0]!.config).toMatchObject({ sdpSemantics: 'plan-b' });
    expect(() => createTestEnv({ config: { call: { sdpSemantics: 'plan-c' } } })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});
