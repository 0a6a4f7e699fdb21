/**
 * The recorder under test with the real first-party plugins: `createTestClient` from
 * `@switchboard/test-utils` (connectivity, media and call over its fakes), the in-memory call
 * backend (`memoryCallBackendPlugin`) through which the test plays the far end, and the recorder
 * over the fake MediaRecorder/AudioContext of `./fakes`. The recorder observes real calls of the
 * real call plugin (`callTokens.calls`, `call:stateChange`) and reads their tracks from the real
 * media plugin (`mediaTokens.registry`).
 */
import type { AnyPlugin, ConfigInput, SdkEventMap } from '@switchboard/core';
import {
  chromeAnswer, createMemoryCallBackend, createTestClient, memoryCallBackendPlugin, until, type FakeMediaStreamTrack,
} from '@switchboard/test-utils';
import { callRecorderPlugin, type RecorderEnvironment } from '../src';
import { fakeEnvironment } from './fakes';

/** Options of {@link createRecorderTestClient}. */
export interface RecorderTestOptions {
  /** Plugins installed after the recorder (e.g. a store adapter). */
  extra?: readonly AnyPlugin[];
  /** The recorder's config section (typed against the recorder's sections). */
  config?: ConfigInput<[ReturnType<typeof callRecorderPlugin>]>;
  /** MIME types the fake MediaRecorder supports. */
  supported?: readonly string[];
  /** Replaces members of the fake environment (e.g. `MediaRecorder: undefined`). */
  environment?: Partial<RecorderEnvironment>;
}

/** A call of the test: its id, its leg in the memory backend, and its tracks (media ids and the native fakes). */
export interface TestCall {
  id: string;
  sessionId: string;
  /** The native remote track (the fake peer connection's receiver track) and its media id. */
  remote: FakeMediaStreamTrack;
  remoteId: string;
  /** The native local track (the microphone the fake peer connection sends) and its media id. */
  local?: FakeMediaStreamTrack;
  localId?: string;
}

/**
 * A test client with the real call plugin over the memory backend and the recorder over the fake
 * environment; `connectedCall()` makes a call to bob that he answers, `ringingCall()` one that
 * rings, `end(call)` has bob hang up.
 */
export function createRecorderTestClient(options: RecorderTestOptions = {}) {
  const env = fakeEnvironment(options.supported);
  const backend = createMemoryCallBackend();
  const recorder = callRecorderPlugin({ environment: { ...env.environment, ...options.environment } });
  const t = createTestClient({
    // the extra plugins add nothing to the client's type that the tests use
    plugins: [memoryCallBackendPlugin(backend), recorder, ...(options.extra ?? [])] as unknown as readonly [
      ReturnType<typeof memoryCallBackendPlugin>, typeof recorder,
    ],
    config: { ...options.config },
  });
  const { client } = t;
  let subscribed: Promise<void> | undefined;
  const subscribe = () =>
    (subscribed ??= (async () => {
      client.services.subscribe(['call']);
      await until(() => client.services.getSubscriptions().subscribed.includes('call'));
    })());

  /** Makes a call to bob and returns it once the call plugin created it and its backend leg exists. */
  const dial = async () => {
    await subscribe();
    const started = backend.next('start');
    const id = client.call.make('bob@example.com', { audio: true });
    return { id, sessionId: (await started).sessionId };
  };

  /** A call that bob answered: Connected, with bob's track (`remoteKind`, audio by default) and the microphone. */
  const connectedCall = async (remoteKind: 'audio' | 'video' = 'audio'): Promise<TestCall> => {
    t.peers.options.remoteTracks = [remoteKind];
    const { id, sessionId } = await dial();
    const pc = t.peers.last();
    backend.remote.answer(sessionId, chromeAnswer);
    await until(() => {
      const call = client.call.getById(id);
      return call?.state === 'Connected' && call.remoteTracks.length === 1 && call.localTracks.length === 1;
    });
    const call = client.call.getById(id)!;
    const remote = pc.getReceivers().find((r) => r.track.kind === remoteKind)!.track;
    const local = pc.getSenders().find((s) => s.track?.kind === 'audio')?.track ?? undefined;
    return { id, sessionId, remote, remoteId: call.remoteTracks[0]!, local, localId: call.localTracks[0] };
  };

  /** A call to bob that rings (not recordable yet). */
  const ringingCall = async () => {
    const { id, sessionId } = await dial();
    backend.remote.ringing(sessionId);
    await until(() => client.call.getById(id)?.state === 'Ringing');
    return { id, sessionId };
  };

  /** Bob hangs up. */
  const end = (call: { sessionId: string }) => backend.remote.end(call.sessionId);

  /** The payloads of the client's events of `type`, typed. */
  const of = <K extends keyof SdkEventMap & string>(type: K) => t.of(type) as Array<SdkEventMap[K][0]>;
  /** Every `recorder:*` event so far. */
  const recorderEvents = () => t.events.filter((e) => e.type.startsWith('recorder:'));

  return { ...t, env, backend, connectedCall, ringingCall, end, of, recorderEvents };
}
