/** Opens the gateway's store for the `data` option: a directory (file `gateway.sqlite` in it) or `:memory:`. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

export type * from './types';
export { StoreError, openSqliteStore } from './sqlite';

/** The database file inside a data directory. */
export const STORE_FILE = 'gateway.sqlite';

/** Opens the store of a data directory (created if missing), or a private in-memory one for `:memory:`. */
export function openStore(data: string, log?: (line: string) => void): Store {
  if (typeof data !== 'string' || !data) throw new TypeError('gateway option data must be a directory path or ":memory:"');
  if (data === ':memory:') return openSqliteStore(':memory:', { log });
  mkdirSync(data, { recursive: true });
  return openSqliteStore(join(data, STORE_FILE), { log });
}
