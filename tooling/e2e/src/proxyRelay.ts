/**
 * A WebSocket relay on 127.0.0.1 carrying a proxy-mode channel (packages/proxy) between two pages:
 * the app page (the main SDK in proxy mode) and the remote page (`createRemote`). Each page opens
 * `ws://127.0.0.1:<port>/<room>?role=app|remote`; the relay forwards every text frame of one to the
 * other, unchanged. The pairing is the demo relay's (`RelayRooms` of tooling/gateway/src/proxy-relay.ts):
 * frames sent while the peer is not connected yet are queued and delivered when it connects; a second
 * socket for a side replaces the first (closed 4409); when one side leaves, the relay closes the other
 * (code 1001): the seed's channel has no close notion, so the SDK still finds out by its heartbeat, but
 * no socket is left half-open.
 *
 * Test hooks (real data on the wire, not calls into the SDK): {@link ProxyRelay.inject} sends a
 * frame to one side as if the other had sent it (garbage, an unknown type…), and
 * {@link ProxyRelay.rewrite} transforms the frames towards one side (e.g. another version in the
 * remote's `init` answer). Every frame is recorded ({@link ProxyRelay.frames}) for assertions and
 * diagnostics. `close()` in afterAll.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { RelayRooms, type RelayRole } from '../../gateway/src/proxy-relay';

export type { RelayRole };

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

/** Starts a relay on 127.0.0.1, port 0. */
export async function startProxyRelay(): Promise<ProxyRelay> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const frames: RelayFrame[] = [];
  const rewrites = new Map<string, FrameRewrite>();
  const rooms = new RelayRooms((room, to, text) => {
    const fn = rewrites.get(`${to} ${room}`);
    const out = fn ? fn(text) : text;
    frames.push({ room, to, text: out, injected: false });
    return out;
  });
  wss.on('connection', (socket, req) => {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    rooms.join(decodeURIComponent(url.pathname.slice(1)), url.searchParams.get('role'), socket);
  });

  const { port } = wss.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}`;
  return {
    url,
    urlFor: (room, role) => `${url}/${encodeURIComponent(room)}?role=${role}`,
    inject(room, to, text) {
      frames.push({ room, to, text, injected: true });
      rooms.deliver(room, to, text);
    },
    rewrite(room, to, fn) {
      if (fn) rewrites.set(`${to} ${room}`, fn);
      else rewrites.delete(`${to} ${room}`);
    },
    connected: (room, role) => rooms.connected(room, role),
    frames,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
