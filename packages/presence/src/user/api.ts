/** The `user` namespace: argument type checks (TypeError), then the directory, which checks values. */
import { isObject } from '../shared';
import type { Directory } from './Directory';
import type { UserApi, UserSearchFilters, UserSearchOptions } from './types';

const assertUserId = (method: string, userId: unknown) => {
  if (typeof userId !== 'string') throw new TypeError(`user.${method}(): userId must be a string`);
};

/** Builds the frozen `user` namespace. @internal */
export function createUserApi(directory: Directory): UserApi {
  return Object.freeze({
    fetch(userId: string) {
      assertUserId('fetch', userId);
      return directory.fetch(userId);
    },
    get(userId: string) {
      assertUserId('get', userId);
      return directory.get(userId);
    },
    getAll: () => directory.getAll(),
    search(filters: UserSearchFilters = {}, options: UserSearchOptions = {}) {
      if (!isObject(filters)) throw new TypeError('user.search(): filters must be an object');
      for (const [key, value] of Object.entries(filters)) {
        if (value !== undefined && typeof value !== 'string') throw new TypeError(`user.search(): filters.${key} must be a string`);
      }
      if (!isObject(options)) throw new TypeError('user.search(): options must be an object');
      if (options.max !== undefined && typeof options.max !== 'number') throw new TypeError('user.search(): options.max must be a number');
      if (options.sortBy !== undefined && typeof options.sortBy !== 'string') throw new TypeError('user.search(): options.sortBy must be a string');
      return directory.search(filters, options);
    },
    fetchSelfInfo: () => directory.fetchSelfInfo(),
  });
}
