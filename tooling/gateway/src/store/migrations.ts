/**
 * The SQLite schema as an ordered list of migrations. The database's `PRAGMA user_version` is
 * the number of migrations applied; at open, the missing ones run in order, each in its own
 * transaction together with its `user_version` bump. Never edit a released step: append one.
 */

/** One schema step. */
export interface Migration {
  /** What it does (for the log). */
  name: string;
  /** SQL run as one script. */
  sql: string;
}

/** The schema history; `MIGRATIONS.length` is the current version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'keyed records and notification queues',
    sql: `
      CREATE TABLE records (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        username TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      );
      CREATE INDEX records_by_user ON records (kind, username);
      CREATE TABLE notifications (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_id TEXT NOT NULL,
        frame TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX notifications_by_channel ON notifications (channel_id, seq);
    `,
  },
  {
    name: 'call history',
    sql: `
      CREATE TABLE call_history (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX call_history_by_user ON call_history (username, seq);
    `,
  },
  {
    name: 'messaging, presence, address book, voicemail',
    sql: `
      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL,
        conversation TEXT NOT NULL,
        correlator TEXT,
        data TEXT NOT NULL
      );
      CREATE INDEX messages_by_conversation ON messages (username, conversation, seq);
      CREATE INDEX messages_by_user ON messages (username, seq);
      CREATE UNIQUE INDEX messages_by_correlator ON messages (username, correlator) WHERE correlator IS NOT NULL;
      CREATE TABLE chat_groups (key TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE presence (key TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE mwi (key TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE presence_watches (
        owner TEXT NOT NULL,
        key TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (owner, key)
      );
      CREATE TABLE contacts (
        owner TEXT NOT NULL,
        key TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (owner, key)
      );
    `,
  },
];
