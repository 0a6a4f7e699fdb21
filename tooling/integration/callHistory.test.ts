/**
 * Call history and click-to-call against the real reference gateway (issue 10 point 3): the
 * gateway records a log per relayed call leg (protocol §10.1) and bridges two parties for
 * click-to-call (§13). Real calls between two SDK clients (signalling over HTTP + WebSocket;
 * peer connections and media are the test-utils fakes), then `call.history.fetch` / `remove` /
 * `clear`, and `clickToCall.make` ringing both parties.
 */
import WebSocket from 'ws';
import { createClient, type LogLevel, type SdkEventMap } from '@switchboard/core';
import { callHistoryPlugin, callPlugin, clickToCallPlugin, states } from '@switchboard/call';
import { connectivityPlugin } from '@switchboard/connectivity';
import { mediaPlugin } from '@switchboard/media';
import { DEFAULT_DEVICES, fakeMediaEnvironment, fakePeerConnections } from '@switchboard/test-utils';
import { startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { until } from './helpers';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';

/** A client with connectivity, media, call, call history and click-to-call, talking to `gateway`. */
function historyClient(gateway: TestGateway, username: string) {
  const { port } = gateway;
  const client = createClient({
    plugins: [
      connectivityPlugin({ WebSocket: WebSocket as unknown as typeof globalThis.WebSocket }),
      mediaPlugin({ environment: fakeMediaEnvironment({ devices: DEFAULT_DEVICES }).environment }),
      callPlugin({ peerConnectionFactory: fakePeerConnections().factory }),
      callHistoryPlugin(),
      clickToCallPlugin(),
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
  const of = <K extends keyof SdkEventMap & string>(type: K) => events.filter((e) => e.type === type).map((e) => e.args[0] as SdkEventMap[K][0]);
  return { client, of };
}
type HistoryClient = ReturnType<typeof historyClient>;

describe('call history and click-to-call ↔ reference gateway', () => {
  let gateway: TestGateway;
  let alice: HistoryClient;
  let bob: HistoryClient;

  beforeAll(async () => {
    gateway = await startGateway({ socketTimeoutMs: 5000, goneGraceMs: 200 });
  });
  beforeEach(async () => {
    alice = historyClient(gateway, ALICE);
    bob = historyClient(gateway, BOB);
    for (const [c, user] of [[alice, ALICE], [bob, BOB]] as const) {
      c.client.services.subscribe(['call']);
      await until(() => c.of('subscription:change').length > 0 && gateway.hooks.subscriptions(user).some((s) => s.connected));
    }
  });
  afterEach(async () => {
    await Promise.all([alice.client.destroy(), bob.client.destroy()]);
    await until(() => gateway.hooks.subscriptions().length === 0);
  });
  afterAll(() => gateway.close());

  const stateOf = (c: HistoryClient, callId: string) => c.client.call.getById(callId)?.state;

  /** alice calls bob; bob answers when `answer`, then alice hangs up. */
  async function call(answer: boolean) {
    const received = bob.of('call:receive').length;
    const callId = alice.client.call.make(BOB, { audio: true });
    await until(() => bob.of('call:receive').length > received);
    const incoming = bob.of('call:receive').at(-1)!.callId;
    await until(() => stateOf(bob, incoming) === states.RINGING);
    if (answer) {
      bob.client.call.answer(incoming, { audio: true });
      await until(() => stateOf(alice, callId) === states.CONNECTED && stateOf(bob, incoming) === states.CONNECTED);
    }
    alice.client.call.end(callId);
    // an unanswered call the caller cancels ends as Cancelled on the callee's side
    const endedAtBob = answer ? states.ENDED : states.CANCELLED;
    await until(() => stateOf(alice, callId) === states.ENDED && stateOf(bob, incoming) === endedAtBob);
  }

  it('fetch lists the calls on both sides with the right direction (newest first); remove and clear delete them', async () => {
    // start from an empty history on the gateway
    await Promise.all([alice.client.call.history.clear(), bob.client.call.history.clear()]);
    await call(true);
    await call(false);

    await alice.client.call.history.fetch();
    const aliceLogs = alice.client.call.history.get();
    expect(aliceLogs.map((r) => r.direction)).toEqual(['outgoing', 'outgoing']);
    expect(aliceLogs.every((r) => r.calleeDisplayNumber?.includes('bob'))).toBe(true);
    expect(Number(aliceLogs[1]!.duration)).toBeGreaterThanOrEqual(0);

    await bob.client.call.history.fetch();
    const bobLogs = bob.client.call.history.get();
    expect(bobLogs.map((r) => r.direction)).toEqual(['missed', 'incoming']);
    expect(bobLogs.every((r) => r.callerDisplayNumber?.includes('alice'))).toBe(true);

    await bob.client.call.history.remove(bobLogs[0]!.recordId);
    expect(bob.client.call.history.get().map((r) => r.recordId)).toEqual([bobLogs[1]!.recordId]);
    await bob.client.call.history.fetch();
    expect(bob.client.call.history.get().map((r) => r.recordId)).toEqual([bobLogs[1]!.recordId]);

    await alice.client.call.history.fetch(1, 1);
    expect(alice.client.call.history.get().map((r) => r.recordId)).toEqual([aliceLogs[1]!.recordId]);

    await alice.client.call.history.clear();
    await alice.client.call.history.fetch();
    expect(alice.client.call.history.get()).toEqual([]);
    expect(alice.of('callHistory:error')).toEqual([]);
    expect(bob.of('callHistory:error')).toEqual([]);
  });

  it('removing a record that does not exist fails with CALL_HISTORY_REQUEST_FAILED', async () => {
    await expect(alice.client.call.history.remove('no-such-record')).rejects.toMatchObject({ code: 'CALL_HISTORY_REQUEST_FAILED' });
    expect(alice.of('callHistory:error')).toHaveLength(1);
  });

  it('click-to-call: a third user bridges alice and bob; the gateway rings alice, then bob, and connects them', async () => {
    const carol = historyClient(gateway, CAROL);
    try {
      const callId = carol.client.clickToCall.make(`sip:${ALICE}`, `sip:${BOB}`);
      expect(typeof callId).toBe('string');
      await until(() => carol.of('clickToCall:start').length + carol.of('clickToCall:error').length > 0);
      expect(carol.of('clickToCall:error')).toEqual([]);
      expect(carol.of('clickToCall:start')).toEqual([{ callId }]);
      expect(carol.client.clickToCall.get()).toEqual([expect.objectContaining({ callId, caller: `sip:${ALICE}`, callee: `sip:${BOB}`, state: 'started' })]);
      // §13 as the reference gateway does it: the calling party rings first; its answer rings the called party
      await until(() => alice.of('call:receive').length > 0);
      const atAlice = alice.of('call:receive')[0]!.callId;
      expect(bob.of('call:receive')).toEqual([]);
      alice.client.call.answer(atAlice, { audio: true });
      await until(() => bob.of('call:receive').length > 0);
      const atBob = bob.of('call:receive')[0]!.callId;
      bob.client.call.answer(atBob, { audio: true });
      await until(() => stateOf(alice, atAlice) === states.CONNECTED && stateOf(bob, atBob) === states.CONNECTED);
      alice.client.call.end(atAlice);
      await until(() => stateOf(alice, atAlice) === states.ENDED && stateOf(bob, atBob) === states.ENDED);
    } finally {
      await carol.client.destroy();
    }
  });
});
