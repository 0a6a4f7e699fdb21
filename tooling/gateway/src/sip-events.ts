/**
 * SIP event subscriptions (§8, README "SIP events"): `POST/PUT/DELETE eventSubscription`, kept in
 * the store collection `sip-event-subscription` (they survive a restart). The gateway generates
 * phone-presence events (`event:presence`) for the users watching a caller or callee when a call
 * starts or ends, and {@link SipEvents.inject} (admin endpoint) sends any solicited or unsolicited
 * event. Events are generic notifications (§4.16) to the subscriber's sessions holding the
 * event's service.
 */
import { randomUUID } from 'node:crypto';
import type { Leg } from './call-model';
import { HttpError } from './http';
import type { Route } from './router';
import type { KeyedRecord, Store } from './store';
import type { SubscriptionManager } from './subscriptions';
import type { UserDirectory } from './users';
import { isObject, unwrap } from './validation';

const BASE = '/rest/version/1/user/:userId/eventSubscription';
/** A well-formed `event:<package>` name (also what `services.ts` grants). */
export const EVENT_TYPE = /^event:[a-z0-9][a-z0-9.+-]{0,63}$/i;
const DEFAULT_EXPIRES = 3600;
const MAX_USERS = 100;
const MAX_NAME_BYTES = 256;
/** Longest `clientCorrelator` (bytes of UTF-8). */
const MAX_CORRELATOR_BYTES = 256;
/** Most `customParameters` of one subscription, and their names and values together (bytes of UTF-8). */
const MAX_CUSTOM_PARAMETERS = 20;
const MAX_CUSTOM_PARAMETER_BYTES = 4096;

/** One stored SIP event subscription. */
export interface StoredEventSubscription extends KeyedRecord {
  id: string;
  username: string;
  eventType: string;
  users: string[];
  clientCorrelator?: string;
  customParameters?: unknown[];
  expires: number;
  /** When it lapses unless refreshed (ms since the epoch): the last subscribe / update + `expires`. */
  expiresAt: number;
}

function userList(req: Record<string, unknown>, key: string, required: boolean): string[] {
  const v = req[key];
  if (v === undefined && !required) return [];
  if (!Array.isArray(v) || (required && !v.length) || !v.every((u) => typeof u === 'string' && u)) {
    throw new HttpError(400, 5, `"${key}" must be a${required ? ' non-empty' : 'n'} array of non-empty strings`);
  }
  if (v.length > MAX_USERS) throw new HttpError(403, 19, `Too many users in "${key}" (limit ${MAX_USERS})`);
  if (v.some((n: string) => Buffer.byteLength(n, 'utf8') > MAX_NAME_BYTES)) throw new HttpError(413, 5, `A name in "${key}" is over ${MAX_NAME_BYTES} bytes`);
  return v as string[];
}

function eventType(req: Record<string, unknown>): string {
  const v = req.eventType;
  if (typeof v !== 'string' || !EVENT_TYPE.test(v)) throw new HttpError(400, 5, '"eventType" must be event:<package>');
  return v;
}

function expires(req: Record<string, unknown>, fallback: number): number {
  const v = req.expires;
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 86400) throw new HttpError(400, 5, '"expires" must be 1..86400 seconds');
  return v;
}

function customParameters(req: Record<string, unknown>): unknown[] | undefined {
  const v = req.customParameters;
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((p) => isObject(p) && typeof p.name === 'string' && typeof p.value === 'string')) {
    throw new HttpError(400, 5, '"customParameters" must be an array of {name, value} strings');
  }
  if (v.length > MAX_CUSTOM_PARAMETERS) throw new HttpError(403, 19, `Too many "customParameters" (limit ${MAX_CUSTOM_PARAMETERS})`);
  const bytes = v.reduce((n: number, p: { name: string; value: string }) => n + Buffer.byteLength(p.name, 'utf8') + Buffer.byteLength(p.value, 'utf8'), 0);
  if (bytes > MAX_CUSTOM_PARAMETER_BYTES) throw new HttpError(413, 5, `"customParameters" are over ${MAX_CUSTOM_PARAMETER_BYTES} bytes`);
  return v;
}

function clientCorrelator(req: Record<string, unknown>): string | undefined {
  const v = req.clientCorrelator;
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new HttpError(400, 5, '"clientCorrelator" must be a string');
  if (Buffer.byteLength(v, 'utf8') > MAX_CORRELATOR_BYTES) throw new HttpError(413, 5, `"clientCorrelator" is over ${MAX_CORRELATOR_BYTES} bytes`);
  return v;
}

/** The SIP event subscriptions of every user. */
export class SipEvents {
  private readonly table;
  /**
   * Who watches whom, so that a call start or end finds its watchers without reading every stored
   * subscription: watched user → ids of the `event:presence` subscriptions listing that user, and
   * the users each id is indexed under. Kept in step by {@link SipEvents.save} / {@link SipEvents.remove}.
   */
  private readonly watchers = new Map<string, Set<string>>();
  private readonly indexed = new Map<string, string[]>();

  constructor(
    store: Store,
    private readonly subs: SubscriptionManager,
    private readonly users: UserDirectory,
    /** `maxSipEventSubscriptionsPerUser` (README "SIP events"). */
    private readonly maxPerUser: number,
  ) {
    this.table = store.collection<StoredEventSubscription>('sip-event-subscription');
    for (const record of this.table.list()) this.index(record);
  }

  /** `username`'s subscriptions (all users' without one); lapsed ones are dropped first. */
  list(username?: string): StoredEventSubscription[] {
    const now = Date.now();
    return this.table.list(username).filter((record) => this.alive(record, now));
  }

  /** Whether `record` has not lapsed (a lapsed one is removed); one stored before `expiresAt` existed is counted from now. */
  private alive(record: StoredEventSubscription, now: number): boolean {
    if (record.expiresAt === undefined) this.table.put({ ...record, expiresAt: now + record.expires * 1000 });
    else if (record.expiresAt <= now) {
      this.remove(record.id);
      return false;
    }
    return true;
  }

  /** Stores `record` (replacing the one with its id) and indexes its watched users. */
  private save(record: StoredEventSubscription): void {
    this.table.put(record);
    this.index(record);
  }

  /** Deletes the subscription `id` and its index entries. */
  private remove(id: string): void {
    this.table.delete(id);
    this.unindex(id);
  }

  private index(record: StoredEventSubscription): void {
    this.unindex(record.id);
    if (record.eventType !== 'event:presence') return;
    this.indexed.set(record.id, record.users);
    for (const user of record.users) {
      let ids = this.watchers.get(user);
      if (!ids) this.watchers.set(user, (ids = new Set()));
      ids.add(record.id);
    }
  }

  private unindex(id: string): void {
    for (const user of this.indexed.get(id) ?? []) {
      const ids = this.watchers.get(user);
      ids?.delete(id);
      if (ids?.size === 0) this.watchers.delete(user);
    }
    this.indexed.delete(id);
  }

  private canonical(name: string): string {
    return this.users.find(name)?.username ?? name;
  }

  /** §8.1: one subscription per event type and user (a new subscribe replaces the old one). */
  subscribe(username: string, req: Record<string, unknown>): StoredEventSubscription {
    const type = eventType(req);
    const users = userList(req, 'subscribeUserList', true).map((n) => this.canonical(n));
    const correlator = clientCorrelator(req);
    const lifetime = expires(req, DEFAULT_EXPIRES);
    const custom = customParameters(req);
    const others = this.list(username).filter((old) => old.eventType !== type);
    if (others.length >= this.maxPerUser) throw new HttpError(403, 19, `Too many SIP event subscriptions (limit ${this.maxPerUser})`);
    const record: StoredEventSubscription = {
      id: `evs-${randomUUID()}`,
      username,
      eventType: type,
      users: [...new Set(users)],
      expires: lifetime,
      expiresAt: Date.now() + lifetime * 1000,
      ...(correlator !== undefined && { clientCorrelator: correlator }),
      ...(custom && { customParameters: custom }),
    };
    for (const old of this.table.list(username)) if (old.eventType === type) this.remove(old.id);
    this.save(record);
    return record;
  }

  /** §8.2: adds/removes users; removing the last user deletes the subscription (§8.2 AMBIG). */
  update(username: string, id: string, body: unknown): StoredEventSubscription {
    const req = unwrap(body, 'eventSubscriptionRequest');
    const type = eventType(req);
    const add = userList(req, 'subscribeUserList', false).map((n) => this.canonical(n));
    const remove = new Set(userList(req, 'unsubscribeUserList', false).map((n) => this.canonical(n)));
    const custom = customParameters(req);
    const lifetime = expires(req, 0);
    // The subscription after the fields, before anything that depends on it: another user's id is "not found".
    const record = this.own(username, id);
    if (type !== record.eventType) throw new HttpError(400, 5, '"eventType" does not match the subscription');
    const users = [...new Set([...record.users, ...add])].filter((u) => !remove.has(u));
    if (users.length > MAX_USERS) throw new HttpError(403, 19, `Too many users (limit ${MAX_USERS})`);
    const kept = lifetime || record.expires;
    const next: StoredEventSubscription = { ...record, users, expires: kept, expiresAt: Date.now() + kept * 1000, ...(custom && { customParameters: custom }) };
    if (users.length) this.save(next);
    else this.remove(id);
    return next;
  }

  /** §8.3. */
  unsubscribe(username: string, id: string): void {
    this.remove(this.own(username, id).id);
  }

  private own(username: string, id: string): StoredEventSubscription {
    const record = this.list(username).find((r) => r.id === id);
    // Another user's subscription counts as unknown.
    if (!record || record.username !== username) throw new HttpError(404, 42, 'Event subscription not found');
    return record;
  }

  /** Sends `params` as a `type` event to `username`'s sessions holding `type`; returns how many got it. */
  inject(username: string, type: unknown, params: unknown): number {
    if (typeof type !== 'string' || !EVENT_TYPE.test(type)) throw new TypeError('eventType must be event:<package>');
    if (!isObject(params)) throw new TypeError('genericNotificationParams must be an object');
    const user = typeof username === 'string' ? this.users.find(username) : undefined;
    if (!user) throw new TypeError(`unknown user ${String(username)}`);
    const targets = this.subs.forUser(user.username, type);
    this.subs.notify(targets, { eventType: type, genericNotificationParams: { ...params } });
    return targets.length;
  }

  /**
   * Phone presence of the leg's user (a call started: `on-the-phone`, ended: `open`) to its
   * `event:presence` watchers, linked to the call (README "SIP events", docs/decisions.md §12):
   * `sessiondataType: "call"` and `sessionData` = the watcher's own leg of that call when the
   * watcher is its other party (its SDK maps it to its local call), else the watched user's leg.
   * `defer` (callStart) is where the call's own notifications go: the event to a watcher who is
   * the callee goes there too, after its `call` notification, so that its SDK has the leg first.
   */
  callActivity(leg: Leg, onThePhone: boolean, defer: (effect: () => void) => void = (effect) => effect()): void {
    const username = leg.username;
    const from = `sip:${username}`;
    const status = onThePhone ? 'on-the-phone' : 'open';
    const data = `<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${from}"><tuple id="phone"><status><basic>open</basic></status><note>${status}</note></tuple></presence>`;
    const legs = [leg.call.caller, leg.call.callee];
    const now = Date.now();
    for (const id of [...(this.watchers.get(username) ?? [])]) {
      const record = this.table.get(id);
      if (!record || !this.alive(record, now)) continue;
      const own = legs.find((l) => l !== leg && l.username === record.username && !l.virtual);
      const message = { eventType: record.eventType, genericNotificationParams: { from, data, status, subscription: record.id, sessiondataType: 'call', sessionData: (own ?? leg).id } };
      // offer(): a watched user's calls never overflow the watcher's queue (README "Queue overflow").
      const send = () => {
        for (const sub of this.subs.forUser(record.username, record.eventType)) sub.channel.offer({ ...message });
      };
      if (own) defer(send);
      else send();
    }
  }
}

const body = (record: StoredEventSubscription) => ({ eventSubscriptionResponse: { statusCode: 0, sessionData: record.id, expires: record.expires } });

/** The §8 routes. */
export function sipEventRoutes(events: SipEvents): Route[] {
  return [
    {
      method: 'POST',
      path: BASE,
      wrapper: 'eventSubscriptionResponse',
      handler: (ctx) => ({ status: 200, body: body(events.subscribe(ctx.user.username, unwrap(ctx.body, 'eventSubscriptionRequest'))) }),
    },
    {
      method: 'PUT',
      path: `${BASE}/:eventSessionId`,
      wrapper: 'eventSubscriptionResponse',
      handler: (ctx) => ({
        status: 200,
        body: body(events.update(ctx.user.username, ctx.params.eventSessionId, ctx.body)),
      }),
    },
    {
      method: 'DELETE',
      path: `${BASE}/:eventSessionId`,
      wrapper: 'eventSubscriptionResponse',
      handler: (ctx) => {
        events.unsubscribe(ctx.user.username, ctx.params.eventSessionId);
        return { status: 204 };
      },
    },
  ];
}
