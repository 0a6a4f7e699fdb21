/** Push registration with the gateway (protocol §14): Apple/Google register and deregister. */
import { BasicError, type EventBus, type Logger } from '@switchboard/core';
import type { NotificationsConfig } from '../config';
import { err } from '../errors';
import type { PushRegistrationInfo } from '../types';
import type { HttpTransport } from './HttpTransport';
import { statusCodeOf, type Classified } from './classify';

/** @internal */
export interface PushRegistrations {
  /** The last successful registration (for the compatibility `deregisterPush`). */
  last: PushRegistrationInfo | undefined;
  /** POSTs a registration (undefined fields are left out); resolves with its info. */
  register(provider: 'apple' | 'google', body: Record<string, unknown>): Promise<PushRegistrationInfo>;
  /** DELETEs a registration; the response body is not read (§14.3). */
  unregister(registration: string): Promise<undefined>;
}

/** Creates the push registrations. @internal */
export function createPushRegistrations(
  transport: HttpTransport,
  events: EventBus,
  logger: Logger,
  config: () => NotificationsConfig,
): PushRegistrations {
  /** Sends to the push server when `notifications.pushRegistration.server` is set (§14); emits change or error. */
  async function send<T>(path: (version: string) => string, method: 'POST' | 'DELETE', body: object | undefined, done: (res: Classified) => T) {
    const p = config().pushRegistration ?? {};
    const origin = p.server ? { protocol: p.protocol, base: p.server, port: p.port } : undefined;
    try {
      const res = await transport.requestAt(origin, path(String(p.version ?? 1)), { method, body, expectBody: !!body });
      const value = done(res);
      events.emit('notifications:change', { channel: 'PUSH' });
      return value;
    } catch (error) {
      const e = error instanceof BasicError ? error : err('PUSH_REGISTRATION_FAILED', 'Push request failed', error);
      logger.warn(`push error [code:${e.code}] ${e.message}`);
      events.emit('notifications:error', { error: e, channel: 'PUSH' });
      throw e;
    }
  }
  const fail = (res: Classified, what = 'registration') =>
    err('PUSH_REGISTRATION_FAILED', `Push ${what} failed. Status Code ${statusCodeOf(res.body) ?? res.status}`);

  const push: PushRegistrations = {
    last: undefined,
    register: (provider, body) =>
      send(
        (v) => `${transport.userPath().replace('/version/1/', `/version/${v}/`)}/push/${provider}/devices/`,
        'POST',
        Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
        (res) => {
          const registration = (res.body as Record<string, { registration?: unknown } | undefined>)[`${provider}DeviceRegistrationResponse`]?.registration;
          const sc = statusCodeOf(res.body);
          if (!res.ok || (sc !== undefined && sc !== 0) || typeof registration !== 'string') throw fail(res);
          logger.info(`push registration created [provider:${provider}]`);
          return (push.last = { registration, provider });
        },
      ),
    unregister: (registration) =>
      send(() => registration, 'DELETE', undefined, (res) => {
        if (!res.ok) throw fail(res, 'deregistration');
        if (push.last?.registration === registration) push.last = undefined;
        return undefined;
      }),
  };
  return push;
}
