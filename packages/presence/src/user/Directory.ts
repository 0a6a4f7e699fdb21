/** The user cache and the directory operations: one instance per client. */
import type { Logger, PluginContext } from '@switchboard/core';
import { pluginError } from '../errors';
import { Operations, hasControlCharacters } from '../shared';
import type { DirectoryQuery, UserBackend } from './backend';
import type { User, UserSearchFilters, UserSearchOptions } from './types';

/** What the directory needs. @internal */
export interface DirectoryDeps {
  backend: UserBackend;
  events: PluginContext['events'];
  logger: Logger;
  /** Under the 001/002 profile `fetch` emits `directory:change` instead of `users:change`. */
  legacy: boolean;
}

/** §11.1 criteriaType per filter name (a name without one is sent as `criteria` only). */
const CRITERIA_TYPES: Readonly<Record<string, DirectoryQuery['criteriaType']>> = Object.freeze({
  firstName: 1, lastName: 2, name: 3, phoneNumber: 4, userId: 5, userName: 5,
});

const copy = (u: User): User => ({ ...u });

/** Directory users of this client. @internal */
export class Directory {
  private readonly users = new Map<string, User>();
  private readonly search$: Operations;
  private readonly fetch$: Operations;

  constructor(private readonly deps: DirectoryDeps) {
    const ops = (event: 'directory:error' | 'users:error') =>
      new Operations({ logger: deps.logger, pluginId: 'user', failureCode: 'DIRECTORY_REQUEST_FAILED', emitError: (error) => deps.events.emit(event, { error }) });
    this.search$ = ops('directory:error');
    this.fetch$ = ops('users:error');
  }

  fetch(userId: string): Promise<void> {
    const method = 'user.fetch()';
    if (userId.trim() === '' || hasControlCharacters(userId)) return this.fetch$.refuse(method, `${method}: userId must be a non-empty user id without control characters.`);
    return this.fetch$.run(method, async () => {
      const results = await this.deps.backend.search({ criteria: userId, criteriaType: 5 });
      const wanted = userId.toLowerCase();
      const user = results.find((u) => u.userId.toLowerCase() === wanted) ?? results[0];
      if (!user) throw pluginError('user', 'USER_NOT_FOUND', `${method}: the directory has no user ${userId}.`);
      this.store([user]);
      if (!this.fetch$.isDisposed) this.deps.events.emit(this.deps.legacy ? 'directory:change' : 'users:change', { results: [copy(user)] });
    });
  }

  get(userId: string): User | undefined {
    const user = this.users.get(userId);
    return user && copy(user);
  }

  getAll(): User[] {
    return [...this.users.values()].map(copy);
  }

  search(filters: UserSearchFilters, options: UserSearchOptions): Promise<void> {
    const method = 'user.search()';
    const chosen = Object.entries(filters).find(([, v]) => typeof v === 'string' && v.trim() !== '');
    if (chosen && hasControlCharacters(chosen[1]!)) return this.search$.refuse(method, `${method}: filters.${chosen[0]} contains control characters.`);
    const { order = 'asc', max, sortBy } = options;
    if (order !== 'asc' && order !== 'desc') return this.search$.refuse(method, `${method}: options.order must be 'asc' or 'desc'.`);
    if (max !== undefined && (!Number.isInteger(max) || max < 1)) return this.search$.refuse(method, `${method}: options.max must be an integer ≥ 1.`);
    const query: DirectoryQuery = chosen ? { criteria: chosen[1]!, criteriaType: CRITERIA_TYPES[chosen[0]] } : {};
    return this.search$.run(method, async () => {
      let results = await this.deps.backend.search(query);
      if (sortBy !== undefined) {
        const key = (u: User) => String(u[sortBy] ?? '');
        results = [...results].sort((a, b) => key(a).localeCompare(key(b)) * (order === 'desc' ? -1 : 1));
      }
      if (max !== undefined) results = results.slice(0, max);
      this.store(results);
      if (!this.search$.isDisposed) this.deps.events.emit('directory:change', { results: results.map(copy) });
    });
  }

  fetchSelfInfo(): Promise<void> {
    return this.search$.run('user.fetchSelfInfo()', async () => {
      const user = await this.deps.backend.selfInfo();
      this.store([user]);
      if (!this.search$.isDisposed) this.deps.events.emit('directory:change', { results: [copy(user)] });
    });
  }

  dispose(): void {
    this.search$.dispose();
    this.fetch$.dispose();
  }

  private store(users: readonly User[]): void {
    if (this.search$.isDisposed) return;
    for (const user of users) this.users.set(user.userId, copy(user));
  }
}
