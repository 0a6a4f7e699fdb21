/** The subscription manager's contract and dependencies. */
import type { BasicError, EventBus, Logger } from '@switchboard/core';
import type { ConnectivityConfig, SubscriptionConfig } from '../config';
import type { SubscriptionView } from '../tokens';
import type { SubscriptionsInfo } from '../types';
import type { HttpTransport } from './HttpTransport';
import type { CreateOptions } from './subscriptionWire';
import type { ChannelListener, WebSocketChannel } from './WebSocketChannel';

/** What the manager needs. @internal */
export interface SubscriptionDeps {
  transport: HttpTransport;
  events: EventBus;
  logger: Logger;
  subscriptionConfig(): SubscriptionConfig;
  connectivityConfig(): ConnectivityConfig;
  /** Services the installed plugins handle (`ctx.services`): `getSubscriptions().available`, plus what is subscribed. */
  services: readonly string[];
  /** Called for every websocket frame. */
  onFrame(data: unknown): void;
  random?: () => number;
}

/** @internal */
export interface SubscriptionManager extends ChannelListener, SubscriptionView {
  /** Set by the plugin right after construction (the channel reports to this manager). */
  channel: WebSocketChannel;
  /** `services.getSubscriptions()`. */
  getSubscriptions(): SubscriptionsInfo;
  /** Whether an operation is in progress. */
  isPending(): boolean;
  /** The last subscription error, cleared by the next success. */
  error(): BasicError | undefined;
  /** The channel path of the subscription, if any. */
  channelPath(): string | undefined;
  /** Adds services (creating the subscription when there is none). The API validated the arguments. */
  subscribe(names: readonly string[], options: CreateOptions): Promise<void>;
  /** Removes services (deleting the subscription when none remain). */
  unsubscribe(names: readonly string[]): Promise<void>;
  /** Makes the subscribed services exactly `names` (compatibility `updateConnection`). */
  setServices(names: readonly string[]): Promise<void>;
  /** Unsubscribes from everything (compatibility `disconnect`). */
  disconnect(): Promise<void>;
  /** Stops everything; sends a best-effort DELETE. */
  dispose(): Promise<void>;
  /** A `gone` or `websocketOverridden` notification arrived (§3.5). */
  terminated(reason: 'GONE' | 'WS_OVERRIDDEN', retryAfter?: number): void;
}
