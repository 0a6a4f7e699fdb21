/**
 * Shared helpers of the Node integration tests: SDK clients (core + connectivity with the `ws`
 * WebSocket) wired to a real reference gateway, a recorder plugin that sees every notification
 * through the `connectivity.notifications` extension point, and event waiting.
 */
import WebSocket from 'ws';
import { createClient, definePlugin, type LogLevel, type SdkEventMap } from '@switchboard/core';
import { connectivityPlugin, connectivityTokens, type LinkNotification, type NotificationChannel } from '@switchboard/connectivity';
import type { TestGateway } from '@switchboard/test-utils/gateway';

/** A plugin that records every notification routed by connectivity. */
export function recorderPlugin() {
  const received: Array<{ notification: LinkNotification; channel: NotificationChannel }> = [];
  const plugin = definePlugin({
    id: 'recorder',
    version: '1.0.0',
    dependsOn: ['connectivity'],
    deps: { notifications: connectivityTokens.notifications, subscription: connectivityTokens.subscription },
    register(ctx) {
      const off = ctx.deps.notifications.register('*', (notification, channel) => received.push({ notification, channel }));
      const view = ctx.deps.subscription;
      return { api: { recorder: { isSubscribed: (s: string) => view.isSubscribed(s), isConnected: () => view.isConnected() } }, dispose: off };
    },
  });
  return { plugin, received };
}

/** Creates a client for `gateway` with short reconnect timers (`Socket`: e.g. a `ws` subclass that records frames). */
export function makeClient(gateway: TestGateway, config: Record<string, unknown> = {}, Socket: typeof WebSocket = WebSocket) {
  const { port } = gateway;
  const recorder = recorderPlugin();
  const client = createClient({
    plugins: [connectivityPlugin({ WebSocket: Socket as unknown as typeof globalThis.WebSocket }), recorder.plugin],
    config: {
      logs: { logLevel: (process.env.SB_LOG ?? 'silent') as LogLevel },
      authentication: { server: { base: '127.0.0.1', protocol: 'http', port } },
      subscription: { websocket: { server: '127.0.0.1', protocol: 'ws', port } },
      connectivity: { reconnectDelay: 100, reconnectLimit: 5, reconnectTimeLimit: 1000, pingInterval: 1000 },
      ...config,
    },
  });
  const events: Array<{ type: string; args: unknown[] }> = [];
  client.subscribe((type, ...args) => events.push({ type, args }));
  return { client, received: recorder.received, events };
}

/** Client type returned by {@link makeClient}. */
export type TestClient = ReturnType<typeof makeClient>['client'];

/** Resolves with the payload of the next `type` event that matches `predicate`. */
export function waitFor<K extends keyof SdkEventMap & string>(
  client: TestClient,
  type: K,
  predicate: (...args: SdkEventMap[K]) => boolean = () => true,
  timeoutMs = 8000,
): Promise<SdkEventMap[K][0]> {
  return new Promise((resolve, reject) => {
    const listener = ((...args: SdkEventMap[K]) => {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      client.off(type, listener as never);
      resolve(args[0]);
    }) as never;
    const timer = setTimeout(() => {
      try {
        client.off(type, listener);
      } catch {
        // the client may already be destroyed
      }
      reject(new Error(`timed out waiting for ${type}`));
    }, timeoutMs);
    client.on(type, listener);
  });
}

/** Polls `check` until it returns true (for state owned by the gateway). */
export async function until(check: () => boolean, timeoutMs = 8000, stepMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Subscribes and waits until the subscription (and its websocket) is up. */
export async function subscribe(client: TestClient, services: string[] = ['call', 'IM', 'Presence']): Promise<void> {
  await settle(client, () => client.services.subscribe(services));
}

/** Runs `start` and resolves on the next solicited `subscription:change`, rejects on `subscription:error`. */
export function settle(client: TestClient, start: () => void, timeoutMs = 8000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: unknown) => {
      clearTimeout(timer);
      client.off('subscription:change', onChange);
      client.off('subscription:error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onChange = (p: { reason?: string }) => p.reason === undefined && finish();
    const onError = ({ error }: { error: unknown }) => finish(error);
    const timer = setTimeout(() => finish(new Error('no subscription:change in time')), timeoutMs);
    client.on('subscription:change', onChange);
    client.on('subscription:error', onError);
    start();
  });
}
