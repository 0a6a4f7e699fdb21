/**
 * Push registration stubs (§14, §18.7: stored, never pushed) and `externalnotification`
 * (§15.2: delivered as a `custom` notification to the target's `custom` subscriptions, §4.19).
 */
import { HttpError } from './http';
import { randomId } from './ids';
import type { Route } from './router';
import type { Store, StoredPushRegistration } from './store';
import type { TimerSet } from './timers';
import type { SubscriptionManager } from './subscriptions';
import { type UserDirectory, canonicalAddress } from './users';
import { isObject, optionalBoolean, optionalString, optionalStringArray, requireDepth, requireString, unwrap } from './validation';

/** A push registration, as the store keeps it (the registration's fields as received, plus ours). */
export type PushRegistration = StoredPushRegistration;

/** Limits of the push store (README "Resource limits"). */
export interface PushLimits {
  maxPushRegistrationsPerUser: number;
  maxPushRegistrationBytes: number;
  pushRegistrationTtlMs: number;
}

const DEFAULT_LIMITS: PushLimits = {
  maxPushRegistrationsPerUser: 10,
  maxPushRegistrationBytes: 4 * 1024,
  pushRegistrationTtlMs: 30 * 86_400_000,
};

/** Longest interval between two sweeps of expired registrations. */
const SWEEP_MS = 3_600_000;

/**
 * Push registrations, capped in count and size per user and expired after a TTL: in memory,
 * written through to the store and restored from it at start.
 */
export class PushStore {
  private readonly registrations = new Map<string, PushRegistration>();

  constructor(
    private readonly limits: PushLimits = DEFAULT_LIMITS,
    timers: TimerSet | undefined,
    private readonly store: Store,
  ) {
    for (const reg of store.push.list()) this.registrations.set(reg.id, reg);
    timers?.every(Math.min(limits.pushRegistrationTtlMs, SWEEP_MS), () => this.purgeExpired());
  }

  /**
   * Stores a registration (replacing one with the same provider + clientCorrelator). Over the
   * size limit: 413 + 5; over the count limit: 403 + 19 (both before any change).
   */
  add(username: string, provider: 'apple' | 'google', fields: Record<string, unknown>): PushRegistration {
    this.purgeExpired();
    const { maxPushRegistrationBytes, maxPushRegistrationsPerUser } = this.limits;
    if (Buffer.byteLength(JSON.stringify(fields), 'utf8') > maxPushRegistrationBytes) {
      throw new HttpError(413, 5, `Push registration larger than ${maxPushRegistrationBytes} bytes`);
    }
    const mine = [...this.registrations.values()].filter((r) => r.username === username);
    const correlator = fields.clientCorrelator;
    const replaced = typeof correlator === 'string' ? mine.filter((r) => r.provider === provider && r.clientCorrelator === correlator) : [];
    if (mine.length - replaced.length >= maxPushRegistrationsPerUser) {
      throw new HttpError(403, 19, `Too many push registrations for this user (limit ${maxPushRegistrationsPerUser})`);
    }
    for (const r of replaced) this.drop(r.id);
    const id = randomId('reg-');
    const reg: PushRegistration = {
      ...fields,
      id,
      username,
      provider,
      registration: `/rest/version/1/user/${username}/push/${provider}/devices/${id}`,
      createdAt: Date.now(),
      expiresAt: Date.now() + this.limits.pushRegistrationTtlMs,
    };
    this.registrations.set(id, reg);
    this.store.push.put(reg);
    return reg;
  }

  /** Removes a registration of `username`; false when unknown. */
  remove(username: string, provider: string, id: string): boolean {
    this.purgeExpired();
    const reg = this.registrations.get(id);
    if (!reg || reg.username !== username || reg.provider !== provider) return false;
    this.drop(id);
    return true;
  }

  /** Snapshot (of one user, or all). */
  list(username?: string): PushRegistration[] {
    this.purgeExpired();
    return [...this.registrations.values()].filter((r) => !username || r.username === username).map((r) => ({ ...r }));
  }

  /** Removes the registrations whose TTL has passed. */
  purgeExpired(now = Date.now()): void {
    for (const [id, r] of this.registrations) if (r.expiresAt <= now) this.drop(id);
  }

  private drop(id: string): void {
    this.registrations.delete(id);
    this.store.push.delete(id);
  }
}

function provider(name: string): 'apple' | 'google' {
  if (name !== 'apple' && name !== 'google') throw new HttpError(404, 42, `Unknown push provider "${name}"`);
  return name;
}

function validatePush(body: unknown, kind: 'apple' | 'google'): Record<string, unknown> {
  if (!isObject(body)) throw new HttpError(400, 5, 'Body must be a JSON object');
  for (const key of ['bundleID', 'clientCorrelator', 'realm', 'voipDeviceToken', 'standardDeviceToken', 'deviceToken']) {
    optionalString(body, key);
  }
  optionalStringArray(body, 'service');
  optionalBoolean(body, 'isProduction');
  const hasToken = kind === 'apple' ? !!(body.voipDeviceToken || body.standardDeviceToken) : !!body.deviceToken;
  if (!hasToken) throw new HttpError(400, 5, kind === 'apple' ? 'A voipDeviceToken or standardDeviceToken is required' : 'deviceToken is required');
  // Before the size check, which serialises the fields (a too deep value would throw RangeError: a 500).
  requireDepth(body, 'registration');
  return body;
}

/** Push registration and externalnotification routes. */
export function pushRoutes(store: PushStore, users: UserDirectory, subs: SubscriptionManager): Route[] {
  const base = '/rest/version/1/user/:userId';
  const wrapper = (p: Record<string, string>) =>
    p.provider === 'google' ? 'googleDeviceRegistrationResponse' : 'appleDeviceRegistrationResponse';
  return [
    {
      method: 'POST',
      path: `${base}/push/:provider/devices`,
      wrapper,
      handler: (ctx) => {
        const kind = provider(ctx.params.provider);
        const reg = store.add(ctx.user.username, kind, validatePush(ctx.body, kind));
        return { status: 201, body: { [wrapper(ctx.params)]: { statusCode: 0, registration: reg.registration } } };
      },
    },
    {
      method: 'DELETE',
      path: `${base}/push/:provider/devices/:registrationId`,
      wrapper: null,
      handler: (ctx) => {
        if (!store.remove(ctx.user.username, ctx.params.provider, ctx.params.registrationId)) {
          throw new HttpError(404, 42, 'Registration not found');
        }
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: `${base}/externalnotification`,
      wrapper: 'externalNotificationResponse',
      handler: (ctx) => {
        const r = unwrap(ctx.body, 'externalNotificationRequest');
        const toUrl = requireString(r, 'toUrl');
        requireDepth(r, 'externalNotificationRequest');
        const domain = ctx.user.username.slice(ctx.user.username.lastIndexOf('@') + 1);
        const target = users.find(canonicalAddress(toUrl, domain));
        if (!target) throw new HttpError(404, 42, 'Recipient not found');
        const recipients = subs.forUser(target.username, 'custom');
        const message = {
          eventType: 'custom',
          customNotificationParams: { ...r, from: ctx.user.username },
        };
        ctx.after(() => subs.notify(recipients, message));
        return { status: 200, body: { externalNotificationResponse: { statusCode: 0, delivered: recipients.length } } };
      },
    },
  ];
}
