/**
 * A hostile or broken channel: malformed messages in both directions must never throw out of
 * `channel.receive`, crash, leak or corrupt the mirrored state. Main side: every bad message is a
 * `proxy:error PROXY_INVALID_MESSAGE` and is dropped; remote side: logged, answered with an error
 * when it has an id. Also the bounds of what a hostile main side can make the remote do.
 */
import { chromeAnswer, until } from '@switchboard/test-utils';
import { rig } from './__fakes__/pair';

type Rig = ReturnType<typeof rig>;
let r: Rig | undefined;
afterEach(async () => {
  await r?.destroy();
  r = undefined;
});

const codes = (x: Rig) => x.t.of('proxy:error').map((e) => e.error.code);

async function connectedCall(x: Rig) {
  await x.ready();
  const callId = x.client.call.make('bob@example.com', { audio: true });
  await until(() => x.t.of('call:start').length === 1);
  x.t.sockets.last().serverMessage({ notificationMessage: { eventType: 'respondCallUpdate', eventId: 'e1', sessionParams: { sessionData: 'leg-1', sdp: chromeAnswer } } });
  await until(() => x.client.call.getById(callId)?.state === 'Connected');
  return callId;
}

describe('hostile messages to the main side', () => {
  test('pc.event with malformed data for a known connection: never thrown out of receive; PROXY_INVALID_MESSAGE each, dropped', async () => {
    r = rig();
    const callId = await connectedCall(r);
    const { pcId } = r.pair.of('remote', 'pc.create')[0] as { pcId: string };
    const { state } = r.pair.of('main', 'pc.event').at(-1) as { state: object };
    const ev = (event: string, data: unknown) => ({ sb: 'proxy', v: 1, type: 'pc.event', pcId, event, state, data });
    const flaky: Record<string, unknown> = { sb: 'proxy', v: 1, type: 'pc.event', pcId, event: 'signalingstatechange', data: {} };
    let reads = 0;
    Object.defineProperty(flaky, 'state', { enumerable: true, get: () => (reads++ === 0 ? state : null) });
    const bad: unknown[] = [
      ev('track', {}),
      ev('track', { track: { id: 't' } }),
      ev('icecandidate', { candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host' }),
      flaky,
    ];
    for (const b of bad) expect(() => r!.pair.main.receive!(b as object)).not.toThrow();
    expect(codes(r)).toEqual(bad.map(() => 'PROXY_INVALID_MESSAGE'));
    expect(r.client.call.getById(callId)?.state).toBe('Connected');
  });
});
