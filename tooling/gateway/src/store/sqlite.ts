/**
 * The SQLite {@link Store} on better-sqlite3: one file (or `:memory:`), WAL journal, prepared
 * statements, synchronous writes (each returns once SQLite has written it: durable against a
 * killed process), schema versioning through `PRAGMA user_version` ({@link MIGRATIONS}).
 */
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';
import type {
  Collection,
  ConversationSummary,
  HistoryTable,
  KeyedRecord,
  KeyedTable,
  MessageTable,
  NotificationQueues,
  OwnedTable,
  QueuedFrame,
  Store,
  StoredContact,
  StoredGroup,
  StoredHistoryRecord,
  StoredMessage,
  StoredMwi,
  StoredPresence,
  StoredWatch,
} from './types';

/** A store failure with a code: `STORE_SCHEMA_TOO_NEW` (written by a newer gateway), `STORE_LOCKED` (another gateway has it open). */
export class StoreError extends Error {
  constructor(
    readonly code: 'STORE_SCHEMA_TOO_NEW' | 'STORE_LOCKED',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

const BUILT_IN = new Set(['subscription', 'session', 'channel', 'call', 'push', 'token']);
const NAME = /^[a-z][a-z0-9-]*$/;

/** Options of {@link openSqliteStore} (for tests: another migration list). */
export interface SqliteStoreOptions {
  migrations?: readonly Migration[];
  /** Receives one line per schema step applied. */
  log?: (line: string) => void;
}

/** Applies the missing migrations; returns the resulting version. */
function migrate(db: Database.Database, migrations: readonly Migration[], log: (line: string) => void): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new StoreError(
      'STORE_SCHEMA_TOO_NEW',
      `the data store ${db.name} has schema version ${current}; this gateway knows versions up to ${migrations.length}`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    const step = migrations[version];
    db.transaction(() => {
      db.exec(step.sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
    log(`store: schema ${version + 1} applied (${step.name})`);
  }
  return migrations.length;
}

/**
 * Opens (creating if needed) the SQLite store at `file` (`:memory:` for a private in-memory
 * database). The file is locked for this process (a second gateway on it gets `STORE_LOCKED`).
 */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  if (typeof file !== 'string' || !file) throw new TypeError('openSqliteStore(file): file must be a non-empty string');
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL: a commit is in the OS once the call returns (survives SIGKILL); see README.
    db.pragma('synchronous = NORMAL');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('busy_timeout = 0');
    migrate(db, options.migrations ?? MIGRATIONS, options.log ?? (() => undefined));
    // Take the exclusive lock now (the first write does): a second gateway fails here, not later.
    db.exec('BEGIN IMMEDIATE; COMMIT;');
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new StoreError('STORE_LOCKED', `the data store ${file} is in use by another gateway`);
    }
    throw err;
  }
  return new SqliteStore(db);
}

class SqliteStore implements Store {
  readonly location: string;
  readonly subscriptions: Store['subscriptions'];
  readonly sessions: Store['sessions'];
  readonly channels: Store['channels'];
  readonly calls: Store['calls'];
  readonly push: Store['push'];
  readonly tokens: Store['tokens'];
  readonly notifications: NotificationQueues;
  readonly history: HistoryTable;
  readonly messages: MessageTable;
  readonly groups: KeyedTable<StoredGroup>;
  readonly presence: KeyedTable<StoredPresence>;
  readonly watches: OwnedTable<StoredWatch>;
  readonly contacts: OwnedTable<StoredContact>;
  readonly mwi: KeyedTable<StoredMwi>;
  private readonly collections = new Map<string, Collection<KeyedRecord>>();
  /** One list per open transaction (outermost first): what runs once it commits. */
  private readonly onCommit: Array<Array<() => void>> = [];
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.location = db.memory ? ':memory:' : db.name;
    this.statements = {
      put: db.prepare<[string, string, string | null, string]>('INSERT INTO records (kind, id, username, data) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (kind, id) DO UPDATE SET username = excluded.username, data = excluded.data'),
      get: db.prepare<[string, string], { data: string }>('SELECT data FROM records WHERE kind = ? AND id = ?'),
      delete: db.prepare<[string, string]>('DELETE FROM records WHERE kind = ? AND id = ?'),
      all: db.prepare<[string], { data: string }>('SELECT data FROM records WHERE kind = ? ORDER BY rowid'),
      byUser: db.prepare<[string, string], { data: string }>('SELECT data FROM records WHERE kind = ? AND username = ? ORDER BY rowid'),
      enqueue: db.prepare<[string, string, number]>('INSERT INTO notifications (channel_id, frame, at) VALUES (?, ?, ?)'),
      queued: db.prepare<[string], QueuedFrame>('SELECT seq, frame, at FROM notifications WHERE channel_id = ? ORDER BY seq'),
      dropThrough: db.prepare<[string, number]>('DELETE FROM notifications WHERE channel_id = ? AND seq <= ?'),
      dropAll: db.prepare<[string]>('DELETE FROM notifications WHERE channel_id = ?'),
      historyPut: db.prepare<[string, string, number, string]>('INSERT INTO call_history (id, username, seq, data) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (id) DO UPDATE SET username = excluded.username, seq = excluded.seq, data = excluded.data'),
      historyDelete: db.prepare<[string]>('DELETE FROM call_history WHERE id = ?'),
      historyClear: db.prepare<[string]>('DELETE FROM call_history WHERE username = ?'),
      historyAll: db.prepare<[], { data: string }>('SELECT data FROM call_history ORDER BY seq'),
    };
    this.subscriptions = this.open('subscription');
    this.sessions = this.open('session');
    this.channels = this.open('channel');
    this.calls = this.open('call');
    this.push = this.open('push');
    this.tokens = this.open('token');
    const s = this.statements;
    this.notifications = {
      push: (channelId, frame, at) => (this.db.open ? Number(s.enqueue.run(channelId, frame, at).lastInsertRowid) : 0),
      list: (channelId) => (this.db.open ? s.queued.all(channelId) : []),
      drop: (channelId, throughSeq) => {
        if (!this.db.open) return;
        if (throughSeq === undefined) s.dropAll.run(channelId);
        else s.dropThrough.run(channelId, throughSeq);
      },
    };
    this.history = {
      put: (record) => {
        if (this.db.open) s.historyPut.run(record.id, record.username, record.seq, JSON.stringify(record));
      },
      delete: (id) => {
        if (this.db.open) s.historyDelete.run(id);
      },
      clear: (username) => {
        if (this.db.open) s.historyClear.run(username);
      },
      list: () => (this.db.open ? s.historyAll.all().map((r) => JSON.parse(r.data) as StoredHistoryRecord) : []),
    };
    this.messages = messageTable(db);
    this.groups = keyedTable(db, 'chat_groups');
    this.presence = keyedTable(db, 'presence');
    this.mwi = keyedTable(db, 'mwi');
    this.watches = ownedTable(db, 'presence_watches');
    this.contacts = ownedTable(db, 'contacts');
  }

  collection<T extends KeyedRecord>(name: string): Collection<T> {
    if (typeof name !== 'string') throw new TypeError('collection(name): name must be a string');
    if (!NAME.test(name) || BUILT_IN.has(name)) throw new RangeError(`collection(name): "${name}" is reserved or not [a-z][a-z0-9-]*`);
    let found = this.collections.get(name);
    if (!found) {
      found = this.open(name);
      this.collections.set(name, found);
    }
    return found as Collection<T>;
  }

  transaction<R>(fn: () => R): R {
    const mine: Array<() => void> = [];
    this.onCommit.push(mine);
    let result: R;
    try {
      result = this.db.transaction(fn)();
    } finally {
      this.onCommit.pop();
    }
    // committed (a throw above rolled back and dropped `mine`): a nested one hands its list to the outer one
    const outer = this.onCommit[this.onCommit.length - 1];
    if (outer) outer.push(...mine);
    else for (const run of mine) run();
    return result;
  }

  afterCommit(fn: () => void): void {
    const current = this.onCommit[this.onCommit.length - 1];
    if (current) current.push(fn);
    else fn();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // The type parameter is the caller's promise about what `kind` holds.
  private open<T extends KeyedRecord>(kind: string): Collection<T> {
    const s = this.statements;
    const parse = (rows: Array<{ data: string }>) => rows.map((r) => JSON.parse(r.data) as T);
    return {
      put: (record) => {
        if (this.db.open) s.put.run(kind, record.id, record.username ?? null, JSON.stringify(record));
      },
      get: (id) => {
        const row = this.db.open ? s.get.get(kind, id) : undefined;
        return row ? (JSON.parse(row.data) as T) : undefined;
      },
      delete: (id) => {
        if (this.db.open) s.delete.run(kind, id);
      },
      list: (username) => {
        if (!this.db.open) return [];
        return parse(username === undefined ? s.all.all(kind) : s.byUser.all(kind, username));
      },
    };
  }
}

/** The messages table of migration 3 (reads see nothing and writes are ignored once closed). */
function messageTable(db: Database.Database): MessageTable {
  const append = db.prepare<[string, string, string | null, string]>('INSERT INTO messages (username, conversation, correlator, data) VALUES (?, ?, ?, ?)');
  const byCorrelator = db.prepare<[string, string], { data: string }>('SELECT data FROM messages WHERE username = ? AND correlator = ?');
  const page = db.prepare<[string, string, number, number], { data: string }>(
    'SELECT data FROM messages WHERE username = ? AND conversation = ? ORDER BY seq DESC LIMIT ? OFFSET ?',
  );
  const counts = db.prepare<[], { username: string; n: number }>('SELECT username, COUNT(*) AS n FROM messages GROUP BY username');
  const conversations = db.prepare<[string], { conversation: string; n: number; data: string }>(
    'SELECT conversation, COUNT(*) AS n, data, MAX(seq) AS last FROM messages WHERE username = ? GROUP BY conversation ORDER BY last DESC',
  );
  const dropOldest = db.prepare<[string]>('DELETE FROM messages WHERE seq = (SELECT MIN(seq) FROM messages WHERE username = ?)');
  const clear = db.prepare<[string, string]>('DELETE FROM messages WHERE username = ? AND conversation = ?');
  return {
    append: (m) => {
      if (db.open) append.run(m.username, m.conversationId, m.clientCorrelator ?? null, JSON.stringify(m));
    },
    byCorrelator: (username, correlator) => {
      const row = db.open ? byCorrelator.get(username, correlator) : undefined;
      return row ? (JSON.parse(row.data) as StoredMessage) : undefined;
    },
    page: (username, conversationId, startIndex, count) =>
      db.open ? page.all(username, conversationId, count, startIndex).map((r) => JSON.parse(r.data) as StoredMessage) : [],
    counts: () => new Map(db.open ? counts.all().map((r) => [r.username, r.n] as const) : []),
    // SQLite takes the bare columns of a MAX() aggregate from the row holding the maximum: `data` is the last message.
    conversations: (username): ConversationSummary[] =>
      db.open
        ? conversations.all(username).map((r) => ({ conversationId: r.conversation, messageCount: r.n, lastMessage: JSON.parse(r.data) as StoredMessage }))
        : [],
    dropOldest: (username) => {
      if (db.open) dropOldest.run(username);
    },
    clear: (username, conversationId) => (db.open ? clear.run(username, conversationId).changes : 0),
  };
}

/** A `(key, data)` table of migration 3. */
function keyedTable<T>(db: Database.Database, table: string): KeyedTable<T> {
  const put = db.prepare<[string, string]>(`INSERT INTO ${table} (key, data) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET data = excluded.data`);
  const get = db.prepare<[string], { data: string }>(`SELECT data FROM ${table} WHERE key = ?`);
  const del = db.prepare<[string]>(`DELETE FROM ${table} WHERE key = ?`);
  const all = db.prepare<[], { key: string; data: string }>(`SELECT key, data FROM ${table} ORDER BY rowid`);
  return {
    put: (key, value) => {
      if (db.open) put.run(key, JSON.stringify(value));
    },
    get: (key) => {
      const row = db.open ? get.get(key) : undefined;
      return row ? (JSON.parse(row.data) as T) : undefined;
    },
    delete: (key) => {
      if (db.open) del.run(key);
    },
    entries: () => (db.open ? all.all().map((r) => [r.key, JSON.parse(r.data) as T] as [string, T]) : []),
  };
}

/** An `(owner, key, data)` table of migration 3. */
function ownedTable<T>(db: Database.Database, table: string): OwnedTable<T> {
  const put = db.prepare<[string, string, string]>(
    `INSERT INTO ${table} (owner, key, data) VALUES (?, ?, ?) ON CONFLICT (owner, key) DO UPDATE SET data = excluded.data`,
  );
  const get = db.prepare<[string, string], { data: string }>(`SELECT data FROM ${table} WHERE owner = ? AND key = ?`);
  const del = db.prepare<[string, string]>(`DELETE FROM ${table} WHERE owner = ? AND key = ?`);
  const list = db.prepare<[string], { data: string }>(`SELECT data FROM ${table} WHERE owner = ? ORDER BY rowid`);
  const count = db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE owner = ?`);
  const clear = db.prepare<[string]>(`DELETE FROM ${table} WHERE owner = ?`);
  const all = db.prepare<[], { owner: string; key: string; data: string }>(`SELECT owner, key, data FROM ${table} ORDER BY rowid`);
  return {
    put: (owner, key, value) => {
      if (db.open) put.run(owner, key, JSON.stringify(value));
    },
    get: (owner, key) => {
      const row = db.open ? get.get(owner, key) : undefined;
      return row ? (JSON.parse(row.data) as T) : undefined;
    },
    delete: (owner, key) => {
      if (db.open) del.run(owner, key);
    },
    list: (owner) => (db.open ? list.all(owner).map((r) => JSON.parse(r.data) as T) : []),
    count: (owner) => (db.open ? (count.get(owner)?.n ?? 0) : 0),
    clear: (owner) => {
      if (db.open) clear.run(owner);
    },
    entries: () => (db.open ? all.all().map((r) => [r.owner, r.key, JSON.parse(r.data) as T] as [string, string, T]) : []),
  };
}
