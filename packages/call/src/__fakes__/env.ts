/**
 * The call plugin over stand-in connectivity and media plugins (from @switchboard/test-utils), for
 * the call package's own unit tests. By default the calls run over the in-memory call backend,
 * contributed through the backend extension point by its adapter plugin; `backend: 'link'` keeps
 * the call plugin's Link fallback (for the few tests of Link-specific behaviour through the plugin).
 */
import { createClient, type AnyPlugin, type SdkEventMap } from '@switchboard/core';
import type { LinkNotification, TurnCredentials } from '@switchboard/connectivity';
import {
  createMemoryCallBackend, fakeConnectivityPlugin, fakeMediaPlugin, fakePeerConnections, fakeSubscriptionView, memoryCallBackendPlugin,
  type FakePeerConnectionOptions, type MemoryCallBackend,
} from '@switchboard/test-utils';
import { callPlugin, type CallPluginOptions } from '../plugin';

/** Options of {@link createTestEnv}. */
export interface TestEnvOptions {
  config?: Record<string, unknown>;
  plugin?: CallPluginOptions;
  /** Whether the subscription includes `call`. @default true */
  subscribed?: boolean;
  turn?: TurnCredentials;
  /** Options of the fake peer connections. */
  peerConnection?: FakePeerConnectionOptions;
  /** More plugins (adapter plugins, observers) installed after the call plugin. */
  extra?: AnyPlugin[];
  /**
   * `'memory'`: `memoryCallBackendPlugin(env.backend)` is installed after the call plugin;
   * `'link'`: no backend plugin, so the call plugin's Link fallback runs over the fake transport
   * and notifications (unless `plugin.backend` or `extra` contribute one). @default 'memory'
   */
  backend?: 'memory' | 'link';
}

const live = new Set<{ destroy(): Promise<void> }>();

/** Destroys every client {@link createTestEnv} made and the test did not destroy itself: `afterEach(destroyTestEnvs)`. */
export async function destroyTestEnvs(): Promise<void> {
  for (const client of [...live]) {
    live.delete(client);
    try {
      await client.destroy();
    } catch {
      // already destroyed by the test
    }
  }
}

/** A client with the call plugin for alice@example.com, every event recorded. */
export function createTestEnv(opts: TestEnvOptions = {}) {
  const peers = fakePeerConnections(opts.peerConnection);
  const subscription = fakeSubscriptionView((opts.subscribed ?? true) ? ['call'] : []);
  subscription.turn = opts.turn;
  const connectivity = fakeConnectivityPlugin({ subscription });
  const media = fakeMediaPlugin();
  const backend: MemoryCallBackend = createMemoryCallBackend({ sessionIdPrefix: 'leg-a-' }); // outgoing legs leg-a-1, leg-a-2, …
  const adapter = (opts.backend ?? 'memory') === 'memory' ? [memoryCallBackendPlugin(backend)] : [];
  const client = createClient({
    plugins: [connectivity.plugin, media.plugin, callPlugin({ peerConnectionFactory: peers.factory, ...opts.plugin }), ...adapter, ...(opts.extra ?? [])],
    config: { logs: { logLevel: 'silent' }, ...(opts.config ?? {}) },
  });
  live.add(client);
  client.setCredentials({ username: 'alice@example.com', password: 'secret' });
  const events: Array<{ type: string; args: unknown }> = [];
  client.subscribe((type, ...args) => events.push({ type, args: args[0] }));
  const of = <K extends keyof SdkEventMap & string>(type: K) => events.filter((e) => e.type === type).map((e) => e.args as SdkEventMap[K][0]);
  return {
    client,
    /** The in-memory backend (installed unless `backend: 'link'`). */
    backend,
    /** The settable subscription view (`connected` + `notifyChange()` play a WebSocket reconnection). */
    subscription,
    /** The fake Link transport (used by the Link fallback only). */
    transport: connectivity.transport,
    /** The fake notification registry (read by the Link fallback only). */
    notifications: connectivity.notifications,
    media: media.registry,
    peers,
    events,
    of,
  };
}

/** A Link `call` notification for bob → alice (for `backend: 'link'`). */
export const incomingCall = (sessionData = 'leg-b-1', sdp?: string): LinkNotification => ({
  eventType: 'call', eventId: `ev-${Math.random()}`,
  sessionParams: { sessionData, ...(sdp !== undefined ? { sdp } : {}) },
  callNotificationParams: { callerName: 'Bob Builder', callerDisplayNumber: 'bob@example.com', calleeDisplayNumber: 'alice@example.com' },
});

/** The `incoming` signal of a call from bob to alice (the in-memory counterpart of {@link incomingCall}). */
export const bobCalls = (backend: MemoryCallBackend, sessionId = 'leg-b-1', sdp?: string): void =>
  backend.remote.incoming({
    sessionId, sdp, remote: { callerName: 'Bob Builder', callerDisplayNumber: 'bob@example.com', calleeDisplayNumber: 'alice@example.com' },
  });
