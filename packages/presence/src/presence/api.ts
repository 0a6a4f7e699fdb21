/** The `presence` namespace: argument type checks (TypeError), then the presence, which checks values. */
import { userList } from '../shared';
import { activities, statuses } from './constants';
import type { Presence } from './Presence';
import type { PresenceApi } from './types';

/** Builds the frozen `presence` namespace. @internal */
export function createPresenceApi(presence: Presence): PresenceApi {
  return Object.freeze({
    statuses,
    activities,
    update(status: string, activity: string, note?: string) {
      if (typeof status !== 'string') throw new TypeError('presence.update(): status must be a string');
      if (typeof activity !== 'string') throw new TypeError('presence.update(): activity must be a string');
      if (note !== undefined && typeof note !== 'string') throw new TypeError('presence.update(): note must be a string');
      return presence.update(status, activity, note);
    },
    fetch: (users: string | string[]) => presence.fetch(userList('presence.fetch()', users)),
    subscribe: (users: string | string[]) => presence.subscribe(userList('presence.subscribe()', users)),
    unsubscribe: (users: string | string[]) => presence.unsubscribe(userList('presence.unsubscribe()', users)),
    get: ((users: string | string[]) => {
      userList('presence.get()', users);
      return presence.get(users);
    }) as PresenceApi['get'],
    getAll: () => presence.getAll(),
    getSelf: () => presence.getSelf(),
  });
}
