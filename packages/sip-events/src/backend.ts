/**
 * The SIP events backend extension point: where SIP event subscriptions are made and events come
 * from. The plugin contributes the Link adapter (protocol §8, §4.16) as its fallback; another
 * gateway contributes its own.
 */
import { defineExtensionPoint, type Logger } from '@switchboard/core';
import type { LinkNotification, LinkTransport, NotificationRegistry } from '@switchboard/connectivity';
import type { SipCustomParameter } from './types';

/** A subscribe request (§8.1). @public */
export interface SipSubscribeRequest {
  /** The event package. */
  eventType: string;
  /** The users (non-empty). */
  subscribeUserList: readonly string[];
  /** The client correlator. */
  clientCorrelator: string;
  /** Custom SIP headers (sent only when non-empty). */
  customParameters?: readonly SipCustomParameter[];
}

/** An update or refresh request (§8.2): neither list and no parameters is a refresh. @public */
export interface SipUpdateRequest {
  /** The event package. */
  eventType: string;
  /** Users to add (sent only when non-empty). */
  subscribeUserList?: readonly string[];
  /** Users to remove (sent only when non-empty). */
  unsubscribeUserList?: readonly string[];
  /** Custom SIP headers (an application update sends the list given, possibly empty; a refresh none). */
  customParameters?: readonly SipCustomParameter[];
}

/** What the gateway granted: the subscription's id and lifetime. @public */
export interface SipGrant {
  /** The subscription id (`sessionData`). */
  id: string;
  /** The lifetime in seconds. */
  expires: number;
}

/** What an update or refresh returns. @public */
export interface SipUpdateResult {
  /** The lifetime the gateway granted (seconds); undefined: unchanged. */
  expires?: number;
}

/**
 * SIP event operations. Every method rejects with a BasicError: `SIP_SUBSCRIPTION_NOT_FOUND`
 * when the gateway does not know the subscription (404), `SIP_REQUEST_FAILED` for another
 * refusal, the transport's `NETWORK_ERROR` otherwise.
 * @public
 */
export interface SipEventsBackend {
  /** Adapter name, for logs. */
  readonly name: string;
  /** Creates a subscription. */
  subscribe(request: SipSubscribeRequest): Promise<SipGrant>;
  /** Updates or refreshes subscription `id`; resolves with the lifetime granted. */
  update(id: string, request: SipUpdateRequest): Promise<SipUpdateResult>;
  /** Deletes subscription `id`. */
  unsubscribe(id: string): Promise<void>;
  /**
   * Sets where SIP event notifications go (any notification with `genericNotificationParams`,
   * solicited or not); malformed ones are the backend's to log and drop. Returns a remover.
   */
  onEvent(sink: (notification: LinkNotification & { eventId: string; genericNotificationParams: Record<string, unknown> }) => void): () => void;
}

/** What a SIP events backend factory receives. @public */
export interface SipEventsBackendContext {
  /** The connectivity plugin's Link transport. */
  transport: LinkTransport;
  /** The connectivity plugin's notification registry. */
  notifications: NotificationRegistry;
  /** The plugin's logger. */
  logger: Logger;
}

/** Creates a SIP events backend for one client. @public */
export type SipEventsBackendFactory = (context: SipEventsBackendContext) => SipEventsBackend;

/** The SIP events backend extension point (id `sip-events.backend`). @public */
export const sipEventsBackendExtensionPoint = defineExtensionPoint<SipEventsBackendFactory>('sip-events.backend');
