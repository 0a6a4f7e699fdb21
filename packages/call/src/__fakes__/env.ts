/**
 * The call plugin over stand-in connectivity and media plugins (from @switchboard/test-utils), for
 * the call package's own unit tests: `createTestEnv()` and an incoming-call notification.
 */
import { createClient, type AnyPlugin, type SdkEventMap } from '@switchboard/core';
import type { LinkNotification, TurnCredentials } from '@switchboard/connectivity';
import {
  fakeConnectivityPlugin, fakeMediaPlugin, fakePeerConnections, fakeSubscriptionView, type FakePeerConnectionOptions,
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
}

/** A client with the call plugin for alice@example.com, every event recorded. */
export function createTestEnv(opts: TestEnvOptions = {}) {
  const peers = fakePeerConnections(opts.peerConnection);
  const subscription = fakeSubscriptionView((opts.subscribed ?? true) ? ['call'] : []);
  subscription.turn = opts.turn;
  const connectivity = fakeConnectivityPlugin({ subscription });
  const media = fakeMediaPlugin();
  const client = createClient({
    plugins: [connectivity.plugin, media.plugin, callPlugin({ peerConnectionFactory: peers.factory, ...opts.plugin }), ...(opts.extra ?? [])],
    config: { logs: { logLevel: 'silent' }, ...(opts.config ?? {}) },
  });
  client.setCredentials({ username: 'alice@example.com', password: 'secret' });
  const events: Array<{ type: string; args: unknown }> = [];
  client.subscribe((type, ...args) => events.push({ type, args: args[0] }));
  const of = <K extends keyof SdkEventMap & string>(type: K) => events.filter((e) => e.type === type).map((e) => e.args as SdkEventMap[K][0]);
  return { client, transport: connectivity.transport, notifications: connectivity.notifications, media: media.registry, peers, events, of };
}

/** A `call` notification for bob → alice. */
export const incomingCall = (sessionData = 'leg-b-1', sdp?: string): LinkNotification => ({
  eventType: 'call', eventId: `ev-${Math.random()}`,
  sessionParams: { sessionData, ...(sdp !== undefined ? { sdp } : {}) },
  callNotificationParams: { callerName: 'Bob Builder', callerDisplayNumber: 'bob@example.com', calleeDisplayNumber: 'alice@example.com' },
});
