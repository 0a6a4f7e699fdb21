/**
 * The Link subscription (protocol §2) and its websocket (§3): create → open the socket →
 * `subscription:change`; service-list changes; delete; unsolicited loss (GONE / LOST_CONNECTION /
 * WS_OVERRIDDEN). Refresh and automatic re-subscription live in `subscriptionUpkeep`.
 * Operations run one at a time, in call order.
 */
import type { BasicError, SdkEventMap } from '@switchboard/core';
import { connectionFailedError, notSubscribedError, subscribeFailedError, updateFailedError } from '../errors';
import type { DisconnectReason } from '../types';
import { serviceUnavailableDelay } from './schedule';
import { createEpoch, createOpQueue } from './serial';
import { createUpkeep } from './subscriptionUpkeep';
import {
  createBody, isGone, isRefreshSuccess, parseSubscription, refreshBody, refreshPath, responseError, services as svc,
  type CreateOptions, type SubscriptionRecord,
} from './subscriptionWire';
import type { SubscriptionDeps, SubscriptionManager } from './subscriptionTypes';

export type { SubscriptionDeps, SubscriptionManager } from './subscriptionTypes';

type ChangeParams = SdkEventMap['subscription:change'][0];

/** Creates the manager. @internal */
export function createSubscriptionManager(deps: SubscriptionDeps): SubscriptionManager {
  const { transport, logger } = deps;
  let record: SubscriptionRecord | undefined;
  let requested: string[] = [];
  let options: CreateOptions = {};
  let unsubscribing = false;
  /** A create is waiting to retry after a 503 (§1.9): unsubscribing abandons it. */
  let retrying = false;
  let disposed = false;
  let lastError: BasicError | undefined;
  const listeners = new Set<() => void>();
  const notify = () =>
    [...listeners].forEach((listener) => {
      try {
        listener();
      } catch (error) {
        logger.error('subscription view listener threw', error);
      }
    });
  const queue = createOpQueue(logger, notify);
  const epoch = createEpoch();
  const emit = <K extends keyof SdkEventMap & string>(type: K, ...args: SdkEventMap[K]) => queue.defer(() => deps.events.emit(type, ...args));
  const emitChange = (params: ChangeParams = {}) => (emit('subscription:change', params), notify());
  const emitWs = () => (emit('ws:change', { platform: 'link' }), notify());
  const fail = (error: BasicError, quiet?: boolean): false => {
    lastError = error;
    logger.warn(`subscription error [code:${error.code}] ${error.message}`);
    if (!quiet) {
      emit('subscription:error', { error });
      if (error.code !== 'authentication:1') emit('auth:error', { error });
    }
    return false;
  };
  const put = (r: SubscriptionRecord, names: readonly string[]) =>
    transport.requestAt(undefined, refreshPath(r, transport.userPath()), { method: 'PUT', body: refreshBody(r, names, deps.subscriptionConfig()) });
  const deleteQuietly = (r: SubscriptionRecord) => {
    const warn = (what: unknown, cause?: unknown) => logger.warn(`unsubscribe: DELETE ${what}; the subscription is dropped anyway`, cause);
    // keepalive: the DELETE survives the page going away (an app unsubscribing in `pagehide`).
    return transport.request(r.path, { method: 'DELETE', expectBody: false, timeoutMs: 5000, keepalive: true }).then(
      (res) => void (res.ok || warn(res.status)),
      (error) => warn('failed', error),
    );
  };
  /** Forgets the subscription locally (record, session, socket) and reports it. */
  const drop = (params: ChangeParams) => {
    const wasConnected = m.channel.isConnected();
    record = transport.session = undefined;
    m.channel.close();
    if (wasConnected) emitWs();
    emitChange(params);
    emit('auth:change', {});
  };
  /** The subscription was lost without the application asking (§3.5, §3.6, §17.6). */
  const lose = (reason: DisconnectReason, resubscribe: boolean, retryAfter?: number) => {
    if (!record || disposed) return;
    logger.warn(`subscription lost [reason:${reason}]`);
    epoch.bump();
    upkeep.stop();
    drop(retryAfter === undefined ? { reason } : { reason, retryAfter });
    if (resubscribe && deps.connectivityConfig().autoReconnect && requested.length) upkeep.resubscribe();
  };

  /** POST, with 503 retries; then opens the websocket. Resolves whether it succeeded. */
  async function create(names: string[], o: CreateOptions, quiet = false): Promise<boolean> {
    if (disposed) return false;
    const e = epoch.now();
    requested = names;
    options = o;
    const c = deps.subscriptionConfig();
    const body = createBody(names, c, o);
    transport.session = undefined;
    let res;
    for (let retry = 1; ; retry++) {
      try {
        res = await transport.requestAt(undefined, `${transport.userPath()}/subscription`, { method: 'POST', body });
      } catch (error) {
        return fail(connectionFailedError('Subscribe', error), quiet);
      }
      if (e !== epoch.now()) return false;
      const delay = res.status === 503 && retry <= c.serviceUnavailableMaxRetries ? serviceUnavailableDelay(res) : undefined;
      if (delay === undefined) break;
      logger.info(`subscribe: 503, retry ${retry} in ${delay} ms`);
      retrying = true;
      await epoch.sleep(delay);
      retrying = false;
      if (e !== epoch.now()) return false;
    }
    if (!res.ok) return fail(responseError(res), quiet);
    const r = parseSubscription(res.body);
    const hmac = transport.authState()?.mode === 'hmac';
    const session = r?.params.sessionId;
    if (!r || (hmac && typeof session !== 'string')) return fail(subscribeFailedError(r ? '(no sessionId)' : '(malformed response)'), quiet);
    if (hmac) transport.session = session;
    record = r;
    try {
      await m.channel.open();
    } catch (error) {
      if (record !== r) return false;
      record = undefined;
      await deleteQuietly(r);
      transport.session = undefined;
      return fail(connectionFailedError('Subscribe', error, 'websocket'), quiet);
    }
    lastError = undefined;
    upkeep.start();
    logger.info(`subscribed [services:${r.params.service}]`);
    emitWs();
    emitChange();
    emit('auth:change', {});
    return true;
  }

  /**
   * PUT with a new service list; only a successful response replaces the record and `requested` (§2.4),
   * a failure leaves both as they were. `want` becomes the requested list (on success, or when the PUT finds
   * the subscription gone and re-subscribes).
   */
  async function change(names: string[], want = names): Promise<void> {
    const r = record!;
    const e = epoch.now();
    let res;
    try {
      res = await put(r, names);
    } catch (error) {
      return void fail(connectionFailedError('Update', error));
    }
    if (e !== epoch.now() || record !== r) return;
    if (isGone(res)) return (requested = want), lose('GONE', true);
    const next = isRefreshSuccess(res) ? parseSubscription(res.body, r.expires) : undefined;
    if (!next) return void fail(responseError(res, updateFailedError));
    record = { ...next, params: { ...r.params, ...next.params } };
    requested = want;
    lastError = undefined;
    emitChange();
  }

  /** DELETE; whatever the outcome the client is unsubscribed and closes its socket (§2.5). */
  async function remove(): Promise<void> {
    const r = record!;
    unsubscribing = true;
    upkeep.stop();
    try {
      await deleteQuietly(r);
    } finally {
      unsubscribing = false;
    }
    if (record === r) drop({});
  }

  /** Queues an application operation (it ends a running re-subscription). */
  const op = (run: () => Promise<unknown>) => (upkeep.cancelResubscribe(), queue.enqueue(async () => void (await run())));
  /** Ends a create waiting on a 503 retry, silently (§1.9); returns whether there was one. */
  const abandon = () => retrying && (epoch.bump(), true);
  /** Creates the subscription with `names` when there is none, else runs `update` on the current one. */
  const createOr = (names: readonly string[], o: CreateOptions, update: (r: SubscriptionRecord) => Promise<unknown> | void) =>
    op(() => (record ? Promise.resolve(update(record)) : create(svc.unique(names), o)));

  const upkeep = createUpkeep({
    deps, queue, epoch, put, lose,
    record: () => record,
    recreate: () => create(requested, options, true),
    lastError: () => lastError,
    fail,
  });

  const m: SubscriptionManager = {
    channel: undefined as never,
    isSubscribed: (service) => !!record && svc.has(record.params.service, service),
    turnCredentials() {
      const t = record?.params.turnCredentials;
      return t && { username: t.username, password: t.password };
    },
    onChange: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    isConnected: () => !!record && m.channel.isConnected(),
    getSubscriptions() {
      // The granted services in the application's spelling (`chat` for a granted `IM`).
      const subscribed = requested.filter(m.isSubscribed);
      return { subscribed, available: svc.union(deps.services, subscribed), isPending: m.isPending() };
    },
    isPending: () => queue.pending() > 0,
    error: () => lastError,
    channelPath: () => record?.params.notificationChannel,
    subscribe: (names, o) =>
      createOr(names, o, (r) => {
        const wanted = svc.union(requested, names);
        if (!svc.sameSet(wanted, requested) || !names.every((n) => svc.has(r.params.service, n))) return change(wanted);
        emitChange();
      }),
    unsubscribe: (names, abandoned = abandon()) =>
      op(async () => {
        const r = record;
        const missing = r && names.find((n) => !svc.has(r.params.service, n));
        if (!r && abandoned) return;
        if (!r || missing !== undefined) return fail(notSubscribedError(missing));
        const remaining = svc.minus(r.params.service, names);
        await (remaining.length ? change(remaining, svc.minus(requested, names)) : remove());
      }),
    setServices: (names) => createOr(names, options, () => (names.length ? change(svc.unique(names)) : remove())),
    disconnect: () => (abandon(), op(async () => record && remove())),
    async dispose() {
      disposed = true;
      epoch.bump();
      upkeep.stop();
      const r = record;
      record = undefined;
      m.channel.close();
      listeners.clear();
      if (r) await deleteQuietly(r);
    },
    open: emitWs,
    drop: emitWs,
    // While the DELETE of unsubscribe() is pending the end was asked for: its own change reports it (§2.5).
    lost: (cause) => unsubscribing || lose('LOST_CONNECTION', cause === 'exhausted'),
    message: (data) => deps.onFrame(data),
    terminated: (reason, retryAfter) => unsubscribing || lose(reason, false, retryAfter),
  };
  return m;
}
