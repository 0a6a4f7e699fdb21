/**
 * The call backend is an extension point: the Link adapter is the fallback, an adapter plugin
 * replaces it by its definition alone (no `callPlugin` options), and the backend feeds the call
 * manager in both directions without any Link notification.
 */
import { contribute, definePlugin } from '@switchboard/core';
import { chromeAnswer, chromeOffer, createMemoryCallBackend, fakePeerConnections, memoryCallBackendPlugin, until } from '@switchboard/test-utils';
import type { PeerConnectionFactory } from '../internal/PeerSession';
import { peerConnectionExtensionPoint } from '../tokens';
import { createTestEnv } from '../__fakes__/env';
import { states } from '../constants';

it('an adapter plugin contributes the backend; calls run in both directions through it', async () => {
  const backend = createMemoryCallBackend();
  // 'link': the env installs no backend plugin of its own; this test installs the adapter plugin itself
  const env = createTestEnv({ backend: 'link', extra: [memoryCallBackendPlugin(backend)] });
  expect(backend.listening).toBe(true);

  const callId = env.client.call.make('bob', { audio: true });
  await until(() => env.of('call:start').length > 0);
  expect(backend.operations[0]).toMatchObject({ op: 'start', request: { to: 'sip:bob@example.com' } });
  expect(env.transport.sent).toEqual([]); // nothing went to the Link transport
  backend.signal({ kind: 'ringing', sessionId: 'mem-leg-1' });
  expect(env.client.call.getById(callId)?.state).toBe(states.RINGING);
  backend.signal({ kind: 'answer', sessionId: 'mem-leg-1', sdp: chromeAnswer });
  await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);

  backend.signal({ kind: 'incoming', sessionId: 'in-1', sdp: chromeOffer, remote: { callerDisplayNumber: 'sip:carol@example.com' } });
  const incoming = env.of('call:receive')[0]!.callId;
  expect(env.client.call.getById(incoming)).toMatchObject({ direction: 'incoming', from: 'sip:carol@example.com' });
  await until(() => backend.operations.some((o) => o.op === 'ringing' && o.sessionId === 'in-1'));
  backend.signal({ kind: 'cancelled', sessionId: 'in-1' });
  expect(env.client.call.getById(incoming)?.state).toBe(states.CANCELLED);

  env.client.call.end(callId);
  await until(() => backend.operations.some((o) => o.op === 'end' && o.sessionId === 'mem-leg-1'));
  await env.client.destroy();
  expect(backend.listening).toBe(false);
});

it('two backend contributions fail createClient with SDK_EXTENSION_CONFLICT', () => {
  expect(() => createTestEnv({ backend: 'link', extra: [memoryCallBackendPlugin(createMemoryCallBackend())], plugin: { backend: createMemoryCallBackend() } })).toThrow(
    expect.objectContaining({ code: 'SDK_EXTENSION_CONFLICT' }),
  );
});

it('callPlugin({ backend }) stays a shorthand for the same contribution', async () => {
  const backend = createMemoryCallBackend();
  const env = createTestEnv({ backend: 'link', plugin: { backend } });
  env.client.call.make('bob', { audio: true });
  await until(() => backend.operations.length > 0);
  expect(backend.operations[0]!.op).toBe('start');
  await env.client.destroy();
});

describe('the peer connection extension point', () => {
  const pcPlugin = (factory: PeerConnectionFactory) =>
    definePlugin({ id: 'pc-adapter', version: '1.0.0', dependsOn: ['call'], contributes: [contribute(peerConnectionExtensionPoint, 'adapter', factory)], register: () => ({ api: {} }) });

  it("an installed plugin's factory creates the calls' peer connections (no callPlugin option)", async () => {
    const peers = fakePeerConnections();
    const env = createTestEnv({ plugin: { peerConnectionFactory: undefined }, extra: [pcPlugin(peers.factory)] });
    env.client.call.make('bob', { audio: true });
    await until(() => peers.instances.length === 1);
    expect(env.peers.instances).toHaveLength(0); // the env's shorthand factory is not used
    await env.client.destroy();
  });

  it('callPlugin({ peerConnectionFactory }) and another contribution fail createClient with SDK_EXTENSION_CONFLICT', () => {
    expect(() => createTestEnv({ extra: [pcPlugin(fakePeerConnections().factory)] })).toThrow(expect.objectContaining({ code: 'SDK_EXTENSION_CONFLICT' }));
  });

  it("without a contribution the fallback is the browser's RTCPeerConnection (none in Node: CALL_MEDIA_FAILED)", async () => {
    const env = createTestEnv({ plugin: { peerConnectionFactory: undefined } });
    const callId = env.client.call.make('bob', { audio: true });
    await until(() => env.client.call.getById(callId)?.state === states.ENDED);
    expect(env.of('call:start')[0]).toMatchObject({ callId, error: { code: 'CALL_MEDIA_FAILED' } });
    await env.client.destroy();
  });
});
