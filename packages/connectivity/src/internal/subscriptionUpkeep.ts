/**
 * Keeping a subscription alive: the refresh PUT before expiry (§2.4) and the automatic
 * re-subscription after the gateway forgot it (§17.6), on the reconnect backoff.
 */
import type { BasicError } from '@switchboard/core';
import { connectionFailedError, refreshFailedError } from '../errors';
import type { DisconnectReason } from '../types';
import type { Classified } from './classify';
import { backoffDelay, mayRetry, refreshDelay } from './schedule';
import type { Epoch, OpQueue } from './serial';
import type { SubscriptionDeps } from './subscriptionTypes';
import { isGone, isRefreshSuccess, parseSubscription, responseError, type SubscriptionRecord } from './subscriptionWire';

/** What upkeep needs from the manager. @internal */
export interface UpkeepHost {
  deps: SubscriptionDeps;
  queue: OpQueue;
  epoch: Epoch;
  /** The current subscription. */
  record(): SubscriptionRecord | undefined;
  /** The PUT with `services` (§2.4). */
  put(record: SubscriptionRecord, services: readonly string[]): Promise<Classified>;
  lose(reason: DisconnectReason, resubscribe: boolean): void;
  /** Creates the subscription again with the requested services, reporting no error; resolves whether it worked. */
  recreate(): Promise<boolean>;
  lastError(): BasicError | undefined;
  /** Reports a subscription error. */
  fail(error: BasicError): void;
}

/** @internal */
export interface Upkeep {
  /** A new subscription: resets the failure count and schedules the first refresh. */
  start(): void;
  stop(): void;
  resubscribe(): void;
  /** Stops a running re-subscription (an application operation takes over). */
  cancelResubscribe(): void;
}

/**
 * Takes the TURN credentials of a successful refresh response (the rest of the record stays, §2.4).
 * The 5.x client kept the create's until a service-list change; a gateway handing out time-limited
 * credentials renews them in every refresh response, and calls made later must not use expired ones.
 */
function adoptTurnCredentials(record: SubscriptionRecord, body: unknown): void {
  const turn = parseSubscription(body)?.params.turnCredentials;
  if (turn) record.params.turnCredentials = { username: turn.username, password: turn.password };
}

/** Creates the upkeep of one manager. @internal */
export function createUpkeep(h: UpkeepHost): Upkeep {
  const { deps, epoch } = h;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let resubscribing = false;

  const stop = () => clearTimeout(timer);
  function schedule() {
    stop();
    const record = h.record();
    if (!record) return;
    const delay = refreshDelay(record.expires, failures, deps.random);
    deps.logger.debug(`refresh in ${Math.round(delay)} ms`);
    timer = setTimeout(() => h.queue.enqueue(() => refresh(record)), delay);
  }

  /** The refresh PUT with the granted services; `subscription:resub` (+ `auth:resub`) reports every attempt. */
  async function refresh(record: SubscriptionRecord) {
    const stale = () => h.record() !== record;
    if (stale()) return;
    const attemptNum = failures + 1;
    let error: BasicError | undefined;
    try {
      const res = await h.put(record, record.params.service);
      if (stale()) return;
      if (isGone(res)) return h.lose('GONE', true);
      if (!isRefreshSuccess(res)) error = responseError(res, refreshFailedError);
      else adoptTurnCredentials(record, res.body);
    } catch (cause) {
      if (stale()) return;
      error = connectionFailedError('Refresh', cause);
    }
    failures = error ? failures + 1 : 0;
    const payload = error ? { attemptNum, isFailure: true, error } : { attemptNum, isFailure: false };
    deps.events.emit('subscription:resub', payload);
    deps.events.emit('auth:resub', payload);
    schedule();
  }

  return {
    start() {
      failures = 0;
      schedule();
    },
    stop,
    resubscribe() {
      const e = epoch.now();
      const stale = () => e !== epoch.now();
      resubscribing = true;
      void h.queue.enqueue(async () => {
        try {
          for (let attempt = 1; ; attempt++) {
            const c = deps.connectivityConfig();
            await epoch.sleep(backoffDelay(attempt - 1, c));
            if (stale() || h.record()) return;
            deps.logger.info(`re-subscribing [attempt:${attempt}]`);
            if ((await h.recreate()) || stale()) return;
            const last = h.lastError();
            if (last?.code === 'authentication:1' || !mayRetry(attempt, c.reconnectLimit)) return last && h.fail(last);
          }
        } finally {
          if (!stale()) resubscribing = false;
        }
      });
    },
    cancelResubscribe() {
      if (resubscribing) epoch.bump();
      resubscribing = false;
    },
  };
}
