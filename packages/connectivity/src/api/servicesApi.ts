/** The `services` namespace (seed 000 `services`). */
import type { HttpTransport } from '../internal/HttpTransport';
import type { SubscriptionManager } from '../internal/SubscriptionManager';
import type { CreateOptions } from '../internal/subscriptionWire';
import { invalidArgument } from '../errors';
import type { ServiceDescriptor, SubscribeOptions, SubscriptionsInfo } from '../types';
import { channelType, isPlainObject, optionalString, stringList } from './validate';

/** The `services` namespace. @public */
export interface ServicesApi {
  /**
   * Subscribes to platform notifications for services; emits `subscription:change` (or
   * `subscription:error`). A bare string second argument is taken as the channel type.
   * @example
   * ```ts
   * client.services.subscribe(['call', 'IM'], { forceLogOut: true, clientCorrelator: 'abc123' })
   * ```
   * @throws TypeError when `services` is not an array; BasicError `INVALID_ARGUMENT` for a bad entry
   *   or option, `INVALID_CREDENTIALS` without credentials, `INVALID_CONFIG` without a server.
   */
  subscribe(services: ReadonlyArray<string | ServiceDescriptor>, options?: SubscribeOptions | string): void;
  /** Cancels subscriptions; emits `subscription:change` (or `subscription:error` `authentication:3`). */
  unsubscribe(services: readonly string[], type?: string): void;
  /** A snapshot of the local subscription state. */
  getSubscriptions(): SubscriptionsInfo;
}

/** Validates `services.subscribe` arguments. @internal */
export function parseSubscribeArgs(services: unknown, options: unknown): { names: string[]; options: CreateOptions } {
  const m = 'services.subscribe()';
  if (!Array.isArray(services)) throw new TypeError(`${m}: services must be an array`);
  if (services.length === 0) throw invalidArgument(m, 'services must not be empty.');
  const names = services.map((entry, i) => {
    if (typeof entry === 'string' && entry.length > 0) return entry;
    if (isPlainObject(entry) && typeof entry.service === 'string' && entry.service.length > 0) {
      if (entry.params !== undefined && !isPlainObject(entry.params)) throw invalidArgument(m, `services[${i}].params must be an object.`);
      return entry.service;
    }
    throw invalidArgument(m, `services[${i}] must be a service name or a { service } descriptor.`);
  });
  if (typeof options === 'string' || options === undefined) {
    channelType(m, options);
    return { names, options: {} };
  }
  if (!isPlainObject(options)) throw new TypeError(`${m}: options must be an object`);
  channelType(m, options.type);
  if (options.forceLogOut !== undefined && typeof options.forceLogOut !== 'boolean') throw invalidArgument(m, 'options.forceLogOut must be a boolean.');
  const clientCorrelator = optionalString(m, 'options.clientCorrelator', options.clientCorrelator);
  return { names, options: { forceLogOut: options.forceLogOut as boolean | undefined, clientCorrelator } };
}

/** Checks that a subscription can be attempted: credentials and a server are configured. @internal */
export function assertReady(transport: HttpTransport): void {
  transport.userPath();
  transport.url('/');
}

/** Builds the `services` namespace. @internal */
export function createServicesApi(manager: SubscriptionManager, transport: HttpTransport): ServicesApi {
  return {
    subscribe(services, options) {
      const args = parseSubscribeArgs(services, options);
      assertReady(transport);
      void manager.subscribe(args.names, args.options);
    },
    unsubscribe(services, type) {
      const names = stringList('services.unsubscribe()', 'services', services);
      channelType('services.unsubscribe()', type);
      void manager.unsubscribe(names);
    },
    getSubscriptions: () => manager.getSubscriptions(),
  };
}
