/** SIP events types: the `client.sip` namespace and its records (seed 000 `sip`). */

/** A custom SIP header sent with a subscription (the call plugin's `CustomParameter` shape). @public */
export interface SipCustomParameter {
  /** The header name, conventionally `X-…`. */
  name: string;
  /** The header value. */
  value: string;
}

/**
 * The user lists of `sip.update` (seed 000). `subscribedUserList` is accepted as a synonym of
 * `subscribeUserList`: the seed's own example spells it so (both given: both are added).
 * @public
 */
export interface SipUserLists {
  /** Users to add to the subscription. */
  subscribeUserList?: string[];
  /** The seed example's spelling of `subscribeUserList` (accepted, same meaning). */
  subscribedUserList?: string[];
  /** Users to remove; removing every user deletes the subscription. */
  unsubscribeUserList?: string[];
}

/** What caused a `sip:subscriptionChange`: `new` (subscribe), `updated` (update), `deleted` (unsubscribe, or an update that removed every user). @public */
export type SipSubscriptionChange = 'new' | 'updated' | 'deleted';

/** `sip:eventsChange` payload (seed 000). @public */
export interface SipEventsChangeEvent {
  /** The event package, e.g. `event:presence`. */
  eventType: string;
  /** The notification's id. */
  eventId: string;
  /** The full notification as received (read `event.genericNotificationParams`); not interpreted. */
  event: Record<string, unknown>;
  /** What the event links to. */
  links: {
    /**
     * The call the event is about, when `genericNotificationParams` names one (`sessiondataType:
     * "call"`, `sessionData`: a call leg id): the id of this client's call with that leg when
     * there is one (needs `sipCallLinksPlugin()`, which the preset installs), else the gateway's
     * leg id as sent.
     */
    callId?: string;
  };
}

/** One SIP event subscription as `sip.getDetails` returns it (a copy). @public */
export interface SipSubscriptionDetails {
  /** The event package. */
  eventType: string;
  /** The subscription's id on the gateway (`sessionData`, §8.1). */
  id: string;
  /** The users whose events are wanted. */
  subscribedUsers: string[];
  /** The client correlator given to `subscribe`. */
  clientCorrelator: string;
  /** The custom parameters of the last subscribe or update that gave some. */
  customParameters: SipCustomParameter[];
  /** The lifetime the gateway granted (seconds); refreshed every half of it. */
  expires: number;
  /** The events received for this type since the subscription was made, oldest first (the last 100). */
  notifications: SipEventsChangeEvent[];
}

/**
 * The `client.sip` namespace (seed 000 `sip`). Methods return a promise that resolves when the
 * operation is over, successful or not: a failure is delivered as `sip:error { error, eventType }`
 * (a coded BasicError), never as a rejection. A wrong argument type throws a TypeError
 * synchronously; a wrong value emits `sip:error` and sends nothing.
 * @public
 */
export interface SipApi {
  /**
   * Creates the subscription for `eventType` (one per type) covering `subscribeUserList`; then
   * `sip:subscriptionChange { change: 'new', subscribedUsers }`. The event type's service must be
   * part of the connectivity subscription (`services.subscribe(['event:presence', …])`), else
   * `SIP_SERVICE_NOT_SUBSCRIBED` and nothing is sent. Refreshed every `expires/2` until unsubscribed.
   * @param eventType `event:<package>`, e.g. `event:presence`
   * @param subscribeUserList the users (non-empty)
   * @param clientCorrelator a unique id of this client device
   * @param customParameters custom SIP headers for the SIP backend
   * @throws TypeError on a wrong argument type
   */
  subscribe(eventType: string, subscribeUserList: string[], clientCorrelator: string, customParameters?: SipCustomParameter[]): Promise<void>;
  /**
   * Adds and removes users, or changes the custom parameters; then `sip:subscriptionChange {
   * change: 'updated', subscribedUsers, unsubscribedUsers }` (`deleted` when no user is left).
   * @throws TypeError on a wrong argument type
   */
  update(eventType: string, userLists: SipUserLists, customParameters?: SipCustomParameter[]): Promise<void>;
  /** Deletes the subscription; then `sip:subscriptionChange { change: 'deleted' }`. @throws TypeError when `eventType` is not a string */
  unsubscribe(eventType: string): Promise<void>;
  /** One subscription's details (a copy), or undefined. @throws TypeError when `eventType` is not a string */
  getDetails(eventType: string): SipSubscriptionDetails | undefined;
  /** Every subscription's details, keyed by event type. */
  getDetails(): Record<string, SipSubscriptionDetails>;
}
