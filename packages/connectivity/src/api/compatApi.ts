/**
 * Compatibility top-level methods and constants of the Kandy SDKs (001/002): `connect`,
 * `disconnect`, `updateConnection`, `getConnection`, `getServices`, `subscriptionStates`,
 * `disconnectReasons`.
 */
import type { AuthManager, EventBus } from '@switchboard/core';
import type { SubscriptionConfig } from '../config';
import { noServicesError } from '../errors';
import type { HttpTransport } from '../internal/HttpTransport';
import type { SubscriptionManager } from '../internal/SubscriptionManager';
import type { ConnectionState } from '../types';
import { assertReady } from './servicesApi';
import { isPlainObject, need, stringList } from './validate';

/** Subscription states (001): all, some or none of the requested services were granted. @public */
export const subscriptionStates = Object.freeze({
  /** Every requested service is subscribed. */
  FULL: 'FULL',
  /** Some of them are. */
  PARTIAL: 'PARTIAL',
  /** None is. */
  NONE: 'NONE',
} as const);

/** Reasons of an unsolicited `subscription:change` (001, plus `WS_OVERRIDDEN` of 000). @public */
export const disconnectReasons = Object.freeze({
  /** The server ended the subscription. */
  GONE: 'GONE',
  /** The connection was lost (network) and could not be restored. */
  LOST_CONNECTION: 'LOST_CONNECTION',
  /** Another websocket of the same subscription replaced this one. */
  WS_OVERRIDDEN: 'WS_OVERRIDDEN',
} as const);

/** Credentials accepted by the compatibility `connect`. @public */
export type ConnectCredentials = Record<string, unknown> & {
  /** The username including the application's domain. */
  username: string;
};

/** The compatibility top-level API. @public */
export interface CompatApi {
  /**
   * Sets the credentials and subscribes the configured services (`subscription.service`).
   * `oauthToken` (002) is taken as a bearer access token.
   * @throws TypeError/BasicError `INVALID_CREDENTIALS` for bad credentials (nothing is sent).
   */
  connect(credentials: ConnectCredentials): void;
  /** Unsubscribes from everything and closes the websocket. */
  disconnect(): void;
  /**
   * Changes the subscribed services on a live connection (or connects with them).
   * @throws TypeError when `connection.services` is not an array of strings; BasicError
   *   `INVALID_ARGUMENT` for an empty list or name (nothing is sent).
   */
  updateConnection(connection: { services: string[] }): void;
  /** The connection state of the authenticated user. */
  getConnection(): ConnectionState;
  /** The subscribed services. */
  getServices(): string[];
  /** Subscription states. */
  readonly subscriptionStates: typeof subscriptionStates;
  /** Disconnect reasons. */
  readonly disconnectReasons: typeof disconnectReasons;
}

/** What the compatibility API uses. @internal */
export interface CompatDeps {
  manager: SubscriptionManager;
  transport: HttpTransport;
  auth: AuthManager;
  events: EventBus;
  subscription(): SubscriptionConfig;
}

/** Builds the compatibility API. @internal */
export function createCompatApi(d: CompatDeps): CompatApi {
  return {
    connect(credentials) {
      need(isPlainObject(credentials), 'connect()', 'credentials must be an object');
      const { oauthToken, ...rest } = credentials;
      const mapped = typeof oauthToken === 'string' && rest.bearerAccessToken === undefined ? { ...rest, bearerAccessToken: oauthToken } : rest;
      d.transport.url('/');
      d.auth.setCredentials(mapped);
      const services = d.subscription().service;
      if (services.length === 0) {
        const error = noServicesError();
        d.events.emit('subscription:error', { error });
        d.events.emit('auth:error', { error });
        return;
      }
      assertReady(d.transport);
      void d.manager.subscribe(services, {});
    },
    disconnect() {
      void d.manager.disconnect();
    },
    updateConnection(connection) {
      const m = 'updateConnection()';
      need(isPlainObject(connection), m, 'connection must be an object');
      const names = stringList(m, 'connection.services', connection.services);
      assertReady(d.transport);
      void d.manager.setServices(names);
    },
    getConnection() {
      const error = d.manager.error();
      return {
        isConnected: d.manager.isConnected(),
        isPending: d.manager.isPending(),
        ...(error ? { error: { message: error.message, stack: error.stack, code: String(error.code) } } : {}),
      };
    },
    getServices: () => d.manager.getSubscriptions().subscribed,
    subscriptionStates,
    disconnectReasons,
  };
}
