/** The SIP events (seed 000 `sip:*`), merged into core's `SdkEventMap`. */
import { eventNames, type BasicError } from '@switchboard/core';
import type { SipEventsChangeEvent, SipSubscriptionChange } from './types';

/** `sip:subscriptionChange` payload (seed 000). @public */
export interface SipSubscriptionChangeEvent {
  /** The event package. */
  eventType: string;
  /** What changed. */
  change: SipSubscriptionChange;
  /** Users added by the change (subscribe, update). */
  subscribedUsers?: string[];
  /** Users removed by the change (update, unsubscribe). */
  unsubscribedUsers?: string[];
}

/** `sip:error` payload (seed 000; 002 documents `{ error }` only, which this is a superset of). @public */
export interface SipErrorEvent {
  /** The error of the failed operation. */
  error: BasicError;
  /** The event package of the operation. */
  eventType: string;
}

/** The SIP events plugin's events. @public */
export interface SipEventMap {
  /** A subscription was created, updated or deleted: read it with `sip.getDetails(eventType)`. */
  'sip:subscriptionChange': [params: SipSubscriptionChangeEvent];
  /** A SIP event arrived, solicited or unsolicited. */
  'sip:eventsChange': [params: SipEventsChangeEvent];
  /** A SIP event operation failed. */
  'sip:error': [params: SipErrorEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends SipEventMap {}
}

/** Every event the SIP events plugin emits. @public */
export const sipEvents = /* @__PURE__ */ eventNames<SipEventMap>()({
  'sip:subscriptionChange': true,
  'sip:eventsChange': true,
  'sip:error': true,
});
