/**
 * The demo's proxy-mode relay (src/proxy-relay.ts), only on a gateway serving static files: pairs
 * `app` and `remote` by room and forwards text frames both ways (queued until the peer connects),
 * closes the peer when one side leaves, refuses a missing role; absent without `staticDir`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startGateway, type Gateway } from '../src/index';

let gw: Gateway;
let plain: Gateway;
let dir: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-relay-static-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  [gw, plain] = await Promise.all([startGateway({ port: 0, host: '127.0.0.1', staticDir: dir }), startGateway({ port: 0, host: '127.0.0.1' })]);
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await Promise.all([gw?.close(), plain?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** A socket to `path` of `g` recording its text frames; resolves once open (or rejects). */
async function open(g: Gateway, path: string) {
  const socket = new WebSocket(g.wsUrl + path);
  sockets.push(socket);
  const frames: string[] = [];
  socket.on('message', (d) => frames.push(d.toString()));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next = (n: number) =>
    new Promise<string[]>((resolve) => {
      const check = () => (frames.length >= n ? resolve(frames.slice(0, n)) : setTimeout(check, 10));
      check();
    });
  return { socket, closed, next };
}

it('pairs app and remote by room and forwards both ways, queueing until the peer connects', async () => {
  const app = await open(gw, '/demo/proxy-relay/alice?role=app');
  app.socket.send('{"type":"init"}');
  const remote = await open(gw, '/demo/proxy-relay/alice?role=remote');
  expect(await remote.next(1)).toEqual(['{"type":"init"}']);
  remote.socket.send('{"type":"result"}');
  expect(await app.next(1)).toEqual(['{"type":"result"}']);
  remote.socket.close();
  expect(await app.closed).toBe(1001);
});

it('refuses a socket without a role', async () => {
  const bad = await open(gw, '/demo/proxy-relay/bob');
  expect(await bad.closed).toBe(4400);
});

it('is not there on a gateway that serves no static files', async () => {
  await expect(open(plain, '/demo/proxy-relay/alice?role=app')).rejects.toThrow();
});
