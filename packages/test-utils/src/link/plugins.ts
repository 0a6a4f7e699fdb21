/**
 * Stand-in `connectivity` and `media` plugins that provide the real plugins' tokens with in-memory
 * fakes, for unit-testing a plugin that depends on them without any network or media.
 */
import { definePlugin } from '@switchboard/core';
import { connectivityTokens, type SubscriptionView, type TurnCredentials } from '@switchboard/connectivity';
import { mediaTokens } from '@switchboard/media';
import { FakeMediaRegistry } from '../media/registry';
import { FakeLinkTransport, FakeNotificationRegistry } from './transport';

/** A settable {@link SubscriptionView}. @public */
export interface FakeSubscriptionView extends SubscriptionView {
  /** The subscribed services (case-insensitive match). */
  services: string[];
  /** What `turnCredentials()` returns. */
  turn: TurnCredentials | undefined;
  /** What `isConnected()` returns. */
  connected: boolean;
  /** Calls the `onChange` listeners (after you changed the fields). */
  notifyChange(): void;
}

/**
 * Creates a settable subscription view.
 * @param services the subscribed services @default ['call', 'IM', 'Presence']
 * @public
 */
export function fakeSubscriptionView(services: string[] = ['call', 'IM', 'Presence']): FakeSubscriptionView {
  const listeners = new Set<() => void>();
  const view: FakeSubscriptionView = {
    services,
    turn: undefined,
    connected: true,
    isSubscribed: (s) => view.services.some((x) => x.toLowerCase() === s.toLowerCase()),
    turnCredentials: () => view.turn,
    isConnected: () => view.connected,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    notifyChange: () => [...listeners].forEach((l) => l()),
  };
  return view;
}

/** The in-memory parts behind {@link fakeConnectivityPlugin}. @public */
export interface FakeConnectivity {
  /** The Link transport (records requests, answers them). */
  transport: FakeLinkTransport;
  /** The notification registry (deliver notifications with it). */
  notifications: FakeNotificationRegistry;
  /** The subscription view (set its state). */
  subscription: FakeSubscriptionView;
}

/**
 * A plugin with id `connectivity` that provides `connectivityTokens` (transport, notifications,
 * subscription) from in-memory fakes, and no API. Use it instead of `connectivityPlugin()` to test
 * a plugin that talks to the Link transport.
 * @public
 */
export function fakeConnectivityPlugin(parts: Partial<FakeConnectivity> = {}) {
  const fakes: FakeConnectivity = {
    transport: parts.transport ?? new FakeLinkTransport(),
    notifications: parts.notifications ?? new FakeNotificationRegistry(),
    subscription: parts.subscription ?? fakeSubscriptionView(),
  };
  const plugin = definePlugin({
    id: 'connectivity',
    version: '0.1.0',
    exports: [connectivityTokens.transport, connectivityTokens.notifications, connectivityTokens.subscription],
    register(ctx) {
      ctx.provide(connectivityTokens.transport, fakes.transport);
      ctx.provide(connectivityTokens.notifications, fakes.notifications);
      ctx.provide(connectivityTokens.subscription, fakes.subscription);
      return { api: {} };
    },
  });
  return {
    /** The plugin to install. */
    plugin,
    ...fakes,
  };
}

/**
 * A plugin with id `media` that provides `mediaTokens.registry` from a {@link FakeMediaRegistry},
 * and no API.
 * @public
 */
export function fakeMediaPlugin(registry: FakeMediaRegistry = new FakeMediaRegistry()) {
  const plugin = definePlugin({
    id: 'media',
    version: '0.1.0',
    exports: [mediaTokens.registry],
    register(ctx) {
      ctx.provide(mediaTokens.registry, registry);
      return { api: {} };
    },
  });
  return {
    /** The plugin to install. */
    plugin,
    /** The registry it provides. */
    registry,
  };
}
