/**
 * The Link subscription (protocol §2) and its websocket (§3): create → open the socket →
 * `subscription:change`; refresh before expiry; service-list changes; delete; unsolicited loss
 * (GONE / LOST_CONNECTION / WS_OVERRIDDEN) and automatic re-subscription after the gateway
 * forgot the subscription. Operations run one at a time, in call order.
 */
import type { BasicError, EventBus, Logger, SdkEventMap } from '@switchboard/core';
import type { ConnectivityConfig, SubscriptionConfig } from '../config';
import { connectionFailedError, notSubscribedError, refreshFailedError, subscribeFailedError, updateFailedError } from '../errors';
import type { SubscriptionView, TurnCredentials } from '../tokens';
import type { DisconnectReason, SubscriptionsInfo } from '../types';
import type { HttpTransport } from './HttpTransport';
import { backoffDelay, mayRetry, refreshDelay, serviceUnavailableDelay } from './schedule';
import {
  createBody, isGone, isRefreshSuccess, parseSubscription, refreshBody, refreshPath, responseError, services as svc,
  type CreateOptions, type SubscriptionRecord,
} from './subscriptionWire';
import type { ChannelListener, LostCause, WebSocketChannel } from './WebSocketChannel';

/** Services the Link gateway offers (seed 000 names; `event:<pkg>` is accepted as well). @internal */
export const LINK_SERVICES = Object.freeze(['call', 'IM', 'Presence', 'custom']);

/** What the manager needs. @internal */
export interface SubscriptionDeps {
  transport: HttpTransport;
  events: EventBus;
  logger: Logger;
  subscriptionConfig(): SubscriptionConfig;
  connectivityConfig(): ConnectivityConfig;
  /** Called for every websocket frame. */
  onFrame(data: unknown): void;
  random?: () => number;
}

/** @internal */
export class SubscriptionManager implements ChannelListener, SubscriptionView {
  /** Set by the plugin right after construction (the channel reports to this manager). */
  channel!: WebSocketChannel;
  private record: SubscriptionRecord | undefined;
  private requested: string[] = [];
  private options: CreateOptions = {};
  private pending = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped whenever in-flight work must be abandoned (loss, disconnect, dispose). */
  private epoch = 0;
  private readonly sleeps = new Map<ReturnType<typeof setTimeout>, () => void>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshFailures = 0;
  private unsubscribing = false;
  private resubscribing = false;
  private disposed = false;
  private lastError: BasicError | undefined;
  private readonly listeners = new Set<() => void>();
  private outbox: Array<() => void> | undefined;

  constructor(private readonly deps: SubscriptionDeps) {}

  // ---- SubscriptionView -------------------------------------------------------------------

  isSubscribed(service: string): boolean {
    return !!this.record && svc.has(this.record.params.service, service);
  }

  turnCredentials(): TurnCredentials | undefined {
    const t = this.record?.params.turnCredentials;
    return t ? { username: t.username, password: t.password } : undefined;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  isConnected(): boolean {
    return !!this.record && this.channel.isConnected();
  }

  // ---- state ------------------------------------------------------------------------------

  /** `services.getSubscriptions()`. */
  getSubscriptions(): SubscriptionsInfo {
    const subscribed = this.record ? [...this.record.params.service] : [];
    return { subscribed, available: svc.union(LINK_SERVICES, subscribed), isPending: this.pending > 0 };
  }

  /** Whether an operation is in progress. */
  isPending(): boolean {
    return this.pending > 0;
  }

  /** The last subscription error, cleared by the next success. */
  error(): BasicError | undefined {
    return this.lastError;
  }

  /** The channel path of the subscription, if any. */
  channelPath(): string | undefined {
    return this.record?.params.notificationChannel;
  }

  // ---- operations (the API validated the arguments) ---------------------------------------

  /** Adds services (creating the subscription when there is none). */
  subscribe(names: readonly string[], options: CreateOptions): Promise<void> {
    this.cancelResubscribe();
    return this.enqueue(async () => {
      if (!this.record) return void (await this.create(svc.unique(names), options, false));
      const wanted = svc.union(this.requested, names);
      if (svc.sameSet(wanted, this.requested) && names.every((n) => svc.has(this.record!.params.service, n))) {
        this.emitChange({});
        return;
      }
      await this.change(wanted);
    });
  }

  /** Removes services (deleting the subscription when none remain). */
  unsubscribe(names: readonly string[]): Promise<void> {
    this.cancelResubscribe();
    return this.enqueue(async () => {
      const record = this.record;
      if (!record) return void this.fail(notSubscribedError());
      const missing = names.find((n) => !svc.has(record.params.service, n));
      if (missing !== undefined) return void this.fail(notSubscribedError(missing));
      const remaining = svc.minus(record.params.service, names);
      this.requested = svc.minus(this.requested, names);
      if (remaining.length === 0) await this.remove();
      else await this.change(remaining);
    });
  }

  /** Makes the subscribed services exactly `names` (compatibility `updateConnection`). */
  setServices(names: readonly string[], options: CreateOptions = this.options): Promise<void> {
    this.cancelResubscribe();
    return this.enqueue(async () => {
      if (!this.record) return void (await this.create(svc.unique(names), options, false));
      if (names.length === 0) return this.remove();
      await this.change(svc.unique(names));
    });
  }

  /** Unsubscribes from everything (compatibility `disconnect`). */
  disconnect(): Promise<void> {
    this.cancelResubscribe();
    return this.enqueue(async () => {
      if (this.record) await this.remove();
    });
  }

  /** Stops everything; sends a best-effort DELETE. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.bumpEpoch();
    this.stopRefresh();
    const record = this.record;
    this.record = undefined;
    this.channel.close();
    this.listeners.clear();
    if (record) await this.deleteQuietly(record);
  }

  // ---- channel listener -------------------------------------------------------------------

  open(): void {
    this.emitWs();
  }

  drop(): void {
    this.emitWs();
  }

  lost(cause: LostCause): void {
    this.lose('LOST_CONNECTION', { resubscribe: cause === 'exhausted' });
  }

  message(data: unknown): void {
    this.deps.onFrame(data);
  }

  /** A `gone` or `websocketOverridden` notification arrived (§3.5). */
  terminated(reason: 'GONE' | 'WS_OVERRIDDEN', retryAfter?: number): void {
    if (this.unsubscribing) return;
    this.lose(reason, { retryAfter, resubscribe: false });
  }

  // ---- internals --------------------------------------------------------------------------

  /**
   * Runs `op` after the previous operations. Events raised while it runs are delivered once it
   * has finished, so listeners see `isPending` false and the final state.
   */
  private enqueue(op: () => Promise<void>): Promise<void> {
    this.pending++;
    const run = this.queue.then(async () => {
      this.outbox = [];
      try {
        await op();
      } catch (error) {
        this.deps.logger.error('subscription operation failed unexpectedly', error);
      } finally {
        const outbox = this.outbox ?? [];
        this.outbox = undefined;
        this.pending--;
        for (const deliver of outbox) deliver();
        this.notify();
      }
    });
    this.queue = run;
    return run;
  }

  /** Emits now, or after the running operation. */
  private emit<K extends 'subscription:change' | 'subscription:error' | 'auth:error' | 'auth:change' | 'ws:change'>(
    type: K,
    payload: SdkEventMap[K][0],
  ): void {
    const deliver = () => (this.deps.events.emit as (t: string, p: unknown) => boolean)(type, payload);
    if (this.outbox) this.outbox.push(deliver);
    else deliver();
  }

  /** POST, with 503 retries; then opens the websocket. Returns whether it succeeded. */
  private async create(names: string[], options: CreateOptions, quiet: boolean): Promise<boolean> {
    if (this.disposed) return false;
    const epoch = this.epoch;
    this.requested = names;
    this.options = options;
    const c = this.deps.subscriptionConfig();
    const { transport } = this.deps;
    transport.session = undefined;
    const body = createBody(names, c, options);
    let res;
    for (let retries = 0; ; retries++) {
      try {
        res = await transport.requestAt(undefined, `${transport.userPath()}/subscription`, { method: 'POST', body });
      } catch (error) {
        return this.fail(connectionFailedError('Failed to subscribe user: the server could not be reached', error), quiet);
      }
      if (epoch !== this.epoch) return false;
      const delay = res.status === 503 && retries < c.serviceUnavailableMaxRetries ? serviceUnavailableDelay(res) : undefined;
      if (delay === undefined) break;
      this.deps.logger.info(`subscribe() | 503, retrying in ${delay} ms [retry:${retries + 1}]`);
      await this.sleep(delay);
      if (epoch !== this.epoch) return false;
    }
    if (!res.ok) return this.fail(responseError(res), quiet);
    const record = parseSubscription(res.body);
    if (!record) return this.fail(subscribeFailedError('(malformed subscribe response)'), quiet);
    if (transport.authState()?.mode === 'hmac') {
      if (typeof record.params.sessionId !== 'string') return this.fail(subscribeFailedError('(no sessionId in HMAC mode)'), quiet);
      transport.session = record.params.sessionId;
    }
    this.record = record;
    try {
      await this.channel.open();
    } catch (error) {
      if (this.record !== record) return false;
      this.record = undefined;
      await this.deleteQuietly(record);
      transport.session = undefined;
      return this.fail(connectionFailedError('Failed to subscribe user: the websocket could not be opened', error), quiet);
    }
    this.lastError = undefined;
    this.refreshFailures = 0;
    this.scheduleRefresh();
    this.deps.logger.info(`subscribed [services:${record.params.service.join(',')}]`);
    this.emitWs();
    this.emitChange({});
    this.emit('auth:change', {});
    return true;
  }

  /** PUT with a new service list; the response replaces the record (§2.4). */
  private async change(names: string[]): Promise<void> {
    const record = this.record!;
    const epoch = this.epoch;
    const { transport } = this.deps;
    let res;
    try {
      res = await transport.requestAt(undefined, refreshPath(record, transport.userPath()), {
        method: 'PUT',
        body: refreshBody(record, names, this.deps.subscriptionConfig()),
      });
    } catch (error) {
      return void this.fail(connectionFailedError('Failed to update the subscription: the server could not be reached', error));
    }
    if (epoch !== this.epoch || this.record !== record) return;
    if (isGone(res)) return this.lose('GONE', { resubscribe: true });
    const next = isRefreshSuccess(res) ? parseSubscription(res.body, record.expires) : undefined;
    if (!next) return void this.fail(responseError(res, updateFailedError));
    this.record = { ...next, params: { ...record.params, ...next.params } };
    this.requested = names;
    this.lastError = undefined;
    this.emitChange({});
  }

  /** DELETE; whatever the outcome the client is unsubscribed and closes its socket (§2.5). */
  private async remove(): Promise<void> {
    const record = this.record!;
    this.unsubscribing = true;
    this.stopRefresh();
    try {
      await this.deleteQuietly(record);
    } finally {
      this.unsubscribing = false;
    }
    if (this.record !== record) return;
    const wasConnected = this.channel.isConnected();
    this.record = undefined;
    this.deps.transport.session = undefined;
    this.channel.close();
    if (wasConnected) this.emitWs();
    this.emitChange({});
    this.emit('auth:change', {});
  }

  private async deleteQuietly(record: SubscriptionRecord): Promise<void> {
    try {
      const res = await this.deps.transport.request(record.path, { method: 'DELETE', expectBody: false, timeoutMs: 5000 });
      if (!res.ok) this.deps.logger.warn(`unsubscribe | DELETE answered ${res.status}; the subscription is dropped anyway`);
    } catch (error) {
      this.deps.logger.warn('unsubscribe | DELETE failed; the subscription is dropped anyway', error);
    }
  }

  private scheduleRefresh(): void {
    this.stopRefresh();
    const record = this.record;
    if (!record || this.disposed) return;
    const delay = refreshDelay(record.expires, this.refreshFailures, this.deps.random);
    this.deps.logger.debug(`refresh scheduled in ${Math.round(delay)} ms`);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.enqueue(() => this.refresh(record));
    }, delay);
  }

  private stopRefresh(): void {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  /** The refresh PUT with the granted services (§2.4). */
  private async refresh(record: SubscriptionRecord): Promise<void> {
    if (this.record !== record) return;
    const attemptNum = this.refreshFailures + 1;
    const { transport } = this.deps;
    let error: BasicError | undefined;
    try {
      const res = await transport.requestAt(undefined, refreshPath(record, transport.userPath()), {
        method: 'PUT',
        body: refreshBody(record, record.params.service, this.deps.subscriptionConfig()),
      });
      if (this.record !== record) return;
      if (isGone(res)) return this.lose('GONE', { resubscribe: true });
      if (!isRefreshSuccess(res)) error = responseError(res, refreshFailedError);
    } catch (cause) {
      if (this.record !== record) return;
      error = connectionFailedError('Failed to extend the subscription: the server could not be reached', cause);
    }
    this.refreshFailures = error ? this.refreshFailures + 1 : 0;
    const payload = error ? { attemptNum, isFailure: true, error } : { attemptNum, isFailure: false };
    this.deps.events.emit('subscription:resub', payload);
    this.deps.events.emit('auth:resub', payload);
    this.scheduleRefresh();
  }

  /** The subscription was lost without the application asking (§3.5, §3.6, §17.6). */
  private lose(reason: DisconnectReason, o: { retryAfter?: number; resubscribe: boolean }): void {
    if (!this.record || this.disposed) return;
    this.deps.logger.warn(`subscription lost [reason:${reason}]`);
    this.bumpEpoch();
    this.stopRefresh();
    const wasConnected = this.channel.isConnected();
    this.record = undefined;
    this.deps.transport.session = undefined;
    this.channel.close();
    if (wasConnected) this.emitWs();
    this.emitChange(o.retryAfter !== undefined ? { reason, retryAfter: o.retryAfter } : { reason });
    this.emit('auth:change', {});
    if (o.resubscribe && this.deps.connectivityConfig().autoReconnect && this.requested.length > 0) this.resubscribe();
  }

  /** Re-creates the subscription with the same services, on the reconnect backoff. */
  private resubscribe(): void {
    const epoch = this.epoch;
    this.resubscribing = true;
    void this.enqueue(async () => {
      try {
        for (let attempt = 0; ; attempt++) {
          const c = this.deps.connectivityConfig();
          await this.sleep(backoffDelay(attempt, c));
          if (epoch !== this.epoch || this.record || this.disposed) return;
          this.deps.logger.info(`re-subscribing [attempt:${attempt + 1}]`);
          if (await this.create(this.requested, this.options, true)) return;
          if (epoch !== this.epoch) return;
          const credentials = this.lastError?.code === 'authentication:1';
          if (credentials || !mayRetry(attempt + 1, c.reconnectLimit)) {
            if (this.lastError) this.fail(this.lastError);
            return;
          }
        }
      } finally {
        if (epoch === this.epoch) this.resubscribing = false;
      }
    });
  }

  private cancelResubscribe(): void {
    if (this.resubscribing) {
      this.resubscribing = false;
      this.bumpEpoch();
    }
  }

  private bumpEpoch(): void {
    this.epoch++;
    for (const [timer, resolve] of this.sleeps) {
      clearTimeout(timer);
      resolve();
    }
    this.sleeps.clear();
  }

  /** A delay that `bumpEpoch` ends early. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleeps.delete(timer);
        resolve();
      }, ms);
      this.sleeps.set(timer, resolve);
    });
  }

  private fail(error: BasicError, quiet = false): false {
    this.lastError = error;
    this.deps.logger.warn(`subscription error [code:${error.code}] ${error.message}`);
    if (!quiet) {
      this.emit('subscription:error', { error });
      if (error.code !== 'authentication:1') this.emit('auth:error', { error });
    }
    return false;
  }

  private emitChange(params: { reason?: DisconnectReason; retryAfter?: number }): void {
    this.emit('subscription:change', params);
    this.notify();
  }

  private emitWs(): void {
    this.emit('ws:change', { platform: 'link' });
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.deps.logger.error('subscription view listener threw', error);
      }
    }
  }
}
