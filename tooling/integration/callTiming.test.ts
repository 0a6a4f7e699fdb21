/**
 * The call SDK against the real gateway with both orders of a request's HTTP response and the
 * notifications that answer it (issue 7 point 6): the grace set to 0 (notification right after the
 * response), the default grace, and `notificationOrder: 'before-response'` (the notification ahead
 * of the response: e.g. `ringing` and the answer for a leg whose `callStart` response has not
 * arrived yet). Every call operation the SDK has today is run in each order. Peer connections and
 * media are the test-utils fakes; signalling is real (HTTP + WebSocket).
 */
import WebSocket from 'ws';
import { createClient, type LogLevel, type SdkEventMap } from '@switchboard/core';
import { callPlugin, states } from '@switchboard/call';
import { connectivityPlugin } from '@switchboard/connectivity';
import { mediaPlugin } from '@switchboard/media';
import { DEFAULT_DEVICES, chromeOffer, fakeMediaEnvironment, fakePeerConnections } from '@switchboard/test-utils';
import { startGateway, type GatewayTimingEvent, type StartGatewayOptions, type TestGateway } from '@switchboard/test-utils/gateway';
import { until } from './helpers';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

/** A client with connectivity, media and call on the fakes, talking to `gateway`. */
function callClient(gateway: TestGateway, username: string) {
  const { port } = gateway;
  const client = createClient({
    plugins: [
      connectivityPlugin({ WebSocket: WebSocket as unknown as typeof globalThis.WebSocket }),
      mediaPlugin({ environment: fakeMediaEnvironment({ devices: DEFAULT_DEVICES }).environment }),
      callPlugin({ peerConnectionFactory: fakePeerConnections().factory }),
    ],
    config: {
      logs: { logLevel: (process.env.SB_LOG ?? 'silent') as LogLevel },
      authentication: { server: { base: '127.0.0.1', protocol: 'http', port } },
      subscription: { websocket: { server: '127.0.0.1', protocol: 'ws', port } },
      connectivity: { reconnectDelay: 100, reconnectLimit: 5, reconnectTimeLimit: 1000, pingInterval: 1000 },
    },
  });
  client.setCredentials({ username, password: `${username.split('@')[0]}-secret` });
  const events: Array<{ type: string; args: unknown[] }> = [];
  client.subscribe((type, ...args) => events.push({ type, args }));
  const of = <K extends keyof SdkEventMap & string>(type: K) =>
    events.filter((e) => e.type === type).map((e) => e.args[0] as SdkEventMap[K][0]);
  return { client, of };
}
type CallClient = ReturnType<typeof callClient>;

async function subscribed(c: CallClient, gateway: TestGateway, username: string): Promise<void> {
  c.client.services.subscribe(['call']);
  await until(() => c.of('subscription:change').length > 0 && gateway.hooks.subscriptions(username).some((s) => s.connected));
}

const stateOf = (c: CallClient, callId: string) => c.client.call.getById(callId)?.state;
const noErrors = (c: CallClient) => c.of('call:operation').filter((o) => o.error).map((o) => `${o.operation}: ${o.error?.message}`);

const ORDERS: Array<[string, StartGatewayOptions]> = [
  ['grace 0 (notification right after the response)', { notificationGraceMs: 0 }],
  ['default grace (50 ms after the response)', {}],
  ['notification forced ahead of the response', { notificationOrder: 'before-response' }],
];

describe.each(ORDERS)('call SDK ↔ reference gateway, %s', (_name, options) => {
  let gateway: TestGateway;
  let alice: CallClient;
  let bob: CallClient;
  const timing: GatewayTimingEvent[] = [];

  beforeAll(async () => {
    gateway = await startGateway({ socketTimeoutMs: 5000, goneGraceMs: 200, ...options, timingProbe: (e) => timing.push(e) });
  });
  beforeEach(async () => {
    alice = callClient(gateway, ALICE);
    bob = callClient(gateway, BOB);
    await subscribed(alice, gateway, ALICE);
    await subscribed(bob, gateway, BOB);
  });
  afterEach(async () => {
    await Promise.all([alice.client.destroy(), bob.client.destroy()]);
    await until(() => gateway.hooks.subscriptions().length === 0);
  });
  afterAll(() => gateway.close());

  /** alice calls bob; resolves once bob's SDK has the call alerting and alice's is Ringing. */
  async function ringingCall() {
    const callId = alice.client.call.make(BOB, { audio: true });
    await until(() => bob.of('call:receive').length > 0);
    const incoming = bob.of('call:receive')[0]!.callId;
    await until(() => stateOf(alice, callId) === states.RINGING && stateOf(bob, incoming) === states.RINGING);
    expect(alice.of('call:start')).toEqual([{ callId }]);
    return { callId, incoming };
  }

  async function connectedCall() {
    const c = await ringingCall();
    bob.client.call.answer(c.incoming, { audio: true });
    await until(() => stateOf(alice, c.callId) === states.CONNECTED && stateOf(bob, c.incoming) === states.CONNECTED);
    return c;
  }

  it('make → ringing → answer → DTMF → end (caller): both sides go through the states in order', async () => {
    const { callId, incoming } = await connectedCall();
    expect(alice.of('call:stateChange').filter((s) => s.callId === callId).map((s) => s.previous.state)).toEqual([
      states.INITIATING, states.INITIATED, states.RINGING,
    ]);
    // The order really was the one under test (the gateway's own monotonic clock).
    const legId = gateway.hooks.calls().at(-1)!.caller.id;
    const responded = timing.find((e) => e.kind === 'response' && e.legId === legId)!;
    const rang = timing.find((e) => e.kind === 'notification' && e.legId === legId && e.eventType === 'ringing')!;
    if (options.notificationOrder === 'before-response') expect(rang.at).toBeLessThan(responded.at);
    else expect(rang.at - responded.at).toBeGreaterThanOrEqual(options.notificationGraceMs ?? 50);
    alice.client.call.sendDTMF(callId, '1#');
    await until(() => alice.of('call:operation').some((o) => o.operation === 'SEND_DTMF' && o.transition === 'FINISH'));
    alice.client.call.end(callId);
    await until(() => stateOf(alice, callId) === states.ENDED && stateOf(bob, incoming) === states.ENDED);
    expect(noErrors(alice)).toEqual([]);
    expect(noErrors(bob)).toEqual([]);
    expect(gateway.hooks.calls().at(-1)).toMatchObject({ state: 'ended' });
  });

  it('end by the callee: the caller hears callEnd', async () => {
    const { callId, incoming } = await connectedCall();
    bob.client.call.end(incoming);
    await until(() => stateOf(alice, callId) === states.ENDED && stateOf(bob, incoming) === states.ENDED);
    expect(noErrors(alice)).toEqual([]);
    expect(noErrors(bob)).toEqual([]);
  });

  it('reject: the caller ends with the rejection', async () => {
    const { callId, incoming } = await ringingCall();
    bob.client.call.reject(incoming);
    await until(() => stateOf(alice, callId) === states.ENDED && stateOf(bob, incoming) === states.ENDED);
    const last = alice.of('call:stateChange').filter((s) => s.callId === callId).at(-1)!;
    expect(last).toMatchObject({ previous: { state: states.RINGING } });
    expect(alice.client.call.getById(callId)).toMatchObject({ state: states.ENDED });
    expect(noErrors(bob)).toEqual([]);
  });

  it('ignore, then the caller gives up: both Ended, nothing left at the gateway', async () => {
    const { callId, incoming } = await ringingCall();
    bob.client.call.ignore(incoming);
    expect(stateOf(bob, incoming)).toBe(states.ENDED);
    alice.client.call.end(callId);
    await until(() => stateOf(alice, callId) === states.ENDED);
    await until(() => gateway.hooks.calls().at(-1)?.state === 'ended');
  });

  it('a call to an unknown user: the callEnd (which may beat the callStart response) ends the call', async () => {
    const callId = alice.client.call.make('nobody@example.com', { audio: true });
    await until(() => stateOf(alice, callId) === states.ENDED);
    expect(alice.of('call:start')).toEqual([{ callId }]);
    expect(alice.of('call:stateChange').filter((s) => s.callId === callId).map((s) => s.previous.state)).toEqual([
      states.INITIATING, states.INITIATED,
    ]);
  });

  it('a remote hold (startCallUpdate from a raw Link peer): the SDK answers it and is On Hold', async () => {
    // carol is a raw Link client: she calls bob's SDK, then puts him on hold.
    const carol = await rawClient(gateway, 'carol@example.com');
    try {
      const leg = await carol.post('/callControl', { callControlRequest: { type: 'callStart', to: BOB, sdp: chromeOffer } });
      const carolLeg = leg.callControlResponse.sessionData as string;
      await until(() => bob.of('call:receive').length > 0);
      const incoming = bob.of('call:receive')[0]!.callId;
      bob.client.call.answer(incoming, { audio: true });
      await until(() => stateOf(bob, incoming) === states.CONNECTED);
      await carol.waitFor('respondCallUpdate');
      const held = chromeOffer.replace(/a=sendrecv/g, 'a=sendonly');
      await carol.put(`/callControl/callSessions/${carolLeg}`, { callControlRequest: { type: 'startCallUpdate', sdp: held } });
      await until(() => stateOf(bob, incoming) === states.ON_HOLD);
      expect(bob.client.call.getById(incoming)).toMatchObject({ remoteHold: true, localHold: false });
      await until(() => carol.frames.filter((f) => f.eventType === 'respondCallUpdate').length === 2);
      expect(noErrors(bob)).toEqual([]);
      bob.client.call.end(incoming);
      await until(() => stateOf(bob, incoming) === states.ENDED);
    } finally {
      await carol.close();
    }
  });
});

/** A minimal raw Link client (Basic auth, one subscription with its websocket) for the far end. */
async function rawClient(gateway: TestGateway, username: string) {
  const auth = { Authorization: `Basic ${Buffer.from(`${username}:${username.split('@')[0]}-secret`).toString('base64')}` };
  const base = `${gateway.url}/rest/version/1/user/${username}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json', ...auth }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const sub = await call('POST', '/subscription', {
    subscribeRequest: { expires: 3600, service: ['call'], localization: 'English_US', useTurn: false, notificationType: 'WebSocket' },
  });
  const frames: Array<{ eventType: string }> = [];
  const ws = new WebSocket(gateway.wsUrl + sub.subscribeResponse.subscriptionParams.notificationChannel);
  ws.on('message', (data) => frames.push(JSON.parse(String(data)).notificationMessage));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const subscription = sub.subscribeResponse.subscription as string;
  return {
    frames,
    post: (path: string, body: unknown) => call('POST', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    waitFor: (eventType: string) => until(() => frames.some((f) => f.eventType === eventType)),
    close: async () => {
      await fetch(gateway.url + subscription, { method: 'DELETE', headers: auth });
      ws.terminate();
    },
  };
}
