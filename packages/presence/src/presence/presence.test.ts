/**
 * presence over the Link adapter (protocol §7, §4.14) with the test kit's fake connectivity: the
 * exact requests, the cache and its events, refused values (nothing sent), failures, malformed
 * notifications, the plugin contract (backend extension point, config), and ON_THE_PHONE during
 * calls — with a stand-in for the call plugin's public `call:stateChange`, and with the real call
 * plugin over the memory call backend.
 */
import { BasicError, createClient, definePlugin, eventNames, type LogEntry } from '@switchboard/core';
import {
  FakeLinkTransport, FakeNotificationRegistry, chromeAnswer, createMemoryCallBackend, createTestClient, fakeConnectivityPlugin, fakeSubscriptionView,
  linkGateway, memoryCallBackendPlugin, until,
} from '@switchboard/test-utils';
import { ok, refusal } from '../__fakes__/linkReplies';
import { presenceBackendExtensionPoint, type PresenceBackend } from './backend';
import { presencePlugin } from './plugin';

const U = '/rest/version/1/user/alice@example.com';
const watcher = (name: unknown, status: unknown = 'open', activity: unknown = 'busy', note?: unknown) => ({
  eventType: 'presenceWatcher', eventId: `p-${String(name)}`, presenceWatcherNotificationParams: { name, status, activity, ...(note === undefined ? {} : { note }) },
});

/** A stand-in for the call plugin: it declares and emits `call:stateChange` as the call plugin does. */
function fakeCallPlugin() {
  const holder: { emit?: (callId: string, state: string) => void } = {};
  const plugin = definePlugin({
    id: 'call',
    version: '0.1.0',
    events: eventNames<{ 'call:stateChange': [] }>()({ 'call:stateChange': true }),
    register(ctx) {
      holder.emit = (callId, state) => (ctx.events.emit as (t: string, p: unknown) => void)('call:stateChange', { callId, state, previous: { state: 'Ringing' } });
      return { api: {} };
    },
  });
  return { plugin, emit: (callId: string, state: string) => holder.emit!(callId, state) };
}

function setup(options: { withCall?: boolean; reportOnThePhone?: boolean; logs?: (entry: LogEntry) => void } = {}) {
  const transport = new FakeLinkTransport();
  transport.responder = (req) => ok(req);
  const notifications = new FakeNotificationRegistry();
  const call = fakeCallPlugin();
  const client = createClient({
    plugins: [fakeConnectivityPlugin({ transport, notifications }).plugin, ...(options.withCall ? [call.plugin] : []), presencePlugin()],
    config: {
      logs: options.logs ? { logLevel: 'warn', handler: options.logs } : { logLevel: 'silent' },
      presence: { reportOnThePhone: options.reportOnThePhone ?? true },
    },
  });
  client.setCredentials({ username: 'alice@example.com', password: 'alice-secret' });
  const events: Array<[string, unknown]> = [];
  client.subscribe((type, ...args) => void (type.startsWith('presence:') && events.push([type, args[0]])));
  const sent = () => transport.sent.map((s) => [s.method, s.path, s.body]);
  return { client, transport, notifications, call, events, sent, types: () => events.map(([t]) => t) };
}

let env: ReturnType<typeof setup> | undefined;
/** Destroys the test's client once (a test may have destroyed it already). */
async function release(): Promise<void> {
  const client = env?.client;
  env = undefined;
  try {
    await client?.destroy();
  } catch {
    // already destroyed by the test
  }
}
afterEach(release);

describe('presence (protocol §7)', () => {
  beforeEach(() => {
    env = setup();
  });

  test('the namespace, its constants (§17.1 wire values) and the empty caches', () => {
    expect(Object.keys(env!.client.presence).sort()).toEqual(['activities', 'fetch', 'get', 'getAll', 'getSelf', 'statuses', 'subscribe', 'unsubscribe', 'update']);
    expect(env!.client.presence.statuses).toEqual({ OPEN: 'open', CLOSED: 'closed' });
    expect(env!.client.presence.activities).toMatchObject({ AVAILABLE: 'active', ON_THE_PHONE: 'on-the-phone', OTHER: 'other', ACTIVITIES_OTHER: 'other', UNKNOWN: 'unknown' });
    expect(env!.client.presence.getAll()).toEqual([]);
    expect(env!.client.presence.get('bob@example.com')).toBeUndefined();
    expect(env!.client.presence.getSelf()).toEqual({ userId: 'alice@example.com', status: 'closed', activity: 'unknown', note: '', loading: false });
  });

  test('update(): POST presence (note only when non-empty); presence:selfChange; getSelf() has it', async () => {
    const { statuses, activities } = env!.client.presence;
    await env!.client.presence.update(statuses.OPEN, activities.AWAY);
    await env!.client.presence.update(statuses.OPEN, activities.OTHER, 'In the lab');
    expect(env!.sent()).toEqual([
      ['POST', `${U}/presence`, { presenceRequest: { status: 'open', activity: 'away' } }],
      ['POST', `${U}/presence`, { presenceRequest: { status: 'open', activity: 'other', note: 'In the lab' } }],
    ]);
    expect(env!.types()).toEqual(['presence:selfChange', 'presence:selfChange']);
    expect(env!.client.presence.getSelf()).toEqual({ userId: 'alice@example.com', status: 'open', activity: 'other', note: 'In the lab', loading: false });
  });

  test('a malformed status, activity or note: presence:error INVALID_ARGUMENT, nothing sent, own presence unchanged', async () => {
    await env!.client.presence.update('available', 'active');
    await env!.client.presence.update('open', 'on the phone');
    await env!.client.presence.update('open', 'other', 'x'.repeat(1025));
    expect(env!.transport.sent).toEqual([]);
    expect(env!.types()).toEqual(['presence:error', 'presence:error', 'presence:error']);
    for (const [, payload] of env!.events) expect((payload as { error: BasicError }).error).toMatchObject({ code: 'INVALID_ARGUMENT', pluginId: 'presence' });
    expect(env!.client.presence.getSelf().status).toBe('closed');
  });

  test('wrong argument types throw a TypeError synchronously', () => {
    const p = env!.client.presence as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(() => p.update!(1, 'active')).toThrow(TypeError);
    expect(() => p.update!('open', null)).toThrow(TypeError);
    expect(() => p.update!('open', 'other', 5)).toThrow(TypeError);
    for (const m of ['fetch', 'subscribe', 'unsubscribe', 'get']) {
      expect(() => p[m]!(5)).toThrow(TypeError);
      expect(() => p[m]!(['bob', 5])).toThrow(TypeError);
    }
    expect(env!.transport.sent).toEqual([]);
  });

  test('subscribe(): POST presenceWatcher watch; presence:subscribe; then every update is presence:change and cached', async () => {
    await env!.client.presence.subscribe(['bob@example.com', 'carol']);
    expect(env!.sent()).toEqual([['POST', `${U}/presenceWatcher`, { presenceWatcherRequest: { userList: ['bob@example.com', 'carol'], action: 'watch' } }]]);
    expect(env!.events).toEqual([['presence:subscribe', { userIds: ['bob@example.com', 'carol'] }]]);
    expect(env!.client.presence.get('carol')).toMatchObject({ userId: 'carol', loading: true });
    env!.notifications.deliver(watcher('bob@example.com', 'open', 'busy', ''));
    env!.notifications.deliver(watcher('carol', 'closed', 'unknown'));
    expect(env!.events.slice(1)).toEqual([
      ['presence:change', { userId: 'bob@example.com', status: 'open', activity: 'busy', note: '' }],
      ['presence:change', { userId: 'carol', status: 'closed', activity: 'unknown', note: '' }],
    ]);
    expect(env!.client.presence.get(['carol', 'nobody', 'bob@example.com'])).toEqual([
      { userId: 'carol', status: 'closed', activity: 'unknown', note: '', loading: false },
      { userId: 'bob@example.com', status: 'open', activity: 'busy', note: '', loading: false },
    ]);
    expect(env!.client.presence.getAll()).toHaveLength(2);
  });

  test('unsubscribe(): POST stopwatch; presence:unsubscribe; later updates for the user are dropped', async () => {
    await env!.client.presence.subscribe('bob@example.com');
    await env!.client.presence.unsubscribe('bob@example.com');
    expect(env!.transport.sent[1]!.body).toEqual({ presenceWatcherRequest: { userList: ['bob@example.com'], action: 'stopwatch' } });
    env!.notifications.deliver(watcher('bob@example.com'));
    expect(env!.types()).toEqual(['presence:subscribe', 'presence:unsubscribe']);
  });

  test('fetch(): POST presenceWatcher get; the pushed presence is presence:change; unrequested users are dropped', async () => {
    env!.notifications.deliver(watcher('bob@example.com'));
    await env!.client.presence.fetch('bob@example.com');
    expect(env!.transport.sent[0]!.body).toEqual({ presenceWatcherRequest: { userList: ['bob@example.com'], action: 'get' } });
    expect(env!.client.presence.get('bob@example.com')).toEqual({ userId: 'bob@example.com', status: '', activity: '', note: '', loading: true });
    env!.notifications.deliver(watcher('bob@example.com', 'open', 'lunch'));
    expect(env!.events).toEqual([['presence:change', { userId: 'bob@example.com', status: 'open', activity: 'lunch', note: '' }]]);
    expect(env!.client.presence.get('bob@example.com')).toMatchObject({ activity: 'lunch', loading: false });
  });

  test('malformed presenceWatcher notifications are logged and dropped', async () => {
    const warnings: unknown[] = [];
    await release();
    env = setup({ logs: (entry) => void (entry.level === 'warn' && warnings.push(entry.messages[0])) });
    await env!.client.presence.subscribe('bob@example.com');
    for (const bad of [
      { eventType: 'presenceWatcher' },
      { eventType: 'presenceWatcher', presenceWatcherNotificationParams: 'x' },
      watcher(5), watcher('bob@example.com', 3), watcher('bob@example.com', 'open', ''), watcher('bob@example.com', 'open', 'busy', 7),
    ]) {
      env!.notifications.deliver(bad as never);
    }
    expect(env!.types()).toEqual(['presence:subscribe']);
    expect(env!.client.presence.get('bob@example.com')).toMatchObject({ loading: true });
    expect(warnings.filter((m) => String(m).includes('malformed presenceWatcher'))).toHaveLength(6);
  });

  test('an empty or over-long user list: presence:error INVALID_ARGUMENT, nothing sent', async () => {
    await env!.client.presence.subscribe([]);
    await env!.client.presence.fetch(' ');
    await env!.client.presence.unsubscribe(['x'.repeat(513)]);
    await env!.client.presence.subscribe(['bob\r\n']);
    expect(env!.transport.sent).toEqual([]);
    expect(env!.types()).toEqual(['presence:error', 'presence:error', 'presence:error', 'presence:error']);
  });

  test('a refused request: presence:error PRESENCE_REQUEST_FAILED naming the statusCode; the promise resolves; nothing changes', async () => {
    env!.transport.responder = (req) => refusal(req, 403, 35);
    await expect(env!.client.presence.subscribe('bob')).resolves.toBeUndefined();
    await env!.client.presence.update('open', 'busy');
    expect(env!.types()).toEqual(['presence:error', 'presence:error']);
    const error = (env!.events[0]![1] as { error: BasicError }).error;
    expect(error).toMatchObject({ code: 'PRESENCE_REQUEST_FAILED', pluginId: 'presence' });
    expect(error.message).toContain('statusCode 35');
    expect(env!.client.presence.getAll()).toEqual([]);
    expect(env!.client.presence.getSelf().activity).toBe('unknown');
  });

  test('a network failure is delivered as presence:error with the transport code', async () => {
    env!.transport.responder = () => Promise.reject(new BasicError('NETWORK_ERROR', 'offline'));
    await env!.client.presence.fetch('bob');
    expect(env!.events).toEqual([['presence:error', { error: expect.objectContaining({ code: 'NETWORK_ERROR' }) }]]);
    // nothing is cached for a failed fetch, and a late push for the user is dropped
    env!.notifications.deliver(watcher('bob'));
    expect(env!.client.presence.getAll()).toEqual([]);
    expect(env!.events).toHaveLength(1);
  });

  test('a new gateway subscription with Presence (after GONE / a re-subscription) watches the watched users again', async () => {
    const subscription = fakeSubscriptionView();
    await release();
    const transport = new FakeLinkTransport();
    transport.responder = (req) => ok(req);
    const client = createClient({ plugins: [fakeConnectivityPlugin({ transport, subscription }).plugin, presencePlugin()], config: { logs: { logLevel: 'silent' } } });
    try {
      await client.presence.subscribe(['bob', 'carol']);
      await client.presence.fetch('dave');
      await client.presence.unsubscribe('carol');
      subscription.services = ['call'];
      subscription.notifyChange();
      subscription.services = ['call', 'Presence'];
      subscription.notifyChange();
      subscription.notifyChange();
      await until(() => transport.sent.length === 4);
      expect(transport.sent[3]!.body).toEqual({ presenceWatcherRequest: { userList: ['bob'], action: 'watch' } });
    } finally {
      await client.destroy();
    }
    expect(transport.sent).toHaveLength(4);
  });

  test('after destroy() late answers and notifications emit nothing', async () => {
    let answer!: () => void;
    env!.transport.responder = (req) => new Promise((r) => (answer = () => r(ok(req))));
    const pending = env!.client.presence.subscribe('bob');
    await until(() => answer !== undefined);
    await env!.client.destroy();
    answer();
    await pending;
    env!.notifications.deliver(watcher('bob'));
    expect(env!.events).toEqual([]);
    expect(env!.notifications.handlers).toEqual([]);
  });
});

describe('presence: the plugin contract', () => {
  test('another backend replaces the Link adapter (option or contribution)', async () => {
    const calls: string[] = [];
    const backend: PresenceBackend = {
      name: 'memory',
      update: async (s, a) => void calls.push(`update ${s} ${a}`),
      watch: async (u) => void calls.push(`watch ${u.join()}`),
      unwatch: async () => undefined,
      fetch: async () => undefined,
      onUpdate: () => () => undefined,
    };
    const client = createClient({ plugins: [fakeConnectivityPlugin().plugin, presencePlugin({ backend })], config: { logs: { logLevel: 'silent' } } });
    await client.presence.update('open', 'busy');
    await client.presence.subscribe('bob');
    expect(calls).toEqual(['update open busy', 'watch bob']);
    await client.destroy();
    expect(presenceBackendExtensionPoint.id).toBe('presence.backend');
    expect(() => presencePlugin({ backend: 5 as never })).toThrow(TypeError);
    expect(() => presencePlugin(null as never)).toThrow(TypeError);
  });

  test('config.presence.reportOnThePhone is typed and checked', () => {
    expect(() => createClient({ plugins: [fakeConnectivityPlugin().plugin, presencePlugin()], config: { logs: { logLevel: 'silent' }, presence: { reportOnThePhone: 'yes' as never } } })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });
});

describe('presence: ON_THE_PHONE during calls', () => {
  const activityOf = (body: unknown) => (body as { presenceRequest: { activity: string } }).presenceRequest.activity;

  test('through call:stateChange: on-the-phone while a call is connected or held, the own choice again after the last call', async () => {
    env = setup({ withCall: true });
    await env!.client.presence.update('open', 'busy', 'writing');
    env!.call.emit('c1', 'Ringing');
    env!.call.emit('c1', 'Connected');
    await until(() => env!.transport.sent.length === 2);
    expect(env!.transport.sent[1]!.body).toEqual({ presenceRequest: { status: 'open', activity: 'on-the-phone' } });
    await until(() => env!.client.presence.getSelf().activity === 'on-the-phone');
    env!.call.emit('c2', 'Connected');
    env!.call.emit('c1', 'On Hold');
    env!.call.emit('c1', 'Ended');
    env!.call.emit('c2', 'Ended');
    await until(() => env!.transport.sent.length === 3);
    expect(env!.transport.sent[2]!.body).toEqual({ presenceRequest: { status: 'open', activity: 'busy', note: 'writing' } });
    await until(() => env!.client.presence.getSelf().activity === 'busy');
    expect(env!.types()).toEqual(['presence:selfChange', 'presence:selfChange', 'presence:selfChange']);
  });

  test('a subscription without Presence: nothing is published during calls', async () => {
    await release();
    const transport = new FakeLinkTransport();
    transport.responder = (req) => ok(req);
    const call = fakeCallPlugin();
    const client = createClient({
      plugins: [fakeConnectivityPlugin({ transport, subscription: fakeSubscriptionView(['call']) }).plugin, call.plugin, presencePlugin()],
      config: { logs: { logLevel: 'silent' } },
    });
    try {
      call.emit('c1', 'Connected');
      call.emit('c1', 'Ended');
      await client.presence.update('open', 'away');
      expect(transport.sent.map((s) => s.body)).toEqual([{ presenceRequest: { status: 'open', activity: 'away' } }]);
    } finally {
      await client.destroy();
    }
  });

  test('reportOnThePhone: false publishes nothing during calls', async () => {
    env = setup({ withCall: true, reportOnThePhone: false });
    env!.call.emit('c1', 'Connected');
    env!.call.emit('c1', 'Ended');
    await env!.client.presence.update('open', 'away');
    expect(env!.transport.sent.map((s) => s.body)).toEqual([{ presenceRequest: { status: 'open', activity: 'away' } }]);
  });

  test('with the real call plugin (memory call backend): a connected call publishes on-the-phone, its end open/active', async () => {
    const backend = createMemoryCallBackend();
    const gateway = linkGateway();
    const t = createTestClient({
      plugins: [memoryCallBackendPlugin(backend), presencePlugin()] as const,
      fetch: (req) => (req.path.endsWith('/presence') ? { status: 200, body: { presenceResponse: { statusCode: 0 } } } : gateway(req)),
    });
    try {
      t.client.services.subscribe(['call', 'Presence']);
      await until(() => t.client.services.getSubscriptions().subscribed.includes('call'));
      const started = backend.next('start');
      const id = t.client.call.make('bob@example.com', { audio: true });
      const { sessionId } = await started;
      backend.remote.answer(sessionId, chromeAnswer);
      await until(() => t.client.presence.getSelf().activity === 'on-the-phone');
      expect(t.client.call.getById(id)?.state).toBe('Connected');
      backend.remote.end(sessionId);
      await until(() => t.client.presence.getSelf().activity === 'active');
      const published = t.fetch.requests.filter((r) => r.path.endsWith('/presence')).map((r) => activityOf(r.body));
      expect(published).toEqual(['on-the-phone', 'active']);
    } finally {
      await t.destroy();
    }
  });
});
