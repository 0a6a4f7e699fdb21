/**
 * A notification leaves the gateway only once the write it belongs to has committed: an IM is
 * stored and notified in one transaction, and a crash between the socket write and the commit would
 * leave the recipient holding a message the store lost — the sender's retry then stores it again
 * under a new id, and the recipient has it twice (seen once in tooling/integration/messagingKill.test.ts).
 */
import WebSocket from 'ws';
import { Channel } from '../src/channels';
import { resolveSettings } from '../src/config';
import { openSqliteStore, type Store } from '../src/store';
import { TimerSet } from '../src/timers';

let store: Store;
let timers: TimerSet;
beforeEach(() => {
  store = openSqliteStore(':memory:');
  timers = new TimerSet();
});
afterEach(() => {
  timers.clear();
  store.close();
});

describe('store.afterCommit', () => {
  it('runs at once outside a transaction, after the commit inside one, in order, and never after a rollback', () => {
    const ran: string[] = [];
    store.afterCommit(() => ran.push('outside'));
    expect(ran).toEqual(['outside']);
    store.transaction(() => {
      store.afterCommit(() => ran.push('a'));
      store.afterCommit(() => ran.push('b'));
      expect(ran).toEqual(['outside']);
    });
    expect(ran).toEqual(['outside', 'a', 'b']);
    expect(() =>
      store.transaction(() => {
        store.afterCommit(() => ran.push('rolled back'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(ran).toEqual(['outside', 'a', 'b']);
  });

  it('a nested transaction hands its effects to the outer one; a nested rollback drops only its own', () => {
    const ran: string[] = [];
    store.transaction(() => {
      store.transaction(() => store.afterCommit(() => ran.push('inner')));
      expect(ran).toEqual([]);
      try {
        store.transaction(() => {
          store.afterCommit(() => ran.push('inner, rolled back'));
          throw new Error('inner boom');
        });
      } catch {
        // the outer transaction goes on
      }
      store.afterCommit(() => ran.push('outer'));
    });
    expect(ran).toEqual(['inner', 'outer']);
  });
});

describe('a channel with a connected socket', () => {
  function connected() {
    const sent: string[] = [];
    const socket = { readyState: WebSocket.OPEN, bufferedAmount: 0, send: (frame: string) => sent.push(frame), on: () => socket, terminate: () => undefined, close: () => undefined };
    const channel = new Channel('ch-1', 'bob@example.com', '/p', resolveSettings({}), timers, () => undefined, store);
    channel.attach(socket as unknown as WebSocket);
    return { channel, sent };
  }

  it('writes a notification delivered inside a transaction to the socket only after the commit', () => {
    const { channel, sent } = connected();
    store.transaction(() => {
      channel.deliver({ eventType: 'IM', eventId: 'im-1' });
      expect(sent).toEqual([]);
    });
    expect(sent.map((f) => JSON.parse(f).notificationMessage.eventId)).toEqual(['im-1']);
  });

  it('never writes one whose transaction rolled back', () => {
    const { channel, sent } = connected();
    expect(() =>
      store.transaction(() => {
        channel.deliver({ eventType: 'IM', eventId: 'im-lost' });
        throw new Error('the store write failed');
      }),
    ).toThrow('the store write failed');
    channel.deliver({ eventType: 'IM', eventId: 'im-2' });
    expect(sent.map((f) => JSON.parse(f).notificationMessage.eventId)).toEqual(['im-2']);
  });
});
