/** Push registration with the gateway (protocol §14): Apple/Google register and deregister. */
import { BasicError, type EventBus, type Logger } from '@switchboard/core';
import type { NotificationsConfig } from '../config';
import type { PushRegistrationInfo } from '../types';
import type { HttpTransport, Origin } from './HttpTransport';
import { statusCodeOf } from './classify';

/** The flat body of a registration: undefined fields are left out. @internal */
export function pushBody(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** @internal */
export class PushRegistrations {
  /** The last successful registration (for the compatibility `deregisterPush`). */
  last: PushRegistrationInfo | undefined;

  constructor(
    private readonly transport: HttpTransport,
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly config: () => NotificationsConfig,
  ) {}

  /** The push server when `notifications.pushRegistration.server` is set (§14). */
  private origin(): { origin?: Origin; version: string } {
    const p = this.config().pushRegistration ?? {};
    const version = String(p.version ?? 1);
    if (!p.server) return { version };
    return { origin: { protocol: p.protocol ?? 'https', base: p.server, port: p.port ?? 443 }, version };
  }

  /** POSTs a registration; resolves with its info. */
  async register(provider: 'apple' | 'google', body: Record<string, unknown>): Promise<PushRegistrationInfo> {
    const { origin, version } = this.origin();
    const path = `${this.transport.userPath().replace('/version/1/', `/version/${version}/`)}/push/${provider}/devices/`;
    const wrapper = provider === 'apple' ? 'appleDeviceRegistrationResponse' : 'googleDeviceRegistrationResponse';
    try {
      const res = await this.transport.requestAt(origin, path, { method: 'POST', body });
      const w = (res.body as Record<string, { registration?: unknown } | undefined>)[wrapper];
      const sc = statusCodeOf(res.body);
      if (!res.ok || (sc !== undefined && sc !== 0) || typeof w?.registration !== 'string') {
        throw this.error(`Push registration failed. Status Code ${sc ?? res.status}`);
      }
      const info: PushRegistrationInfo = { registration: w.registration, provider };
      this.last = info;
      this.logger.info(`push registration created [provider:${provider}]`);
      this.events.emit('notifications:change', { channel: 'PUSH' });
      return info;
    } catch (error) {
      throw this.report(error);
    }
  }

  /** DELETEs a registration; the response body is not read (§14.3). */
  async unregister(registration: string): Promise<undefined> {
    const { origin } = this.origin();
    try {
      const res = await this.transport.requestAt(origin, registration, { method: 'DELETE', expectBody: false });
      if (!res.ok) throw this.error(`Push deregistration failed. Status Code ${statusCodeOf(res.body) ?? res.status}`);
      if (this.last?.registration === registration) this.last = undefined;
      this.events.emit('notifications:change', { channel: 'PUSH' });
      return undefined;
    } catch (error) {
      throw this.report(error);
    }
  }

  private error(message: string): BasicError {
    return new BasicError('PUSH_REGISTRATION_FAILED', message, { pluginId: 'connectivity' });
  }

  private report(error: unknown): BasicError {
    const e = error instanceof BasicError ? error : new BasicError('PUSH_REGISTRATION_FAILED', 'Push request failed', { cause: error });
    this.logger.warn(`push registration error [code:${e.code}] ${e.message}`);
    this.events.emit('notifications:error', { error: e, channel: 'PUSH' });
    return e;
  }
}
