/**
 * `startGateway`: the real reference gateway (tooling/gateway) in this process. Its sources are
 * bundled into this package's `dist/gateway.*` at build time (see README.md), so the published
 * package imports nothing from the repository.
 */
import { DEMO_USERS as GATEWAY_DEMO_USERS, hmacToken as gatewayHmacToken, startGateway as start } from '../../../../tooling/gateway/src/index';
import type { Gateway, GatewayHooks, GatewayOptions, NotificationTimingEvent, UserRecord } from '../../../../tooling/gateway/src/index';
import { loadUsersFile } from '../../../../tooling/gateway/src/users';
import type { GatewayTestHooks, GatewayTimingEvent, GatewayUser, StartGatewayOptions, TestGateway } from './types';

// Compile-time checks that the mirrored public types match the gateway's (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesMatch: [Same<StartGatewayOptions, GatewayOptions>, Same<GatewayUser, UserRecord>, Same<GatewayTestHooks, GatewayHooks>] = [true, true, true];
const timingMatch: Same<GatewayTimingEvent, NotificationTimingEvent> = true;
void timingMatch;
void typesMatch;

/**
 * The demo users of the gateway: `alice@example.com` / `alice-secret`, `bob@example.com` /
 * `bob-secret`, `carol@example.com` / `carol-secret` (HMAC keys `<name>-hmac-key`).
 * @public
 */
export const DEMO_USERS: readonly GatewayUser[] = GATEWAY_DEMO_USERS;

/**
 * The HMAC token (`x-token` login) of `username` for its shared `key`, as the gateway checks it.
 * @public
 */
export function hmacToken(username: string, key: string): string {
  return gatewayHmacToken(username, key);
}

/**
 * Starts the reference Link gateway (REST v1 + WebSocket notifications) in this process, on
 * `127.0.0.1` and a free port unless told otherwise. Resolves once it is listening; rejects when
 * it cannot listen (e.g. the port is taken) or the users file cannot be read.
 * @throws TypeError when `options` is not an object
 * @example
 * ```ts
 * let gateway: TestGateway
 * beforeAll(async () => (gateway = await startGateway()))
 * afterAll(() => gateway.close())
 * ```
 * @public
 */
export function startGateway(options: StartGatewayOptions = {}): Promise<TestGateway> {
  if (typeof options !== 'object' || options === null) throw new TypeError('startGateway(options): options must be an object');
  return startIn(options);
}

async function startIn(options: StartGatewayOptions): Promise<TestGateway> {
  const users: readonly GatewayUser[] = typeof options.users === 'string' ? loadUsersFile(options.users) : (options.users ?? DEMO_USERS);
  const gateway: Gateway = await start({ port: 0, host: '127.0.0.1', ...options, users: [...users] });
  return { url: gateway.url, wsUrl: gateway.wsUrl, httpsUrl: gateway.httpsUrl, wssUrl: gateway.wssUrl, host: gateway.host, port: gateway.port, users, hooks: gateway.hooks, close: () => gateway.close() };
}
