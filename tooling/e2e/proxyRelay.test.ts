/**
 * The proxy-mode relay of proxy.test.ts (src/proxyRelay.ts) with plain Node WebSocket clients:
 * pairing by room, queueing until the peer connects, injection and rewriting towards one side,
 * closing the peer when one side leaves, refusing a bad path or a second socket for one side.
 */
import { WebSocket } from 'ws';
import { startProxyRelay, type ProxyRelay } from './src/proxyRelay';

let relay: ProxyRelay;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  relay = await startProxyRelay();
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await relay.close();
});

/** An open client socket that records its text frames and its close code. */
async function client(url: string) {
  const socket = new WebSocket(url);
  sockets.push(socket);
  const frames: string[] = [];
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('message', (data) => frames.push(data.toString()));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next = (n: number) =>
    new Promise<string[]>((resolve) => {
      const check = () => (frames.length >= n ? resolve(frames.slice(0, n)) : setTimeout(check, 10));
      check();
    });
  return { socket, frames, closed, next };
}

it('forwards text frames both ways within a room, queueing those sent before the peer connects', async () => {
  const app = await client(relay.urlFor('r1', 'app'));
  app.socket.send('{"a":1}');
  const remote = await client(relay.urlFor('r1', 'remote'));
  expect(await remote.next(1)).toEqual(['{"a":1}']);
  remote.socket.send('{"b":2}');
  expect(await app.next(1)).toEqual(['{"b":2}']);
  expect(relay.connected('r1', 'app') && relay.connected('r1', 'remote')).toBe(true);
});

it('injects and rewrites towards one side only', async () => {
  const app = await client(relay.urlFor('r2', 'app'));
  const remote = await client(relay.urlFor('r2', 'remote'));
  relay.rewrite('r2', 'app', (t) => t.replace('1.0', '9.9'));
  remote.socket.send('{"version":"1.0"}');
  await app.next(1);
  relay.inject('r2', 'app', 'not json');
  expect(await app.next(2)).toEqual(['{"version":"9.9"}', 'not json']);
  app.socket.send('{"version":"1.0"}');
  expect(await remote.next(1)).toEqual(['{"version":"1.0"}']);
  expect(relay.frames.filter((f) => f.room === 'r2').map((f) => [f.to, f.injected])).toEqual([['app', false], ['app', true], ['remote', false]]);
});

it('closes the other side when one leaves', async () => {
  const app = await client(relay.urlFor('r3', 'app'));
  const remote = await client(relay.urlFor('r3', 'remote'));
  remote.socket.close();
  expect(await app.closed).toBe(1001);
  expect(relay.connected('r3', 'remote')).toBe(false);
});

it('refuses a socket without a room or role; a second socket for one side replaces the first', async () => {
  const bad = await client(`${relay.url}/r4`);
  expect(await bad.closed).toBe(4400);
  const first = await client(relay.urlFor('r4', 'app'));
  const second = await client(relay.urlFor('r4', 'app'));
  expect(await first.closed).toBe(4409);
  relay.inject('r4', 'app', 'to the newer socket');
  expect(await second.next(1)).toEqual(['to the newer socket']);
});
