/** The `services` namespace (seed 000 `services`). */
import type { HttpTransport } from '../internal/HttpTransport';
import type { SubscriptionManager } from '../internal/SubscriptionManager';
import type { CreateOptions } from '../internal/subscriptionWire';
import type { ServiceDescriptor, SubscribeOptions, SubscriptionsInfo } from '../types';
import { channelType, check, isName, isPlainObject, need, optional, stringList } from './validate';

/** The `services` namespace. @public */
export interface ServicesApi {
  /**
   * Subscribes to platform notifications for services; emits `subscription:change` (or
   * `subscription:error`). A bare string second argument is taken as the channel type.
   * @example
   * ```ts
   * client.services.subscribe(['call', 'IM'], { forceLogOut: true, clientCorrelator: 'abc123' })
   * ```
   * @throws TypeError when `services` is not an array of names or `{ service, params? }` descriptors,
   *   or an option has the wrong type; BasicError `INVALID_ARGUMENT` for no service, an empty name or
   *   an unsupported channel type, `INVALID_CREDENTIALS` without credentials, `INVALID_CONFIG`
   *   without a server. Nothing is sent in any of these cases.
   */
  subscribe(services: ReadonlyArray<string | ServiceDescriptor>, options?: SubscribeOptions | string): void;
  /**
   * Cancels subscriptions; emits `subscription:change` (or `subscription:error` `authentication:3`).
   * @throws TypeError when `services` is not an array of strings or `type` not a string; BasicError
   *   `INVALID_ARGUMENT` for no service, an empty name or an unsupported channel type.
   */
  unsubscribe(services: readonly string[], type?: string): void;
  /** A snapshot of the local subscription state. */
  getSubscriptions(): SubscriptionsInfo;
}

/** Validates `services.subscribe` arguments. @internal */
export function parseSubscribeArgs(services: unknown, options: unknown): { names: string[]; options: CreateOptions } {
  const m = 'services.subscribe()';
  need(Array.isArray(services), m, 'services must be an array');
  const names = services.map((e) => (isPlainObject(e) && (e.params === undefined || isPlainObject(e.params)) ? e.service : e));
  need(names.every((n) => typeof n === 'string'), m, 'services must be service names or { service, params? } descriptors');
  const o = typeof options === 'string' ? { type: options } : options === undefined ? {} : options;
  need(isPlainObject(o), m, 'options must be an object');
  const { forceLogOut, clientCorrelator } = o;
  optional(m, 'options.forceLogOut', forceLogOut, 'boolean');
  optional(m, 'options.clientCorrelator', clientCorrelator, 'string');
  optional(m, 'options.type', o.type, 'string');
  check(names.length && names.every(isName), m, 'services must name at least one service, none empty');
  channelType(m, o.type);
  return { names, options: { forceLogOut: forceLogOut as boolean | undefined, clientCorrelator: clientCorrelator as string | undefined } };
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
      const m = 'services.unsubscribe()';
      optional(m, 'type', type, 'string');
      const names = stringList(m, 'services', services);
      channelType(m, type);
      void manager.unsubscribe(names);
    },
    getSubscriptions: () => manager.getSubscriptions(),
  };
}
