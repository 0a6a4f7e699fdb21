/** The SQLite store: migrations, each record kind round-tripped through a reopen, queues, locking. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../src/store/migrations';
import { STORE_FILE, StoreError, openSqliteStore, openStore, type Store, type StoredCall } from '../src/store';

let dir: string;
const open: Store[] = [];
const track = (s: Store) => (open.push(s), s);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-store-'));
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

const call: StoredCall = {
  id: 'call-1',
  caller: { id: 'leg-a', username: 'alice@example.com', role: 'caller', state: 'answered', lastActivity: 5 },
  callee: { id: 'leg-b', username: 'bob@example.com', role: 'callee', state: 'answered', lastActivity: 6, pendingCustom: [{ name: 'X-A', value: '1' }] },
  callerParty: { name: 'Alice', number: 'alice@example.com' },
  calleeParty: { name: 'Bob', number: 'bob@example.com' },
  offer: 'v=0\r\n',
  alerted: ['sub-b'],
  answeredBy: 'sub-b',
  rang: true,
  pendingUpdate: { fromLegId: 'leg-a', until: 99 },
  createdAt: 1,
};

describe('SQLite store', () => {
  it('creates the schema at version MIGRATIONS.length in WAL mode, and reopens without re-running it', () => {
    const logs: string[] = [];
    track(openSqliteStore(join(dir, 'a.sqlite'), { log: (l) => logs.push(l) })).close();
    expect(logs).toHaveLength(MIGRATIONS.length);
    track(openSqliteStore(join(dir, 'a.sqlite'), { log: (l) => logs.push(l) })).close();
    expect(logs).toHaveLength(MIGRATIONS.length);
    const db = new Database(join(dir, 'a.sqlite'), { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('applies only the missing migrations, in order, keeping the data', () => {
    const file = join(dir, 'm.sqlite');
    const s1 = track(openSqliteStore(file));
    s1.subscriptions.put({ id: 'sub-1', username: 'u', services: ['call'], expires: 60, expiresAt: 1, path: '/p', channelId: 'ch', sessionId: 'ses', localization: 'English_US', useTurn: true, notificationType: 'WebSocket', createdAt: 0, order: 0 });
    s1.close();
    const logs: string[] = [];
    const next = [...MIGRATIONS, { name: 'an extra table', sql: 'CREATE TABLE extra (x INTEGER);' }];
    const s2 = track(openSqliteStore(file, { migrations: next, log: (l) => logs.push(l) }));
    expect(logs).toEqual([`store: schema ${next.length} applied (an extra table)`]);
    expect(s2.subscriptions.get('sub-1')?.channelId).toBe('ch');
    s2.close();
    // An older gateway refuses a store written by a newer one (coded error, before any change).
    expect(() => openSqliteStore(file)).toThrow(expect.objectContaining({ code: 'STORE_SCHEMA_TOO_NEW' }));
  });

  it('upgrades a version-1 file to the call-history table (migration 2), keeping the data', () => {
    const file = join(dir, 'h.sqlite');
    // A file as the first released gateway left it (schema 1, one call record).
    const old = new Database(file);
    old.exec(MIGRATIONS[0].sql);
    old.pragma('user_version = 1');
    old.prepare('INSERT INTO records (kind, id, username, data) VALUES (?, ?, ?, ?)').run('call', call.id, null, JSON.stringify(call));
    old.close();
    const logs: string[] = [];
    const s = track(openSqliteStore(file, { log: (l) => logs.push(l) }));
    expect(logs).toEqual(['store: schema 2 applied (call history)', 'store: schema 3 applied (messaging, presence, address book, voicemail)']);
    expect(s.calls.get('call-1')?.callee.pendingCustom).toEqual([{ name: 'X-A', value: '1' }]);
    const record = (id: string, username: string, seq: number) => ({ id, username, seq, params: { direction: 'outgoing', duration: '0' } });
    s.history.put(record('log-2', 'alice@example.com', 2));
    s.history.put(record('log-1', 'alice@example.com', 1));
    s.history.put(record('log-3', 'bob@example.com', 3));
    s.close();
    const again = track(openSqliteStore(file));
    expect(again.history.list().map((r) => r.id)).toEqual(['log-1', 'log-2', 'log-3']);
    again.history.delete('log-2');
    again.history.clear('bob@example.com');
    expect(again.history.list()).toEqual([record('log-1', 'alice@example.com', 1)]);
  });

  it('round-trips every record kind through a close and reopen', () => {
    const file = join(dir, 'r.sqlite');
    const s1 = track(openSqliteStore(file));
    s1.subscriptions.put({ id: 'sub-1', username: 'alice@example.com', services: ['call', 'custom'], expires: 60, expiresAt: 123, path: '/sub', channelId: 'ch-1', sessionId: 'ses-1', clientCorrelator: 'c1', localization: 'English_US', useTurn: false, notificationType: 'WebSocket', createdAt: 7, order: 3 });
    s1.sessions.put({ id: 'ses-1', username: 'alice@example.com', subscriptionId: 'sub-1', ended: true, forgetAt: 456 });
    s1.channels.put({ id: 'ch-1', username: 'alice@example.com', path: '/ws/ch-1', state: 'gone', goneFrame: '{"x":1}', releaseAt: 9 });
    s1.calls.put(call);
    s1.push.put({ id: 'reg-1', username: 'bob@example.com', provider: 'apple', registration: '/reg', createdAt: 1, expiresAt: 2, voipDeviceToken: 't' });
    s1.tokens.put({ id: 'BT1', username: 'bob@example.com', kind: 'bearer', expiresAt: 5 });
    s1.collection<{ id: string; username: string; text: string }>('messages').put({ id: 'm1', username: 'bob@example.com', text: 'hi' });
    s1.close();

    const s2 = track(openSqliteStore(file));
    expect(s2.subscriptions.list()).toEqual([expect.objectContaining({ id: 'sub-1', channelId: 'ch-1', clientCorrelator: 'c1', useTurn: false, order: 3 })]);
    expect(s2.sessions.get('ses-1')).toEqual({ id: 'ses-1', username: 'alice@example.com', subscriptionId: 'sub-1', ended: true, forgetAt: 456 });
    expect(s2.channels.get('ch-1')).toEqual({ id: 'ch-1', username: 'alice@example.com', path: '/ws/ch-1', state: 'gone', goneFrame: '{"x":1}', releaseAt: 9 });
    expect(s2.calls.get('call-1')).toEqual(call);
    expect(s2.push.list('bob@example.com')).toEqual([expect.objectContaining({ id: 'reg-1', voipDeviceToken: 't' })]);
    expect(s2.push.list('alice@example.com')).toEqual([]);
    expect(s2.tokens.get('BT1')).toEqual({ id: 'BT1', username: 'bob@example.com', kind: 'bearer', expiresAt: 5 });
    expect(s2.collection('messages').list('bob@example.com')).toEqual([{ id: 'm1', username: 'bob@example.com', text: 'hi' }]);
    // Kinds are separate: the same id in another collection is another record.
    expect(s2.collection('contacts').get('m1')).toBeUndefined();
  });

  it('replaces a record in place (list order stays insertion order) and deletes it', () => {
    const s = track(openSqliteStore(':memory:'));
    const c = s.collection<{ id: string; n: number }>('history');
    c.put({ id: 'a', n: 1 });
    c.put({ id: 'b', n: 1 });
    c.put({ id: 'a', n: 2 });
    expect(c.list()).toEqual([{ id: 'a', n: 2 }, { id: 'b', n: 1 }]);
    c.delete('a');
    c.delete('unknown');
    expect(c.list()).toEqual([{ id: 'b', n: 1 }]);
  });

  it('keeps each channel queue in order and drops through a seq or all of it', () => {
    const s = track(openSqliteStore(':memory:'));
    const q = s.notifications;
    const first = q.push('ch-1', 'f1', 1);
    const second = q.push('ch-1', 'f2', 2);
    q.push('ch-2', 'other', 3);
    expect(second).toBeGreaterThan(first);
    expect(q.list('ch-1')).toEqual([{ seq: first, frame: 'f1', at: 1 }, { seq: second, frame: 'f2', at: 2 }]);
    q.drop('ch-1', first);
    expect(q.list('ch-1').map((f) => f.frame)).toEqual(['f2']);
    q.drop('ch-1');
    expect(q.list('ch-1')).toEqual([]);
    expect(q.list('ch-2').map((f) => f.frame)).toEqual(['other']);
  });

  it('rolls a transaction back as a whole', () => {
    const s = track(openSqliteStore(':memory:'));
    expect(() =>
      s.transaction(() => {
        s.tokens.put({ id: 'T', username: 'u', kind: 'access', expiresAt: 1 });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(s.tokens.get('T')).toBeUndefined();
  });

  it('locks the file: a second store on it gets STORE_LOCKED until the first closes', () => {
    const file = join(dir, 'l.sqlite');
    const first = track(openSqliteStore(file));
    let error: unknown;
    try {
      track(openSqliteStore(file));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('STORE_LOCKED');
    first.close();
    expect(track(openSqliteStore(file)).location).toBe(file);
  });

  it('ignores writes and reads nothing once closed', () => {
    const s = openSqliteStore(':memory:');
    s.close();
    expect(() => s.tokens.put({ id: 'T', username: 'u', kind: 'access', expiresAt: 1 })).not.toThrow();
    expect(s.tokens.list()).toEqual([]);
    expect(s.notifications.list('ch')).toEqual([]);
  });

  it('checks its arguments', () => {
    expect(() => openSqliteStore('')).toThrow(TypeError);
    expect(() => openStore(5 as unknown as string)).toThrow(TypeError);
    const s = track(openSqliteStore(':memory:'));
    expect(() => s.collection(1 as unknown as string)).toThrow(TypeError);
    expect(() => s.collection('call')).toThrow(RangeError);
    expect(() => s.collection('Bad Name')).toThrow(RangeError);
  });

  it('openStore puts gateway.sqlite in a data directory it creates, or stays in memory', () => {
    const data = join(dir, 'nested', 'data');
    const s = track(openStore(data));
    expect(s.location).toBe(join(data, STORE_FILE));
    expect(track(openStore(':memory:')).location).toBe(':memory:');
  });
  it('keeps the messaging tables of migration 3 through a reopen: messages in order per conversation, keyed and owned records', () => {
    const file = join(dir, 'msg.sqlite');
    const s1 = track(openSqliteStore(file));
    const message = (n: number, conversationId: string, clientCorrelator?: string) => ({
      messageId: `im-${n}`, username: 'alice@example.com', conversationId, type: 'im' as const, direction: 'outgoing' as const,
      sender: 'alice@example.com', recipient: conversationId, text: `t${n}`, time: n, deliveryStatus: 'delivered' as const, clientCorrelator,
    });
    s1.messages.append(message(1, 'bob@example.com', 'c-1'));
    s1.messages.append(message(2, 'carol@example.com'));
    s1.messages.append(message(3, 'bob@example.com'));
    expect(() => s1.messages.append(message(4, 'bob@example.com', 'c-1'))).toThrow(); // the correlator is unique per user
    s1.groups.put('grp-1', { groupId: 'grp-1', subject: 's', owner: 'a', participants: ['a', 'b'], createdAt: 1 });
    s1.presence.put('alice@example.com', { status: 'open', activity: 'busy' });
    s1.mwi.put('alice@example.com', { mwi: 'yes', totalVoice: '1', unheardVoice: '1', time: 5 });
    s1.watches.put('sub-1', 'bob', { name: 'bob', target: 'bob@example.com' });
    s1.contacts.put('alice@example.com', 'bobby', { nickname: 'bobby', friendStatus: true });
    s1.contacts.put('alice@example.com', 'bobby', { nickname: 'bobby', friendStatus: false });
    s1.close();

    const s2 = track(openSqliteStore(file));
    expect(s2.messages.page('alice@example.com', 'bob@example.com', 0, 10).map((m) => m.messageId)).toEqual(['im-3', 'im-1']);
    expect(s2.messages.page('alice@example.com', 'bob@example.com', 1, 10).map((m) => m.messageId)).toEqual(['im-1']);
    expect(s2.messages.byCorrelator('alice@example.com', 'c-1')?.messageId).toBe('im-1');
    expect(s2.messages.counts()).toEqual(new Map([['alice@example.com', 3]]));
    expect(s2.messages.conversations('alice@example.com').map((c) => [c.conversationId, c.messageCount, c.lastMessage.messageId])).toEqual([
      ['bob@example.com', 2, 'im-3'],
      ['carol@example.com', 1, 'im-2'],
    ]);
    s2.messages.dropOldest('alice@example.com');
    expect(s2.messages.byCorrelator('alice@example.com', 'c-1')).toBeUndefined();
    expect(s2.messages.clear('alice@example.com', 'bob@example.com')).toBe(1);
    expect(s2.groups.entries()).toEqual([['grp-1', expect.objectContaining({ participants: ['a', 'b'] })]]);
    expect(s2.presence.get('alice@example.com')).toEqual({ status: 'open', activity: 'busy' });
    expect(s2.mwi.get('alice@example.com')?.totalVoice).toBe('1');
    expect(s2.watches.entries()).toEqual([['sub-1', 'bob', { name: 'bob', target: 'bob@example.com' }]]);
    expect(s2.contacts.list('alice@example.com')).toEqual([{ nickname: 'bobby', friendStatus: false }]);
    expect(s2.contacts.count('alice@example.com')).toBe(1);
    s2.contacts.clear('alice@example.com');
    expect(s2.contacts.get('alice@example.com', 'bobby')).toBeUndefined();
  });
});
