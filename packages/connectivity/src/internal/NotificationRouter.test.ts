import { LogManager, type LogEntry } from '@switchboard/core';
import type { LinkNotification } from '../tokens';
import { createIdCache, createNotificationRouter } from './NotificationRouter';

type RouterSettings = { idCacheLength: number; incomingCallNotificationMode: 'any-channel' | 'push-channel-only'; websocketEnabled: boolean };

function setup(settings: Partial<RouterSettings> = {}) {
  const logs: LogEntry[] = [];
  const logger = new LogManager(() => ({ logLevel: 'debug', handler: (e) => logs.push(e) })).create('connectivity');
  const s: RouterSettings = { idCacheLength: 100, incomingCallNotificationMode: 'any-channel', websocketEnabled: true, ...settings };
  const router = createNotificationRouter(logger, () => s);
  Object.defineProperty(router, 'websocketEnabled', { get: () => s.websocketEnabled });
  const seen: Array<[string, string]> = [];
  router.register('*', (n, ch) => seen.push([String(n.eventId), ch]));
  return { router, seen, logs, s };
}

const frame = (eventType: string, eventId?: string) => JSON.stringify({ notificationMessage: { eventType, eventId } });

describe('IdCache', () => {
  it('remembers the last N ids; 0 disables the check', () => {
    const add = createIdCache();
    expect(add('a', 2)).toBe(true);
    expect(add('a', 2)).toBe(false);
    add('b', 2);
    add('c', 2); // evicts a
    expect(add('a', 2)).toBe(true);
    expect(add('x', 0)).toBe(true);
    expect(add('x', 0)).toBe(true);
  });
});

describe('NotificationRouter', () => {
  it('drops duplicates across channels and routes by eventType and "*"', () => {
    const { router, seen } = setup();
    const calls: LinkNotification[] = [];
    const off = router.register(['call', 'callEnd'], (n) => calls.push(n));
    router.handleFrame(frame('call', 'e1'));
    router.handleFrame(frame('call', 'e1'));
    expect(router.dispatch({ notificationMessage: { eventType: 'call', eventId: 'e1' } }, 'PUSH')).toBe(false);
    router.handleFrame(frame('IM', 'e2'));
    off();
    router.handleFrame(frame('callEnd', 'e3'));
    expect(calls.map((n) => n.eventId)).toEqual(['e1']);
    expect(seen).toEqual([['e1', 'WEBSOCKET'], ['e2', 'WEBSOCKET'], ['e3', 'WEBSOCKET']]);
  });

  it('de-duplicates a numeric eventId (sent twice, or once as a number and once as a string) and hands it on as a string', () => {
    const { router, seen } = setup();
    const ids: unknown[] = [];
    router.register('IM', (n) => ids.push(n.eventId));
    const numeric = JSON.stringify({ notificationMessage: { eventType: 'IM', eventId: 7 } });
    router.handleFrame(numeric);
    router.handleFrame(numeric);
    expect(router.dispatch({ notificationMessage: { eventType: 'IM', eventId: 7 } }, 'PUSH')).toBe(false);
    router.handleFrame(frame('IM', '7'));
    router.handleFrame(JSON.stringify({ notificationMessage: { eventType: 'IM', eventId: 8 } }));
    expect(ids).toEqual(['7', '8']);
    expect(seen).toEqual([['7', 'WEBSOCKET'], ['8', 'WEBSOCKET']]);
  });

  it('keeps only idCacheLength ids, and none with 0', () => {
    const { router, seen, s } = setup({ idCacheLength: 1 });
    router.handleFrame(frame('IM', 'a'));
    router.handleFrame(frame('IM', 'b'));
    router.handleFrame(frame('IM', 'a'));
    expect(seen.map(([id]) => id)).toEqual(['a', 'b', 'a']);
    s.idCacheLength = 0;
    router.handleFrame(frame('IM', 'b'));
    expect(seen).toHaveLength(4);
  });

  it('logs and drops malformed frames, ignores connCheck/connAck, isolates throwing handlers', () => {
    const { router, seen, logs } = setup();
    router.register('IM', () => {
      throw new Error('app bug');
    });
    for (const bad of ['not json', '42', 'null', JSON.stringify({ foo: 1 }), JSON.stringify({ notificationMessage: { eventId: 'x' } }), 7]) {
      expect(() => router.handleFrame(bad)).not.toThrow();
    }
    router.handleFrame(JSON.stringify({ connCheck: {} }));
    router.handleFrame(frame('IM', 'ok'));
    expect(seen).toEqual([['ok', 'WEBSOCKET']]);
    expect(logs.filter((l) => l.level === 'warn')).toHaveLength(6);
    expect(logs.some((l) => l.level === 'error' && String(l.messages[0]).includes('threw'))).toBe(true);
  });

  it('honours enableWebsocket(false) and push-channel-only for incoming calls', () => {
    const { router, seen, s } = setup({ incomingCallNotificationMode: 'push-channel-only' });
    router.handleFrame(frame('call', 'c1'));
    router.dispatch({ notificationMessage: { eventType: 'call', eventId: 'c2' } }, 'PUSH');
    s.websocketEnabled = false;
    router.handleFrame(frame('IM', 'i1'));
    expect(seen).toEqual([['c2', 'PUSH']]);
  });

  it('rejects bad registrations', () => {
    const { router } = setup();
    expect(() => router.register([], () => undefined)).toThrow(TypeError);
    expect(() => router.register('IM', 'x' as never)).toThrow(TypeError);
  });
});
