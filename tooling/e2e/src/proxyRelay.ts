/**
 * A WebSocket relay on 127.0.0.1 carrying a proxy-mode channel (packages/proxy) between two pages:
 * the app page (the main SDK in proxy mode) and the remote page (`createRemote`). Each page opens
 * `ws://127.0.0.1:<port>/<room>?role=app|remote`; the relay forwards every text frame of one to the
 * other, unchanged. Frames sent while the peer is not connected yet are queued and delivered when
 * it connects. When one side leaves, the relay closes the other (code 1001): the seed's channel has no
 * close notion, so the SDK still finds out by its heartbeat, but no socket is left half-open.
 *
 * Test hooks (real data on the wire, not calls into the SDK): {@link ProxyRelay.inject} sends a
 * frame to one side as if the other had sent it (garbage, an unknown type…), and
 * {@link ProxyRelay.rewrite} transforms the frames towards one side (e.g. another version in the
 * remote's `init` answer). Every frame is recorded ({@link ProxyRelay.frames}) for assertions and
 * diagnostics. `close()` in afterAll.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

/** The two ends of a room. */
export type RelayRole = 'app' | 'remote';

/** A frame that went through the relay. */
export interface RelayFrame {
  room: string;
  /** The side the frame was delivered (or queued) to. */
  to: RelayRole;
  text: string;
  /** Whether the relay itself made it ({@link ProxyRelay.inject}). */
  injected: boolean;
}

/** Transforms the text of a frame towards one side; return the text to deliver. */
export type FrameRewrite = (text: string) => string;

/** A running relay. */
export interface ProxyRelay {
  /** `ws://127.0.0.1:<port>` (append `/<room>?role=app|remote`). */
  url: string;
  /** The URL of one side of `room`. */
  urlFor(room: string, role: RelayRole): string;
  /** Sends `text` to `to` in `room` (queued until that side connects). */
  inject(room: string, to: RelayRole, text: string): void;
  /** Applies `fn` to every later frame towards `to` in `room` (undefined removes it). */
  rewrite(room: string, to: RelayRole, fn: FrameRewrite | undefined): void;
  /** Whether `role` of `room` is connected now. */
  connected(room: string, role: RelayRole): boolean;
  /** Every frame delivered or queued so far, in order. */
  readonly frames: readonly RelayFrame[];
  close(): Promise<void>;
}

interface Room {
  sockets: Partial<Record<RelayRole, WebSocket>>;
  queued: Record<RelayRole, string[]>;
  rewrites: Partial<Record<RelayRole, FrameRewrite>>;
}

const other = (role: RelayRole): RelayRole => (role === 'app' ? 'remote' : 'app');

/** Starts a relay on 127.0.0.1, port 0. */
export async function startProxyRelay(): Promise<ProxyRelay> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const rooms = new Map<string, Room>();
  const frames: RelayFrame[] = [];
  const roomOf = (name: string): Room => {
    let r = rooms.get(name);
    if (!r) rooms.set(name, (r = { sockets: {}, queued: { app: [], remote: [] }, rewrites: {} }));
    return r;
  };
  const deliver = (name: string, to: RelayRole, text: string, injected: boolean) => {
    const room = roomOf(name);
    const rewrite = room.rewrites[to];
    const out = rewrite && !injected ? rewrite(text) : text;
    frames.push({ room: name, to, text: out, injected });
    const socket = room.sockets[to];
    if (socket && socket.readyState === socket.OPEN) socket.send(out);
    else room.queued[to].push(out);
  };

  wss.on('connection', (socket, req) => {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    const name = decodeURIComponent(url.pathname.slice(1));
    const role = url.searchParams.get('role');
    if (!name || (role !== 'app' && role !== 'remote')) {
      socket.close(4400, 'expected /<room>?role=app|remote');
      return;
    }
    const room = roomOf(name);
    if (room.sockets[role]) {
      socket.close(4409, `the ${role} side of ${name} is already connected`);
      return;
    }
    room.sockets[role] = socket;
    for (const text of room.queued[role].splice(0)) socket.send(text);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) deliver(name, other(role), data.toString(), false);
    });
    socket.on('close', () => {
      if (room.sockets[role] !== socket) return;
      delete room.sockets[role];
      room.sockets[other(role)]?.close(1001, `the ${role} side left`);
    });
  });

  const { port } = wss.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}`;
  return {
    url,
    urlFor: (room, role) => `${url}/${encodeURIComponent(room)}?role=${role}`,
    inject: (room, to, text) => deliver(room, to, text, true),
    rewrite(room, to, fn) {
      roomOf(room).rewrites[to] = fn;
    },
    connected: (room, role) => rooms.get(room)?.sockets[role] !== undefined,
    frames,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
