/**
 * The SIP event subscriptions of one client and their events: one instance per client. It owns
 * the subscriptions (one per event type), their refresh timers (§8.1: every `expires/2`) and the
 * events received for each.
 */
import { BasicError, type Logger, type PluginContext } from '@switchboard/core';
import type { SipEventsBackend, SipGrant } from './backend';
import { sipError, type SipErrorCode } from './errors';
import type { SipCustomParameter, SipEventsChangeEvent, SipSubscriptionDetails } from './types';

/** What the subscriptions need. @internal */
export interface SipEventsDeps {
  backend: SipEventsBackend;
  events: PluginContext['events'];
  logger: Logger;
  /** Whether the connectivity subscription holds `service` (an `event:<package>` name). */
  hasService: (service: string) => boolean;
  /** This client's call id of a gateway call leg, if it has one (`sipCallLinksPlugin()`). */
  localCallOf: (legId: string) => string | undefined;
}

/** Longest user id the gateway takes in a subscription (bytes). @internal */
export const MAX_USER_ID_BYTES = 256;
/** How many events `getDetails` keeps per subscription. @internal */
export const KEPT_NOTIFICATIONS = 100;
/** The longest delay a timer takes (a longer one fires at once, in browsers and Node). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How soon a refresh that found another operation in flight is tried again (ms). */
const BUSY_RETRY_MS = 1000;
const EVENT_TYPE = /^event:[a-z0-9][a-z0-9.+-]{0,63}$/i;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f]/;

interface Subscription {
  eventType: string;
  id: string;
  users: string[];
  clientCorrelator: string;
  customParameters: SipCustomParameter[];
  expires: number;
  notifications: SipEventsChangeEvent[];
  timer?: ReturnType<typeof setTimeout>;
}

/** Why a list of user ids is unusable, or undefined. */
function usersProblem(method: string, users: readonly string[], allowEmpty: boolean): string | undefined {
  if (!allowEmpty && users.length === 0) return `${method}: the list of users is empty.`;
  for (const user of users) {
    if (user.trim() === '') return `${method}: a user id is empty.`;
    if (CONTROL.test(user)) return `${method}: a user id contains control characters.`;
    if (new TextEncoder().encode(user).length > MAX_USER_ID_BYTES) return `${method}: a user id is longer than ${MAX_USER_ID_BYTES} bytes.`;
  }
  return undefined;
}

/** Whether `error` is the gateway not knowing the subscription (404). */
const notFound = (error: unknown): boolean => error instanceof BasicError && error.code === 'SIP_SUBSCRIPTION_NOT_FOUND';

const copyEvent = (e: SipEventsChangeEvent): SipEventsChangeEvent => ({ ...e, event: structuredCloneSafe(e.event), links: { ...e.links } });
/** A deep copy of plain notification data (JSON round trip: it came from JSON). */
function structuredCloneSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The SIP event subscriptions. @internal */
export class SipEvents {
  private readonly subs = new Map<string, Subscription>();
  /** Event types with an operation in flight (a second one is refused, not interleaved). */
  private readonly busy = new Set<string>();
  private disposed = false;
  private readonly removeSink: () => void;

  constructor(private readonly deps: SipEventsDeps) {
    this.removeSink = deps.backend.onEvent((n) => this.receive(n));
  }

  subscribe(eventType: string, users: string[], clientCorrelator: string, customParameters: SipCustomParameter[] | undefined): Promise<void> {
    const method = 'sip.subscribe()';
    const problem = this.typeProblem(method, eventType) ?? usersProblem(method, users, false) ?? this.paramsProblem(method, customParameters);
    if (problem) return this.refuse(eventType, problem);
    if (clientCorrelator.trim() === '' || CONTROL.test(clientCorrelator)) return this.refuse(eventType, `${method}: clientCorrelator is empty or contains control characters.`);
    if (this.busy.has(eventType)) return this.inProgress(method, eventType);
    if (this.subs.has(eventType)) {
      return this.refuse(eventType, `${method}: a subscription for ${eventType} exists already (one per event type; use sip.update).`, 'SIP_SUBSCRIPTION_EXISTS');
    }
    if (!this.deps.hasService(eventType)) return this.noService(method, eventType);
    const unique = [...new Set(users)];
    return this.run(eventType, method, async () => {
      const grant = await this.deps.backend.subscribe({ eventType, subscribeUserList: unique, clientCorrelator, customParameters });
      if (this.disposed) return void this.deps.backend.unsubscribe(grant.id).catch(() => undefined);
      const sub: Subscription = { eventType, id: grant.id, users: unique, clientCorrelator, customParameters: [...(customParameters ?? [])], expires: grant.expires, notifications: [] };
      this.subs.set(eventType, sub);
      this.schedule(sub);
      this.deps.events.emit('sip:subscriptionChange', { eventType, change: 'new', subscribedUsers: [...unique] });
    });
  }

  update(eventType: string, add: string[], remove: string[], customParameters: SipCustomParameter[] | undefined): Promise<void> {
    const method = 'sip.update()';
    const problem = this.typeProblem(method, eventType) ?? usersProblem(method, add, true) ?? usersProblem(method, remove, true) ?? this.paramsProblem(method, customParameters);
    if (problem) return this.refuse(eventType, problem);
    if (!add.length && !remove.length && customParameters === undefined) return this.refuse(eventType, `${method}: nothing to update (no users to add or remove, no customParameters).`);
    const sub = this.subs.get(eventType);
    if (!sub) return this.refuse(eventType, `${method}: there is no subscription for ${eventType}.`, 'SIP_SUBSCRIPTION_NOT_FOUND');
    if (this.busy.has(eventType)) return this.inProgress(method, eventType);
    if (!this.deps.hasService(eventType)) return this.noService(method, eventType);
    return this.run(eventType, method, async () => {
      const removed = new Set(remove);
      const added = [...new Set(add)].filter((u) => !sub.users.includes(u) && !removed.has(u));
      const unsubscribed = sub.users.filter((u) => removed.has(u));
      const users = [...sub.users.filter((u) => !removed.has(u)), ...added];
      const params = customParameters ? [...customParameters] : sub.customParameters;
      let expires: number | undefined;
      try {
        ({ expires } = await this.deps.backend.update(sub.id, { eventType, subscribeUserList: add, unsubscribeUserList: remove, customParameters: customParameters ?? [] }));
      } catch (error) {
        // the gateway no longer has it (lapsed): the updated subscription is made again, if anyone is left
        if (!notFound(error)) throw error;
        if (users.length) expires = await this.subscribeAgain(sub, users, params);
      }
      if (this.disposed || this.subs.get(eventType) !== sub) return;
      sub.users = users;
      sub.customParameters = params;
      if (sub.users.length === 0) {
        // §8.2: removing the last user deletes the subscription (the reference gateway deletes it too)
        this.forget(sub);
        this.deps.events.emit('sip:subscriptionChange', { eventType, change: 'deleted', unsubscribedUsers: unsubscribed });
        return;
      }
      // the PUT refreshed the subscription too: the next refresh is due expires/2 from now
      if (expires !== undefined) sub.expires = expires;
      this.schedule(sub);
      this.deps.events.emit('sip:subscriptionChange', { eventType, change: 'updated', subscribedUsers: added, unsubscribedUsers: unsubscribed });
    });
  }

  unsubscribe(eventType: string): Promise<void> {
    const method = 'sip.unsubscribe()';
    const problem = this.typeProblem(method, eventType);
    if (problem) return this.refuse(eventType, problem);
    const sub = this.subs.get(eventType);
    if (!sub) return this.refuse(eventType, `${method}: there is no subscription for ${eventType}.`, 'SIP_SUBSCRIPTION_NOT_FOUND');
    if (this.busy.has(eventType)) return this.inProgress(method, eventType);
    return this.run(eventType, method, async () => {
      try {
        await this.deps.backend.unsubscribe(sub.id);
      } catch (error) {
        // the gateway no longer has it (lapsed, or deleted elsewhere): gone all the same
        if (!notFound(error)) throw error;
      }
      if (this.disposed) return;
      this.forget(sub);
      this.deps.events.emit('sip:subscriptionChange', { eventType, change: 'deleted', unsubscribedUsers: [...sub.users] });
    });
  }

  getDetails(eventType?: string): SipSubscriptionDetails | undefined | Record<string, SipSubscriptionDetails> {
    const details = (s: Subscription): SipSubscriptionDetails => ({
      eventType: s.eventType,
      id: s.id,
      subscribedUsers: [...s.users],
      clientCorrelator: s.clientCorrelator,
      customParameters: s.customParameters.map((p) => ({ ...p })),
      expires: s.expires,
      notifications: s.notifications.map(copyEvent),
    });
    if (eventType !== undefined) {
      const sub = this.subs.get(eventType);
      return sub && details(sub);
    }
    return Object.fromEntries([...this.subs.values()].map((s) => [s.eventType, details(s)]));
  }

  /** Releases the timers and the notification sink; later answers emit nothing. */
  dispose(): void {
    this.disposed = true;
    for (const sub of this.subs.values()) clearTimeout(sub.timer);
    this.subs.clear();
    this.removeSink();
  }

  private receive(n: { eventType: string; eventId: string; genericNotificationParams: Record<string, unknown> }): void {
    if (this.disposed) return;
    const params = n.genericNotificationParams;
    const leg = params.sessiondataType === 'call' && typeof params.sessionData === 'string' && params.sessionData ? params.sessionData : undefined;
    const links: SipEventsChangeEvent['links'] = leg === undefined ? {} : { callId: this.deps.localCallOf(leg) ?? leg };
    const event: SipEventsChangeEvent = { eventType: n.eventType, eventId: n.eventId, event: structuredCloneSafe(n) as Record<string, unknown>, links };
    const sub = this.subs.get(n.eventType);
    if (sub) {
      sub.notifications.push(event);
      if (sub.notifications.length > KEPT_NOTIFICATIONS) sub.notifications.shift();
    }
    this.deps.events.emit('sip:eventsChange', copyEvent(event));
  }

  /** §8.1: re-subscribes (PUT without lists) every `expires/2`; a 404 subscribes again (POST) with the same users. */
  private schedule(sub: Subscription): void {
    clearTimeout(sub.timer);
    this.arm(sub, Math.min(MAX_TIMER_MS, Math.max(1, sub.expires / 2) * 1000));
  }

  private arm(sub: Subscription, ms: number): void {
    sub.timer = setTimeout(() => void this.refresh(sub), ms);
  }

  private async refresh(sub: Subscription): Promise<void> {
    sub.timer = undefined;
    if (this.disposed || this.subs.get(sub.eventType) !== sub) return;
    // Another operation holds the event type: try again soon (a successful update reschedules it).
    if (this.busy.has(sub.eventType)) return this.arm(sub, BUSY_RETRY_MS);
    await this.run(sub.eventType, 'sip refresh', async () => {
      try {
        const { expires } = await this.deps.backend.update(sub.id, { eventType: sub.eventType });
        if (expires !== undefined) sub.expires = expires;
      } catch (error) {
        if (!notFound(error)) throw error;
        const expires = await this.subscribeAgain(sub, sub.users, sub.customParameters);
        if (expires !== undefined) sub.expires = expires;
      }
    });
    if (!this.disposed && this.subs.get(sub.eventType) === sub) this.schedule(sub);
  }

  /** Subscribes `sub` again (the gateway lost it) and takes the new id; the lifetime, or undefined after destroy() (the new one is deleted). */
  private async subscribeAgain(sub: Subscription, users: string[], customParameters: SipCustomParameter[]): Promise<number | undefined> {
    this.deps.logger.info(`sip: the gateway no longer has the ${sub.eventType} subscription; subscribing again`);
    const grant: SipGrant = await this.deps.backend.subscribe({ eventType: sub.eventType, subscribeUserList: users, clientCorrelator: sub.clientCorrelator, customParameters });
    if (this.disposed) return void this.deps.backend.unsubscribe(grant.id).catch(() => undefined);
    sub.id = grant.id;
    return grant.expires;
  }

  private forget(sub: Subscription): void {
    clearTimeout(sub.timer);
    sub.timer = undefined;
    this.subs.delete(sub.eventType);
  }

  private typeProblem(method: string, eventType: string): string | undefined {
    if (!EVENT_TYPE.test(eventType)) return `${method}: eventType must be event:<package> (got ${JSON.stringify(eventType)}).`;
    return undefined;
  }

  private paramsProblem(method: string, params: SipCustomParameter[] | undefined): string | undefined {
    if (params?.some((p) => p.name.trim() === '' || CONTROL.test(p.name) || CONTROL.test(p.value))) return `${method}: a custom parameter has an empty name or control characters.`;
    return undefined;
  }

  private noService(method: string, eventType: string): Promise<void> {
    return this.refuse(eventType, `${method}: the service ${eventType} is not part of the subscription (add it to services.subscribe).`, 'SIP_SERVICE_NOT_SUBSCRIBED');
  }

  private inProgress(method: string, eventType: string): Promise<void> {
    return this.refuse(eventType, `${method}: another operation on ${eventType} is in progress.`, 'SIP_OPERATION_IN_PROGRESS');
  }

  /** Delivers a refused value or state (nothing is sent) as `sip:error` on a microtask. */
  private async refuse(eventType: string, message: string, code: SipErrorCode | 'INVALID_ARGUMENT' = 'INVALID_ARGUMENT'): Promise<void> {
    const error = sipError(code, message);
    this.deps.logger.warn(message, error);
    await Promise.resolve();
    if (!this.disposed) this.deps.events.emit('sip:error', { error, eventType });
  }

  /** Runs one operation on `eventType`; a failure is logged and emitted as `sip:error`. */
  private async run(eventType: string, operation: string, work: () => Promise<void>): Promise<void> {
    this.busy.add(eventType);
    try {
      await work();
    } catch (cause) {
      const error = cause instanceof BasicError ? cause : sipError('SIP_REQUEST_FAILED', `${operation} failed`, cause);
      this.deps.logger.warn(`${operation} failed`, error);
      if (!this.disposed) this.deps.events.emit('sip:error', { error, eventType });
    } finally {
      this.busy.delete(eventType);
    }
  }
}
