/**
 * clickToCall over the Link adapter (protocol §13): the exact request, the records and the
 * events, refusals before anything is sent, and the backend extension point.
 */
import { createClient, contribute, definePlugin } from '@switchboard/core';
import { FakeLinkTransport, errorResponse, fakeConnectivityPlugin, until } from '@switchboard/test-utils';
import { clickToCallBackendExtensionPoint } from './backend';
import { clickToCallPlugin } from './plugin';

const U = '/rest/version/1/user/alice@example.com';

function setup(transport = new FakeLinkTransport()) {
  const client = createClient({ plugins: [fakeConnectivityPlugin({ transport }).plugin, clickToCallPlugin()], config: { logs: { logLevel: 'silent' } } });
  const events: Array<[string, unknown]> = [];
  client.subscribe((type, ...args) => void (type.startsWith('clickToCall') && events.push([type, args[0]])));
  return { client, transport, events };
}

let env: ReturnType<typeof setup>;
beforeEach(() => {
  env = setup();
});
afterEach(() => env.client.destroy());

describe('clickToCall (protocol §13)', () => {
  test('make(caller, callee): POST clicktocall with the parties as given; clickToCall:start; the record is started', async () => {
    env.transport.responder = () => ({ ok: true, status: 204, body: {} });
    const callId = env.client.clickToCall.make('sip:+16135550100@example.com', 'bob');
    expect(typeof callId).toBe('string');
    expect(env.client.clickToCall.get()).toEqual([{ callId, caller: 'sip:+16135550100@example.com', callee: 'bob', requestTime: expect.any(Number), state: 'pending' }]);
    await until(() => env.events.length > 0);
    expect(env.transport.sent.map((s) => [s.method, s.path, s.body, s.options.expectBody])).toEqual([
      ['POST', `${U}/clicktocall`, { clickToCallRequest: { callingParty: 'sip:+16135550100@example.com', calledParty: 'bob' } }, false],
    ]);
    expect(env.events).toEqual([['clickToCall:start', { callId }]]);
    expect(env.client.clickToCall.get()[0]!.state).toBe('started');
  });

  test('a refusal (501 / statusCode) is CLICK_TO_CALL_FAILED in clickToCall:error; the record is error', async () => {
    env.transport.responder = () => ({ ...errorResponse(501, 501, 'not implemented'), body: { clickToCallResponse: { statusCode: 501, reason: 'not implemented' } } });
    const callId = env.client.clickToCall.make('alice', 'bob');
    await until(() => env.events.length > 0);
    expect(env.events).toEqual([['clickToCall:error', { callId, error: expect.objectContaining({ code: 'CLICK_TO_CALL_FAILED', message: expect.stringContaining('statusCode 501') }) }]]);
    expect(env.client.clickToCall.get()[0]!.state).toBe('error');
  });

  test('wrong values return undefined and report INVALID_ARGUMENT in clickToCall:error; nothing sent, no record', async () => {
    for (const [caller, callee] of [['', 'bob'], ['alice', '  '], ['alice\r\nX: 1', 'bob']] as const) {
      expect(env.client.clickToCall.make(caller, callee)).toBeUndefined();
    }
    await until(() => env.events.length === 3);
    expect(env.events.map(([type, p]) => [type, (p as { error: { code: string } }).error.code, typeof (p as { callId: unknown }).callId])).toEqual([
      ['clickToCall:error', 'INVALID_ARGUMENT', 'string'], ['clickToCall:error', 'INVALID_ARGUMENT', 'string'], ['clickToCall:error', 'INVALID_ARGUMENT', 'string'],
    ]);
    expect(env.transport.sent).toEqual([]);
    expect(env.client.clickToCall.get()).toEqual([]);
    expect(() => env.client.clickToCall.make(5 as never, 'bob')).toThrow(TypeError);
    expect(() => env.client.clickToCall.make('alice', undefined as never)).toThrow(TypeError);
  });

  test('get(): copies, oldest requestTime first; clickToCall(caller, callee) is the 001 name of make', async () => {
    const first = env.client.clickToCall.make('a', 'b');
    const second = env.client.clickToCall.clickToCall('c', 'd');
    expect(env.transport.sent.map((s) => s.body)).toEqual([
      { clickToCallRequest: { callingParty: 'a', calledParty: 'b' } },
      { clickToCallRequest: { callingParty: 'c', calledParty: 'd' } },
    ]);
    const records = env.client.clickToCall.get();
    expect(records.map((r) => r.callId)).toEqual([first, second]);
    expect(records[0]!.requestTime).toBeLessThanOrEqual(records[1]!.requestTime);
    records[0]!.caller = 'changed';
    expect(env.client.clickToCall.get()[0]!.caller).toBe('a');
    expect(() => env.client.clickToCall.clickToCall('a', 1 as never)).toThrow(TypeError);
    await until(() => env.events.length === 2);
  });

  test('an adapter plugin replaces the Link fallback; clickToCallPlugin({ backend }) too; options are checked', async () => {
    const seen: string[] = [];
    const adapter = definePlugin({
      id: 'pbx-c2c',
      version: '1.0.0',
      dependsOn: ['click-to-call'],
      contributes: [contribute(clickToCallBackendExtensionPoint, 'pbx', () => ({ name: 'pbx', call: async (a: string, b: string) => void seen.push(`${a}->${b}`) }))],
      register: () => ({ api: {} }),
    });
    const transport = new FakeLinkTransport();
    const client = createClient({ plugins: [fakeConnectivityPlugin({ transport }).plugin, clickToCallPlugin(), adapter], config: { logs: { logLevel: 'silent' } } });
    client.clickToCall.make('x', 'y');
    await until(() => seen.length === 1);
    expect(seen).toEqual(['x->y']);
    expect(transport.sent).toEqual([]);
    await client.destroy();
    const viaOption = createClient({
      plugins: [fakeConnectivityPlugin().plugin, clickToCallPlugin({ backend: { name: 'o', call: async () => void seen.push('option') } })],
      config: { logs: { logLevel: 'silent' } },
    });
    viaOption.clickToCall.make('x', 'y');
    await until(() => seen.length === 2);
    await viaOption.destroy();
    expect(() => clickToCallPlugin('x' as never)).toThrow(TypeError);
    expect(() => clickToCallPlugin({ backend: 'link' as never })).toThrow(TypeError);
  });
});
