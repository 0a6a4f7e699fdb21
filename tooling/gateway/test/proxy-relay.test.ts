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
import { MAX_QUEUED_BYTES, MAX_ROOM_NAME, MAX_ROOMS } from '../src/proxy-relay';

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
  const has = (text: string) =>
    new Promise<string[]>((resolve) => {
      const check = () => (frames.includes(text) ? resolve([...frames]) : setTimeout(check, 10));
      check();
    });
  return { socket, closed, next, has };
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

describe('limits (the relay is unauthenticated)', () => {
  it(`opens at most ${MAX_ROOMS} rooms; a room name is at most ${MAX_ROOM_NAME} characters`, async () => {
    const held = [];
    for (let i = 0; i < MAX_ROOMS; i++) held.push(await open(gw, `/demo/proxy-relay/flood-${i}?role=app`));
    const extra = await open(gw, '/demo/proxy-relay/flood-extra?role=app');
    expect(await extra.closed).toBe(4429);
    held[0]!.socket.close();
    await held[0]!.closed;
    const long = await open(gw, `/demo/proxy-relay/${'r'.repeat(MAX_ROOM_NAME + 1)}?role=app`);
    expect(await long.closed).toBe(4400);
    const again = await open(gw, '/demo/proxy-relay/flood-again?role=app');
    again.socket.send('{"type":"heartbeat"}');
    for (const h of held.slice(1)) h.socket.close();
    await Promise.all(held.slice(1).map((h) => h.closed));
    again.socket.close();
    await again.closed;
  });

  it(`queues at most ${MAX_QUEUED_BYTES} bytes for a side that is not connected (the oldest dropped)`, async () => {
    const app = await open(gw, '/demo/proxy-relay/queue?role=app');
    const frame = 'q'.repeat(60 * 1024);
    const count = Math.ceil((2 * MAX_QUEUED_BYTES) / frame.length);
    for (let i = 0; i < count; i++) app.socket.send(`${i}:${frame}`);
    app.socket.send('last');
    // the frames were queued once the relay answers a ping sent after them (same socket, in order)
    await new Promise<void>((resolve) => { app.socket.once('pong', () => resolve()); app.socket.ping(); });
    const remote = await open(gw, '/demo/proxy-relay/queue?role=remote');
    const got = await remote.has('last');
    expect(got.reduce((n, f) => n + f.length, 0)).toBeLessThanOrEqual(MAX_QUEUED_BYTES);
    expect(got[0]!.startsWith('0:')).toBe(false); // the oldest were dropped
    app.socket.close();
    await remote.closed;
  });
});
