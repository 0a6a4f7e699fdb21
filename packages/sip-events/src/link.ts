/** The `link` SIP events backend: Kandy Link REST v1 event subscriptions (protocol §8, §4.16). */
import type { LinkResponse } from '@switchboard/connectivity';
import { sipError } from './errors';
import type { SipEventsBackend, SipEventsBackendContext, SipEventsBackendFactory } from './backend';

const WRAPPER = 'eventSubscriptionResponse';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The wrapper of a response body, or undefined. */
const wrapped = (res: LinkResponse<unknown>) => (isObject(res.body) && isObject(res.body[WRAPPER]) ? res.body[WRAPPER] : undefined);

/** The coded error of a refused request, naming the statusCode and reason. */
function refused(operation: string, res: LinkResponse<unknown>) {
  const body = wrapped(res);
  const status = body?.statusCode ?? res.status;
  const reason = typeof body?.reason === 'string' ? body.reason : (res.error?.message ?? `HTTP ${res.status}`);
  const code = res.status === 404 ? 'SIP_SUBSCRIPTION_NOT_FOUND' : 'SIP_REQUEST_FAILED';
  return sipError(code, `${operation} was refused by the gateway: ${reason} (statusCode ${String(status)}).`);
}

/** A lifetime the gateway may send: a positive finite number of seconds. */
const lifetime = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/** Creates the Link SIP events backend. @public */
export function linkSipEventsBackend({ transport, notifications, logger }: SipEventsBackendContext): SipEventsBackend {
  const path = (id?: string) => `${transport.userPath()}/eventSubscription${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;
  const nonEmpty = (key: string, list: readonly unknown[] | undefined) => (list?.length ? { [key]: [...list] } : {});
  return {
    name: 'link',
    async subscribe({ eventType, subscribeUserList, clientCorrelator, customParameters }) {
      const body = { eventSubscriptionRequest: { eventType, subscribeUserList: [...subscribeUserList], clientCorrelator, ...nonEmpty('customParameters', customParameters) } };
      const res = await transport.request(path(), { method: 'POST', body });
      const granted = wrapped(res);
      if (!res.ok || !granted) throw refused('SIP event subscribe', res);
      if (typeof granted.sessionData !== 'string' || !granted.sessionData) {
        throw sipError('SIP_REQUEST_FAILED', 'SIP event subscribe: the gateway answered without a subscription id (sessionData).');
      }
      const expires = lifetime(granted.expires);
      // §8.1: without expires the refresh timer would degenerate; an hour is the gateway default.
      if (expires === undefined) logger.warn('sip: the subscribe answer has no valid expires; refreshing as for 3600 s', granted.expires);
      return { id: granted.sessionData, expires: expires ?? 3600 };
    },
    async update(id, { eventType, subscribeUserList, unsubscribeUserList, customParameters }) {
      const request = {
        eventType,
        ...nonEmpty('subscribeUserList', subscribeUserList),
        ...nonEmpty('unsubscribeUserList', unsubscribeUserList),
        ...(customParameters && { customParameters: [...customParameters] }),
      };
      const res = await transport.request(path(id), { method: 'PUT', body: { eventSubscriptionRequest: request } });
      if (!res.ok) throw refused('SIP event update', res);
      return { expires: lifetime(wrapped(res)?.expires) };
    },
    async unsubscribe(id) {
      const res = await transport.request(path(id), { method: 'DELETE' });
      if (!res.ok) throw refused('SIP event unsubscribe', res);
    },
    onEvent(sink) {
      // §4.16: any notification with genericNotificationParams, whatever its eventType
      return notifications.register('*', (n) => {
        if (!('genericNotificationParams' in n)) return;
        if (!isObject(n.genericNotificationParams) || typeof n.eventId !== 'string' || !n.eventId) {
          logger.warn('sip: dropped a malformed SIP event notification', n);
          return;
        }
        sink(n as Parameters<typeof sink>[0]);
      });
    },
  };
}

/** The default SIP events backend factory. @public */
export const linkSipEventsBackendFactory: SipEventsBackendFactory = linkSipEventsBackend;
