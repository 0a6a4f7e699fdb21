/**
 * Voicemail / message waiting (§9, §4.15): per-user counters set through the admin endpoint
 * (`POST /__test__/mwi`, `GatewayHooks.setMwi`), served by `GET voicemail` (statusCode 52
 * until a user's counters were ever set) and sent as `mwi` notifications to the user's
 * subscriptions holding `call` (§19.16 leaves the service open). Stored in the `mwi` table.
 */
import type { Route } from './router';
import type { Store, StoredMwi } from './store';
import type { SubscriptionManager } from './subscriptions';
import type { MwiCounts } from './types';

const BASE = '/rest/version/1/user/:userId';

function count(value: unknown, name: string): string {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer`);
  return String(value);
}

function kind(value: unknown, name: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${name} must be an object of counts`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, count(v, `${name}.${k}`)]));
}

/** Every user's voicemail counters. */
export class Voicemail {
  constructor(
    private readonly store: Store,
    private readonly subs: SubscriptionManager,
  ) {}

  /** The counters of `username`, if ever set. */
  get(username: string): StoredMwi | undefined {
    return this.store.mwi.get(username);
  }

  /** Sets the counters (TypeError when malformed) and notifies; returns how many subscriptions got the `mwi`. */
  set(username: string, counts: MwiCounts): number {
    if (typeof counts !== 'object' || counts === null) throw new TypeError('counts must be an object');
    const unheard = count(counts.unheardVoice, 'unheardVoice');
    const value: StoredMwi = { mwi: unheard === '0' ? 'no' : 'yes', totalVoice: count(counts.totalVoice, 'totalVoice'), unheardVoice: unheard, time: Date.now() };
    for (const name of ['voice', 'fax', 'multimedia'] as const) {
      const k = kind(counts[name], name);
      if (k) value[name] = k;
    }
    this.store.mwi.put(username, value);
    const { time, ...params } = value;
    const targets = this.subs.forUser(username, 'call');
    this.subs.notify(targets, { eventType: 'mwi', time, mwiNotificationParams: params });
    return targets.length;
  }
}

/** `GET voicemail` (§9.1). */
export function voicemailRoutes(voicemail: Voicemail): Route[] {
  return [
    {
      method: 'GET',
      path: `${BASE}/voicemail`,
      wrapper: 'mwiresponse',
      handler: (ctx) => {
        const found = voicemail.get(ctx.user.username);
        if (!found) return { status: 200, body: { mwiresponse: { statusCode: 52, reason: 'No voicemail' } } };
        const { time: _time, ...counters } = found;
        return { status: 200, body: { mwiresponse: { statusCode: 0, ...counters } } };
      },
    },
  ];
}
