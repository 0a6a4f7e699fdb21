/**
 * sip-events over the Link adapter (protocol §8, §4.16) with the test kit's fake connectivity: the
 * exact requests, the events and details, refused values (nothing sent), the service
 * prerequisite, failures, malformed notifications, the §8.1 refresh timer (a 404 subscribes
 * again), links.callId (with and without the call plugin), destroy releasing everything.
 */
import { BasicError, createClient, type LogEntry } from '@switchboard/core';
import type { LinkResponse } from '@switchboard/connectivity';
import {
  FakeLinkTransport, FakeNotificationRegistry, chromeAnswer, createMemoryCallBackend, createMemorySipEvents, createTestClient, fakeConnectivityPlugin,
  fakeSubscriptionView, linkGateway, memoryCallBackendPlugin, until, type SentRequest,
} from '@switchboard/test-utils';
import { sipCallLinksPlugin } from './callLinks';
import { sipEventsPlugin } from './plugin';

const U = '/rest/version/1/user/alice@example.com/eventSubscription';
const P = 'event:presence';

/** The reference gateway's answers: subscribe → evs-N / 3600, update → same id, delete → 204. */
function gatewayLike(expires = 3600) {
  let n = 0;
  return (req: SentRequest): LinkResponse => {
    if (req.method === 'DELETE') return { ok: true, status: 204, body: {} };
    const id = req.method === 'POST' ? `evs-${++n}` : req.path.slice(req.path.lastIndexOf('/') + 1);
    return { ok: true, status: 200, body: { eventSubscriptionResponse: { statusCode: 0, sessionData: id, expires } } };
  };
}

const sipEvent = (eventType: string, eventId: string, params: unknown) => ({ eventType, eventId, genericNotificationParams: params });

function setup(options: { services?: string[]; logs?: (entry: LogEntry) => void; expires?: number } = {}) {
  const transport = new FakeLinkTransport();
  transport.responder = gatewayLike(options.expires);
  const notifications = new FakeNotificationRegistry();
  const subscription = fakeSubscriptionView(options.services ?? ['call', P]);
  const client = createClient({
    plugins: [fakeConnectivityPlugin({ transport, notifications, subscription }).plugin, sipEventsPlugin()],
    config: { logs: options.logs ? { logLevel: 'warn', handler: options.logs } : { logLevel: 'silent' } },
  });
  const events: Array<[string, unknown]> = [];
  client.subscribe((type, ...args) => void (type.startsWith('sip:') && events.push([type, args[0]])));
  const sent = () => transport.sent.map((s) => [s.method, s.path, s.body]);
  return { client, transport, notifications, subscription, events, sent, types: () => events.map(([t]) => t) };
}

let env: ReturnType<typeof setup> | undefined;
afterEach(async () => {
  jest.useRealTimers();
  const client = env?.client;
  env = undefined;
  await client?.destroy();
});

describe('sip: subscribe, update, unsubscribe, getDetails', () => {
  beforeEach(() => {
    env = setup();
  });

  test('subscribe(): POST eventSubscription; sip:subscriptionChange new; getDetails', async () => {
    await env!.client.sip.subscribe(P, ['bob@example.com', 'carol@example.com', 'bob@example.com'], 'tab-1', [{ name: 'X-nt-GUID', value: 'G1' }]);
    expect(env!.sent()).toEqual([
      ['POST', U, { eventSubscriptionRequest: { eventType: P, subscribeUserList: ['bob@example.com', 'carol@example.com'], clientCorrelator: 'tab-1', customParameters: [{ name: 'X-nt-GUID', value: 'G1' }] } }],
    ]);
    expect(env!.events).toEqual([['sip:subscriptionChange', { eventType: P, change: 'new', subscribedUsers: ['bob@example.com', 'carol@example.com'] }]]);
    const details = env!.client.sip.getDetails(P);
    expect(details).toEqual({
      eventType: P, id: 'evs-1', subscribedUsers: ['bob@example.com', 'carol@example.com'], clientCorrelator: 'tab-1',
      customParameters: [{ name: 'X-nt-GUID', value: 'G1' }], expires: 3600, notifications: [],
    });
    details!.subscribedUsers.push('x');
    expect(env!.client.sip.getDetails()).toEqual({ [P]: expect.objectContaining({ subscribedUsers: ['bob@example.com', 'carol@example.com'] }) });
    expect(env!.client.sip.getDetails('event:dialog')).toBeUndefined();
  });

  test('no customParameters: none sent', async () => {
    await env!.client.sip.subscribe(P, ['bob'], 'tab-1');
    expect(env!.transport.sent[0]!.body).toEqual({ eventSubscriptionRequest: { eventType: P, subscribeUserList: ['bob'], clientCorrelator: 'tab-1' } });
  });

  test('update(): PUT with the lists (the seed example key subscribedUserList too); sip:subscriptionChange updated', async () => {
    await env!.client.sip.subscribe(P, ['bob'], 'tab-1');
    await env!.client.sip.update(P, { subscribedUserList: ['carol'], unsubscribeUserList: ['bob'] });
    await env!.client.sip.update(P, { subscribeUserList: ['dave'] }, [{ name: 'X-a', value: '1' }]);
    expect(env!.sent().slice(1)).toEqual([
      ['PUT', `${U}/evs-1`, { eventSubscriptionRequest: { eventType: P, subscribeUserList: ['carol'], unsubscribeUserList: ['bob'], customParameters: [] } }],
      ['PUT', `${U}/evs-1`, { eventSubscriptionRequest: { eventType: P, subscribeUserList: ['dave'], customParameters: [{ name: 'X-a', value: '1' }] } }],
    ]);
    expect(env!.events.slice(1)).toEqual([
      ['sip:subscriptionChange', { eventType: P, change: 'updated', subscribedUsers: ['carol'], unsubscribedUsers: ['bob'] }],
      ['sip:subscriptionChange', { eventType: P, change: 'updated', subscribedUsers: ['dave'], unsubscribedUsers: [] }],
    ]);
    expect(env!.client.sip.getDetails(P)).toMatchObject({ subscribedUsers: ['carol', 'dave'], customParameters: [{ name: 'X-a', value: '1' }] });
  });

  test('update() removing every user deletes the subscription (sip:subscriptionChange deleted)', async () => {
    await env!.client.sip.subscribe(P, ['bob'], 'tab-1');
    await env!.client.sip.update(P, { unsubscribeUserList: ['bob'] });
    expect(env!.events[1]).toEqual(['sip:subscriptionChange', { eventType: P, change: 'deleted', unsubscribedUsers: ['bob'] }]);
    expect(env!.client.sip.getDetails(P)).toBeUndefined();
  });

  test('update() of a subscription the gateway no longer has (404): subscribes again with the updated users, no error, no stale state', async () => {
    await env!.client.sip.subscribe(P, ['bob', 'carol'], 'tab-1', [{ name: 'X-a', value: '1' }]);
    const normal = env!.transport.responder;
    const lost = (req: SentRequest) => (req.method === 'PUT' ? { ok: false, status: 404, body: { eventSubscriptionResponse: { statusCode: 42 } } } : normal(req));
    env!.transport.responder = lost;
    await env!.client.sip.update(P, { subscribeUserList: ['dave'], unsubscribeUserList: ['bob'] });
    expect(env!.sent().slice(2)).toEqual([['POST', U, { eventSubscriptionRequest: { eventType: P, subscribeUserList: ['carol', 'dave'], clientCorrelator: 'tab-1', customParameters: [{ name: 'X-a', value: '1' }] } }]]);
    expect(env!.events.slice(1)).toEqual([['sip:subscriptionChange', { eventType: P, change: 'updated', subscribedUsers: ['dave'], unsubscribedUsers: ['bob'] }]]);
    expect(env!.client.sip.getDetails(P)).toMatchObject({ id: 'evs-2', subscribedUsers: ['carol', 'dave'] });
    // removing everyone from a lost subscription: it is gone, nothing to subscribe again
    await env!.client.sip.update(P, { unsubscribeUserList: ['carol', 'dave'] });
    expect(env!.transport.sent).toHaveLength(4);
    expect(env!.events[2]).toEqual(['sip:subscriptionChange', { eventType: P, change: 'deleted', unsubscribedUsers: ['carol', 'dave'] }]);
    expect(env!.client.sip.getDetails()).toEqual({});
  });

  test('unsubscribe(): DELETE; sip:subscriptionChange deleted; getDetails undefined; a gateway 404 counts as gone', async () => {
    await env!.client.sip.subscribe(P, ['bob'], 'tab-1');
    await env!.client.sip.unsubscribe(P);
    expect(env!.sent()[1]).toEqual(['DELETE', `${U}/evs-1`, undefined]);
    expect(env!.events[1]).toEqual(['sip:subscriptionChange', { eventType: P, change: 'deleted', unsubscribedUsers: ['bob'] }]);
    expect(env!.client.sip.getDetails()).toEqual({});
    await env!.client.sip.subscribe(P, ['bob'], 'tab-1');
    env!.transport.responder = () => ({ ok: false, status: 404, body: { eventSubscriptionResponse: { statusCode: 42 } } });
    await env!.client.sip.unsubscribe(P);
    expect(env!.types()).toEqual(['sip:subscriptionChange', 'sip:subscriptionChange', 'sip:subscriptionChange', 'sip:subscriptionChange']);
  });
});

describe('sip: events', () => {
  beforeEach(() => {
    env = setup();
  });

  test('a solicited event: sip:eventsChange with the raw notification, kept in getDetails; links.callId = the leg id as sent', async () => {
    await env!.client.sip.subscribe(P, ['bob'], 'tab-1');
    const n = sipEvent(P, 'g-1', { from: 'sip:bob', data: '<presence/>', sessiondataType: 'call', sessionData: 'leg-b-7' });
    env!.notifications.deliver(n);
    const expected = { eventType: P, eventId: 'g-1', event: n, links: { callId: 'leg-b-7' } };
    expect(env!.events[1]).toEqual(['sip:eventsChange', expected]);
    expect(env!.client.sip.getDetails(P)!.notifications).toEqual([expected]);
  });

  test('an unsolicited event (no subscription) reaches sip:eventsChange; without sessiondataType "call" links is empty', () => {
    env!.notifications.deliver(sipEvent('event:ua-profile', 'g-2', { data: 'x', sessionData: 'leg-1' }));
    expect(env!.events).toEqual([['sip:eventsChange', { eventType: 'event:ua-profile', eventId: 'g-2', event: expect.any(Object), links: {} }]]);
    expect(env!.client.sip.getDetails()).toEqual({});
  });

  test('getDetails keeps the last 100 events', async () => {
    await env!.client.sip.subscribe(P, ['bob'], 'tab-1');
    for (let i = 0; i < 105; i++) env!.notifications.deliver(sipEvent(P, `g-${i}`, { i }));
    const kept = env!.client.sip.getDetails(P)!.notifications;
    expect(kept).toHaveLength(100);
    expect(kept[0]!.eventId).toBe('g-5');
  });

  test('malformed SIP event notifications are logged and dropped; other notifications are ignored', async () => {
    const warnings: unknown[] = [];
    await env!.client.destroy();
    env = setup({ logs: (entry) => void (entry.level === 'warn' && warnings.push(entry.messages[0])) });
    for (const bad of [sipEvent(P, 'g-1', 'text'), sipEvent(P, 'g-2', null), sipEvent(P, 'g-3', [1]), { eventType: P, genericNotificationParams: {} }, { eventType: P, eventId: 5, genericNotificationParams: {} }]) {
      env!.notifications.deliver(bad as never);
    }
    env!.notifications.deliver({ eventType: 'IM', eventId: 'i-1' });
    expect(env!.events).toEqual([]);
    expect(warnings.filter((m) => String(m).includes('malformed SIP event'))).toHaveLength(5);
  });
});

describe('sip: refusals and failures', () => {
  beforeEach(() => {
    env = setup();
  });

  test('the event type\'s service must be in the subscription: SIP_SERVICE_NOT_SUBSCRIBED, nothing sent', async () => {
    env!.subscription.services = ['call'];
    await env!.client.sip.subscribe(P, ['bob'], 'tab-1');
    expect(env!.transport.sent).toEqual([]);
    expect(env!.events).toEqual([['sip:error', { eventType: P, error: expect.objectContaining({ code: 'SIP_SERVICE_NOT_SUBSCRIBED', pluginId: 'sip-events' }) }]]);
    expect(env!.client.sip.getDetails()).toEqual({});
  });

  test('wrong values: sip:error INVALID_ARGUMENT, nothing sent', async () => {
    const { sip } = env!.client;
    await sip.subscribe('presence', ['bob'], 'c');
    await sip.subscribe(P, [], 'c');
    await sip.subscribe(P, [' '], 'c');
    await sip.subscribe(P, ['bob\n'], 'c');
    await sip.subscribe(P, ['x'.repeat(257)], 'c');
    await sip.subscribe(P, ['bob'], '');
    await sip.subscribe(P, ['bob'], 'c', [{ name: '', value: 'v' }]);
    await sip.subscribe(P, ['bob'], 'c');
    await sip.update(P, {});
    await sip.update(P, { subscribeUserList: [''] });
    await sip.unsubscribe('event:');
    expect(env!.transport.sent).toHaveLength(1);
    const codes = env!.events.filter(([t]) => t === 'sip:error').map(([, p]) => (p as { error: BasicError }).error.code);
    expect(codes).toEqual(Array(10).fill('INVALID_ARGUMENT'));
  });

  test('wrong states: SIP_SUBSCRIPTION_EXISTS, SIP_SUBSCRIPTION_NOT_FOUND, SIP_OPERATION_IN_PROGRESS', async () => {
    const { sip } = env!.client;
    await sip.update(P, { subscribeUserList: ['bob'] });
    await sip.unsubscribe(P);
    await sip.subscribe(P, ['bob'], 'c');
    await sip.subscribe(P, ['carol'], 'c');
    let answer!: () => void;
    env!.transport.responder = (req) => new Promise((r) => (answer = () => r(gatewayLike()(req))));
    const pending = sip.update(P, { subscribeUserList: ['carol'] });
    await sip.unsubscribe(P);
    answer();
    await pending;
    const codes = env!.events.filter(([t]) => t === 'sip:error').map(([, p]) => (p as { error: BasicError }).error.code);
    expect(codes).toEqual(['SIP_SUBSCRIPTION_NOT_FOUND', 'SIP_SUBSCRIPTION_NOT_FOUND', 'SIP_SUBSCRIPTION_EXISTS', 'SIP_OPERATION_IN_PROGRESS']);
    expect(env!.transport.sent).toHaveLength(2);
  });

  test('wrong types throw a TypeError synchronously', () => {
    const sip = env!.client.sip as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(() => sip.subscribe!(5, ['bob'], 'c')).toThrow(TypeError);
    expect(() => sip.subscribe!(P, 'bob', 'c')).toThrow(TypeError);
    expect(() => sip.subscribe!(P, ['bob'], 7)).toThrow(TypeError);
    expect(() => sip.subscribe!(P, ['bob'], 'c', [{ name: 1 }])).toThrow(TypeError);
    expect(() => sip.update!(P, null)).toThrow(TypeError);
    expect(() => sip.update!(P, { unsubscribeUserList: 'bob' })).toThrow(TypeError);
    expect(() => sip.unsubscribe!(undefined)).toThrow(TypeError);
    expect(() => sip.getDetails!(5)).toThrow(TypeError);
    expect(() => sip.subscribe!(P, ['bob'], 'c', Object.assign([], { 1: { name: 'X', value: 'v' } }))).toThrow(TypeError); // a hole is not a { name, value }
    expect(() => sip.subscribe!(P, Object.assign([], { 1: 'bob' }), 'c')).toThrow(/array of user ids/);
    expect(env!.transport.sent).toEqual([]);
  });

  test('a refusal: sip:error SIP_REQUEST_FAILED naming the statusCode; a network failure: NETWORK_ERROR; nothing kept', async () => {
    env!.transport.responder = () => ({ ok: false, status: 403, body: { eventSubscriptionResponse: { statusCode: 19, reason: 'Too many users' } } });
    await expect(env!.client.sip.subscribe(P, ['bob'], 'c')).resolves.toBeUndefined();
    env!.transport.responder = () => Promise.reject(new BasicError('NETWORK_ERROR', 'offline'));
    await env!.client.sip.subscribe(P, ['bob'], 'c');
    env!.transport.responder = () => ({ ok: true, status: 200, body: { eventSubscriptionResponse: { statusCode: 0 } } });
    await env!.client.sip.subscribe(P, ['bob'], 'c');
    const errors = env!.events.map(([, p]) => (p as { error: BasicError }).error);
    expect(errors.map((e) => e.code)).toEqual(['SIP_REQUEST_FAILED', 'NETWORK_ERROR', 'SIP_REQUEST_FAILED']);
    expect(errors[0]!.message).toContain('statusCode 19');
    expect(env!.client.sip.getDetails()).toEqual({});
  });
});

describe('sip: refresh (§8.1) and destroy', () => {
  test('re-subscribes by PUT (no lists) every expires/2; a 404 subscribes again with the same users', async () => {
    jest.useFakeTimers();
    env = setup({ expires: 60 });
    await env.client.sip.subscribe(P, ['bob'], 'tab-1');
    await jest.advanceTimersByTimeAsync(29_999);
    expect(env.transport.sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(env.sent()[1]).toEqual(['PUT', `${U}/evs-1`, { eventSubscriptionRequest: { eventType: P } }]);
    const normal = env.transport.responder;
    env.transport.responder = (req) => (req.method === 'PUT' ? { ok: false, status: 404, body: { eventSubscriptionResponse: { statusCode: 42 } } } : normal(req));
    await jest.advanceTimersByTimeAsync(30_000);
    expect(env.sent().slice(2)).toEqual([
      ['PUT', `${U}/evs-1`, { eventSubscriptionRequest: { eventType: P } }],
      ['POST', U, { eventSubscriptionRequest: { eventType: P, subscribeUserList: ['bob'], clientCorrelator: 'tab-1' } }],
    ]);
    expect(env.client.sip.getDetails(P)!.id).toBe('evs-2');
    expect(env.types()).toEqual(['sip:subscriptionChange']);
  });

  test('a failed refresh is sip:error and the timer keeps running; unsubscribe stops it', async () => {
    jest.useFakeTimers();
    env = setup({ expires: 10 });
    await env.client.sip.subscribe(P, ['bob'], 'tab-1');
    const normal = env.transport.responder;
    env.transport.responder = (req) => (req.method === 'PUT' ? { ok: false, status: 500, body: {} } : normal(req));
    await jest.advanceTimersByTimeAsync(5_000);
    expect(env.events[1]).toEqual(['sip:error', { eventType: P, error: expect.objectContaining({ code: 'SIP_REQUEST_FAILED' }) }]);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(env.transport.sent.filter((s) => s.method === 'PUT')).toHaveLength(2);
    env.transport.responder = normal;
    await env.client.sip.unsubscribe(P);
    const count = env.transport.sent.length;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(env.transport.sent).toHaveLength(count);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('destroy() clears the refresh timers and the notification handler; late answers emit nothing', async () => {
    jest.useFakeTimers();
    env = setup({ expires: 10 });
    await env.client.sip.subscribe(P, ['bob'], 'tab-1');
    let answer!: () => void;
    env.transport.responder = (req) => new Promise((r) => (answer = () => r(gatewayLike()(req))));
    const pending = env.client.sip.update(P, { subscribeUserList: ['carol'] });
    const { client, notifications, events, transport } = env;
    env = undefined;
    const destroying = client.destroy();
    await jest.advanceTimersByTimeAsync(1); // core's teardown yields to the event loop
    await destroying;
    expect(jest.getTimerCount()).toBe(0);
    answer();
    await pending;
    notifications.deliver(sipEvent(P, 'g-1', {}));
    expect(events.map(([t]) => t)).toEqual(['sip:subscriptionChange']);
    expect(notifications.handlers).toEqual([]);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(transport.sent).toHaveLength(2);
  });
});

describe('sip: refresh timer edge cases (review, issue 12)', () => {
  test('a lifetime too long for a timer (gateway data) does not refresh in a loop: the refresh waits the longest timer', async () => {
    jest.useFakeTimers();
    env = setup({ expires: 5_000_000 }); // expires/2 = 2.5e9 ms, past setTimeout's 2^31-1 ms
    await env.client.sip.subscribe(P, ['bob'], 'tab-1');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(env.transport.sent).toHaveLength(1);
    expect(env.client.sip.getDetails(P)!.expires).toBe(5_000_000);
    await jest.advanceTimersByTimeAsync(2 ** 31 - 1 - 60_000);
    expect(env.transport.sent.map((s) => s.method)).toEqual(['POST', 'PUT']);
  });

  test('a refresh due while an update is in flight is not put off by a whole half-lifetime when the update fails', async () => {
    jest.useFakeTimers();
    env = setup({ expires: 60 });
    await env.client.sip.subscribe(P, ['bob'], 'tab-1');
    const normal = env.transport.responder;
    let refuse!: () => void;
    env.transport.responder = () => new Promise((r) => (refuse = () => r({ ok: false, status: 403, body: { eventSubscriptionResponse: { statusCode: 19 } } })));
    const pending = env.client.sip.update(P, { subscribeUserList: ['carol'] });
    await jest.advanceTimersByTimeAsync(30_000); // the refresh is due: the update holds the event type
    env.transport.responder = normal;
    refuse();
    await pending;
    expect(env.types()).toEqual(['sip:subscriptionChange', 'sip:error']);
    // the gateway lapses the subscription 60 s after its last refresh: the refresh must come well before
    await jest.advanceTimersByTimeAsync(5_000);
    expect(env.sent().slice(2)).toEqual([['PUT', `${U}/evs-1`, { eventSubscriptionRequest: { eventType: P } }]]);
  });

  test('destroy() during a refresh that subscribes again (404) deletes the new subscription and emits nothing', async () => {
    jest.useFakeTimers();
    env = setup({ expires: 10 });
    await env.client.sip.subscribe(P, ['bob'], 'tab-1');
    const normal = env.transport.responder;
    let grant!: () => void;
    env.transport.responder = (req) => {
      if (req.method === 'PUT') return { ok: false, status: 404, body: { eventSubscriptionResponse: { statusCode: 42 } } };
      if (req.method === 'POST') return new Promise((r) => (grant = () => r(normal(req))));
      return normal(req);
    };
    await jest.advanceTimersByTimeAsync(5_000);
    expect(env.transport.sent.map((s) => s.method)).toEqual(['POST', 'PUT', 'POST']);
    const { client, events, transport } = env;
    env = undefined;
    const destroying = client.destroy();
    await jest.advanceTimersByTimeAsync(1);
    await destroying;
    grant();
    await jest.advanceTimersByTimeAsync(1);
    expect(transport.sent.slice(3).map((s) => [s.method, s.path])).toEqual([['DELETE', `${U}/evs-2`]]);
    expect(events.map(([t]) => t)).toEqual(['sip:subscriptionChange']);
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('sip: the plugin contract and links to local calls', () => {
  test('another backend replaces the Link adapter (option); the in-memory fake of the test kit', async () => {
    const memory = createMemorySipEvents();
    const client = createClient({
      plugins: [fakeConnectivityPlugin({ subscription: fakeSubscriptionView(['event:presence']) }).plugin, sipEventsPlugin({ backend: memory.backend })],
      config: { logs: { logLevel: 'silent' } },
    });
    const seen: unknown[] = [];
    client.on('sip:eventsChange', (e) => seen.push(e.eventId));
    await client.sip.subscribe(P, ['bob'], 'c');
    expect(memory.subscriptions()).toEqual([expect.objectContaining({ eventType: P, users: ['bob'] })]);
    memory.deliver(P, { from: 'sip:bob' });
    expect(seen).toEqual(['m-1']);
    await client.destroy();
    expect(() => sipEventsPlugin({ backend: 5 as never })).toThrow(TypeError);
    expect(() => sipEventsPlugin(null as never)).toThrow(TypeError);
    expect(() => sipEventsPlugin([] as never)).toThrow(TypeError);
    expect(() => sipEventsPlugin({ backend: {} as never })).toThrow(TypeError);
    expect(() => sipEventsPlugin({ backend: { ...memory.backend, onEvent: 5 } as never })).toThrow(TypeError);
  });

  test('with the call plugin and sipCallLinksPlugin(): links.callId is the local call id of the leg', async () => {
    const backend = createMemoryCallBackend();
    const gateway = linkGateway();
    const t = createTestClient({ plugins: [memoryCallBackendPlugin(backend), sipEventsPlugin(), sipCallLinksPlugin()] as const, fetch: gateway });
    try {
      const seen: Array<string | undefined> = [];
      t.client.on('sip:eventsChange', ({ links }) => seen.push(links.callId));
      t.client.services.subscribe(['call']);
      await until(() => t.client.services.getSubscriptions().subscribed.includes('call'));
      const started = backend.next('start');
      const id = t.client.call.make('bob@example.com', { audio: true });
      const { sessionId } = await started;
      backend.remote.answer(sessionId, chromeAnswer);
      await until(() => t.client.call.getById(id)?.state === 'Connected');
      const ws = t.sockets.last();
      ws.serverMessage(JSON.stringify({ notificationMessage: { eventType: P, eventId: 'g-1', genericNotificationParams: { sessiondataType: 'call', sessionData: sessionId } } }));
      ws.serverMessage(JSON.stringify({ notificationMessage: { eventType: P, eventId: 'g-2', genericNotificationParams: { sessiondataType: 'call', sessionData: 'elsewhere' } } }));
      await until(() => seen.length === 2);
      expect(seen).toEqual([id, 'elsewhere']);
    } finally {
      await t.destroy();
    }
  });
});
