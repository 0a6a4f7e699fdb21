/** The `sip` namespace: argument type checks (TypeError), then the subscriptions, which check values. */
import type { SipEvents } from './SipEvents';
import type { SipApi, SipCustomParameter, SipUserLists } from './types';

/** Every index of `v` (holes included: `every` skips them) holds what `ok` accepts. */
const isListOf = (v: unknown, ok: (item: unknown) => boolean): v is unknown[] => Array.isArray(v) && Array.from(v as unknown[]).every(ok);
const isStringList = (v: unknown): v is string[] => isListOf(v, (u) => typeof u === 'string');
const isParam = (p: unknown): boolean => typeof p === 'object' && p !== null && typeof (p as SipCustomParameter).name === 'string' && typeof (p as SipCustomParameter).value === 'string';

function eventTypeOf(method: string, eventType: unknown): string {
  if (typeof eventType !== 'string') throw new TypeError(`${method}: eventType must be a string`);
  return eventType;
}

function usersOf(method: string, name: string, value: unknown, optional: boolean): string[] {
  if (value === undefined && optional) return [];
  if (!isStringList(value)) throw new TypeError(`${method}: ${name} must be an array of user ids (strings)`);
  return [...value];
}

function paramsOf(method: string, value: unknown): SipCustomParameter[] | undefined {
  if (value === undefined) return undefined;
  if (!isListOf(value, isParam)) throw new TypeError(`${method}: customParameters must be an array of { name, value } strings`);
  return (value as SipCustomParameter[]).map(({ name, value: v }) => ({ name, value: v }));
}

/** Builds the frozen `sip` namespace. @internal */
export function createSipApi(sip: SipEvents): SipApi {
  return Object.freeze({
    subscribe(eventType: string, subscribeUserList: string[], clientCorrelator: string, customParameters?: SipCustomParameter[]) {
      const m = 'sip.subscribe()';
      const type = eventTypeOf(m, eventType);
      const users = usersOf(m, 'subscribeUserList', subscribeUserList, false);
      if (typeof clientCorrelator !== 'string') throw new TypeError(`${m}: clientCorrelator must be a string`);
      return sip.subscribe(type, users, clientCorrelator, paramsOf(m, customParameters));
    },
    update(eventType: string, userLists: SipUserLists, customParameters?: SipCustomParameter[]) {
      const m = 'sip.update()';
      const type = eventTypeOf(m, eventType);
      if (typeof userLists !== 'object' || userLists === null || Array.isArray(userLists)) throw new TypeError(`${m}: userLists must be an object`);
      // the seed's example spells the key subscribedUserList: both spellings add users
      const add = [...usersOf(m, 'subscribeUserList', userLists.subscribeUserList, true), ...usersOf(m, 'subscribedUserList', userLists.subscribedUserList, true)];
      const remove = usersOf(m, 'unsubscribeUserList', userLists.unsubscribeUserList, true);
      return sip.update(type, add, remove, paramsOf(m, customParameters));
    },
    unsubscribe: (eventType: string) => sip.unsubscribe(eventTypeOf('sip.unsubscribe()', eventType)),
    getDetails: ((eventType?: string) => {
      if (eventType !== undefined) eventTypeOf('sip.getDetails()', eventType);
      return sip.getDetails(eventType);
    }) as SipApi['getDetails'],
  });
}
