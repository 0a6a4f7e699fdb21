/**
 * The README's "your own app" example, run as written against the real reference gateway in Node:
 * alice and bob sign in with the demo credentials, alice calls bob with `call.make`, bob answers
 * with `call.answer`, alice renders bob's audio and hangs up. Signalling is real (HTTP + WebSocket
 * through the gateway); media devices and peer connections are the test-utils fakes. `create` is
 * the real `@switchboard/sdk` one, given the Node options (the `ws` WebSocket, the fakes) and the
 * test gateway's ephemeral port in place of 8080, after checking that the example's servers are
 * exactly `npm start`'s (127.0.0.1, http/ws, the CLI's default port). ~1 s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { create, type SdkClient, type SdkConfigInput } from '@switchboard/sdk';
import { DEFAULT_DEVICES, fakeMediaEnvironment, fakePeerConnections, type FakeDocument } from '@switchboard/test-utils';
import { startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { exampleBody, readmeExample, root } from './readme';

/** The CLI's default http port (`npm start` runs the CLI with no `--port`). */
const cliPort = Number(/const options: CliOptions = \{ port: (\d+)/.exec(readFileSync(join(root, 'tooling/gateway/src/cli.ts'), 'utf8'))?.[1]);

/** Polls `check` until it is true (the condition is state the example produces). */
async function until(check: () => boolean, timeoutMs = 10000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

type AsyncFn = new (...args: string[]) => (...values: unknown[]) => Promise<void>;
const AsyncFunction = (async () => undefined).constructor as AsyncFn;

describe('README example (your own app)', () => {
  let gateway: TestGateway;
  const clients: Array<{ client: SdkClient; document: FakeDocument }> = [];

  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await Promise.all(clients.map(({ client }) => client.destroy()));
    await gateway.close();
  });

  /** The SDK's `create`, checked against `npm start`'s servers and pointed at the test gateway. */
  function createForTest(config: SdkConfigInput): SdkClient {
    expect(cliPort).toBe(8080);
    expect(config.authentication?.server).toEqual({ base: '127.0.0.1', protocol: 'http', port: cliPort });
    expect(config.subscription?.websocket).toEqual({ server: '127.0.0.1', protocol: 'ws', port: cliPort });
    const media = fakeMediaEnvironment({ devices: DEFAULT_DEVICES });
    media.document.addContainer('#remote-audio');
    const client = create(
      {
        ...config,
        logs: { logLevel: 'silent' },
        authentication: { server: { ...config.authentication!.server, port: gateway.port } },
        subscription: { websocket: { ...config.subscription!.websocket, port: gateway.port } },
      },
      {
        connectivity: { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket },
        media: { environment: media.environment },
        call: { peerConnectionFactory: fakePeerConnections().factory },
      },
    );
    clients.push({ client, document: media.document });
    return client;
  }

  it('signs alice and bob in, alice calls bob, bob answers, alice hears him and hangs up', async () => {
    const printed: string[] = [];
    const page = { log: '' };
    const document = { querySelector: (s: string) => (s === '#log' ? { append: (text: string) => (page.log += text) } : null) };
    const consoleForExample = { log: (line: string) => printed.push(line) };
    const pagehide: Array<() => void> = [];
    const window = { addEventListener: (type: string, listener: () => void) => type === 'pagehide' && pagehide.push(listener) };
    const run = new AsyncFunction('create', 'console', 'document', 'window', exampleBody(readmeExample()));
    await run(createForTest, consoleForExample, document, window);

    await until(() => printed.includes('alice: call Ended'));
    expect(printed[0]).toBe('alice and bob are signed in');
    expect(printed).toEqual(expect.arrayContaining([expect.stringMatching(/^bob: incoming call from .*alice@example\.com/)]));
    // Ringing may be skipped: bob answers as soon as the call arrives
    const states = printed.filter((line) => line.startsWith('alice: call'));
    expect(states.filter((line) => line !== 'alice: call Ringing')).toEqual(['alice: call Initiated', 'alice: call Connected', 'alice: call Ended']);
    expect(states.indexOf('alice: call Ringing')).toBeLessThan(2);
    expect(printed.filter((line) => line.includes('failed'))).toEqual([]);
    expect(page.log).toBe(printed.map((line) => `${line}\n`).join(''));
    // the call really went through the gateway, and bob's audio was rendered on alice's page
    await until(() => gateway.hooks.calls()[0]?.state === 'ended');
    expect(gateway.hooks.calls()).toEqual([expect.objectContaining({ caller: expect.objectContaining({ username: 'alice@example.com' }), answeredBy: expect.any(String) })]);
    // alice's page created and played one audio element for bob's track (removed again at hang-up)
    const [alice, bob] = clients;
    expect(alice!.document.created.map((el) => [el.tagName, el.played > 0])).toEqual([['audio', true]]);
    expect(bob!.document.created).toEqual([]);
    // the page goes away: both subscriptions are deleted at the gateway
    expect(gateway.hooks.subscriptions()).toHaveLength(2);
    expect(pagehide).toHaveLength(1);
    pagehide[0]!();
    await until(() => gateway.hooks.subscriptions().length === 0);
  });
});
