/**
 * An in-memory SIP events backend for `@switchboard/sip-events`' backend extension point:
 * `sipEventsPlugin({ backend: memory.backend })`. It keeps the subscriptions it was given and
 * delivers the events the test injects; no transport, no network. (Type-only import of the
 * sip-events package: nothing of it is bundled.)
 */
import { BasicError } from '@switchboard/core';
import type { SipEventsBackend } from '@switchboard/sip-events';

/** One subscription the memory backend holds. @public */
export interface MemorySipSubscription {
  /** Its id (`mem-evs-N`). */
  id: string;
  /** The event package. */
  eventType: string;
  /** The users. */
  users: string[];
  /** The client correlator. */
  clientCorrelator: string;
}

/** The in-memory SIP events backend and its controls. @public */
export interface MemorySipEvents {
  /** The backend to give `sipEventsPlugin({ backend })`. */
  readonly backend: SipEventsBackend;
  /** The subscriptions held (copies). */
  subscriptions(): MemorySipSubscription[];
  /** Delivers a SIP event (solicited or not) with `genericNotificationParams`; returns its eventId (`m-N`). */
  deliver(eventType: string, genericNotificationParams: Record<string, unknown>): string;
  /** Forgets subscription `id` (as a gateway whose subscription lapsed): the next update or refresh gets SIP_SUBSCRIPTION_NOT_FOUND. */
  drop(id: string): void;
}

/**
 * Creates an in-memory SIP events backend granting `expires` seconds.
 * @param expires the lifetime granted @default 3600
 * @public
 */
export function createMemorySipEvents(expires = 3600): MemorySipEvents {
  const subs = new Map<string, MemorySipSubscription>();
  const sinks = new Set<Parameters<SipEventsBackend['onEvent']>[0]>();
  let ids = 0;
  let events = 0;
  const own = (id: string) => {
    const sub = subs.get(id);
    if (!sub) throw new BasicError('SIP_SUBSCRIPTION_NOT_FOUND', `no subscription ${id}`);
    return sub;
  };
  const backend: SipEventsBackend = {
    name: 'memory',
    async subscribe({ eventType, subscribeUserList, clientCorrelator }) {
      const id = `mem-evs-${++ids}`;
      subs.set(id, { id, eventType, users: [...subscribeUserList], clientCorrelator });
      return { id, expires };
    },
    async update(id, { subscribeUserList = [], unsubscribeUserList = [] }) {
      const sub = own(id);
      sub.users = [...new Set([...sub.users, ...subscribeUserList])].filter((u) => !unsubscribeUserList.includes(u));
      if (!sub.users.length) subs.delete(id);
      return { expires };
    },
    async unsubscribe(id) {
      subs.delete(own(id).id);
    },
    onEvent(sink) {
      sinks.add(sink);
      return () => void sinks.delete(sink);
    },
  };
  return {
    backend,
    subscriptions: () => [...subs.values()].map((s) => ({ ...s, users: [...s.users] })),
    deliver(eventType, genericNotificationParams) {
      const eventId = `m-${++events}`;
      for (const sink of [...sinks]) sink({ eventType, eventId, genericNotificationParams: { ...genericNotificationParams } });
      return eventId;
    },
    drop: (id) => void subs.delete(id),
  };
}
