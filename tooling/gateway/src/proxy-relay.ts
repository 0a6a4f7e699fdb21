/**
 * The demo's proxy-mode relay (not part of the Kandy Link protocol; registered only when the
 * gateway serves static files, i.e. the demo): a WebSocket at `/demo/proxy-relay/{room}?role=app|remote`
 * pairs the demo softphone in proxy mode (`app`) with its "remote media" page (`remote`) by room
 * name and forwards every text frame of one to the other, unchanged. Frames sent before the peer
 * connects are queued (at most {@link MAX_QUEUED}); when one side leaves the relay closes the other
 * (1001). A second socket for a side replaces the first (a reloaded page takes its room back).
 * Binary frames are dropped. Nothing is authenticated: a development aid on a development gateway,
 * so it is bounded: frames are at most the gateway's `maxPayload` (64 KiB), at most {@link MAX_ROOMS}
 * rooms are open at once (a socket for a new room beyond that is closed 4429), a room name has at
 * most {@link MAX_ROOM_NAME} characters (else 4400), and at most {@link MAX_QUEUED} frames /
 * {@link MAX_QUEUED_BYTES} bytes are queued per side (the oldest dropped).
 *
 * The pairing itself is {@link RelayRooms}, also used by the e2e tests' relay (tooling/e2e/src/proxyRelay.ts),
 * which adds its test hooks through the {@link RelayTap}.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';

/** The relay's path. */
export const PROXY_RELAY_PATH = '/demo/proxy-relay/:room';

/** The most frames queued for a side that is not connected. */
export const MAX_QUEUED = 200;

/** The most bytes (characters) queued for a side that is not connected. */
export const MAX_QUEUED_BYTES = 1024 * 1024;

/** The most rooms open at once. */
export const MAX_ROOMS = 32;

/** The longest room name. */
export const MAX_ROOM_NAME = 64;

/** A side of a room. */
export type RelayRole = 'app' | 'remote';

/** Sees (and may replace) every frame one side sends towards `to`; returns the text to deliver. */
export type RelayTap = (room: string, to: RelayRole, text: string) => string;

interface Room {
  sockets: Partial<Record<RelayRole, WebSocket>>;
  queued: Record<RelayRole, string[]>;
  /** Characters queued per side. */
  size: Record<RelayRole, number>;
}

const other = (role: RelayRole): RelayRole => (role === 'app' ? 'remote' : 'app');

/** The rooms of one relay: pairs the two sides of a room and forwards text frames between them. */
export class RelayRooms {
  private readonly rooms = new Map<string, Room>();

  /** @param tap sees every relayed frame (not those sent with {@link RelayRooms.deliver}) */
  constructor(private readonly tap?: RelayTap) {}

  /** Joins `socket` as `role` of room `name`, or closes it with the refusal's code (4400, 4429). */
  join(name: string, role: string | null, socket: WebSocket): void {
    if (role !== 'app' && role !== 'remote') {
      socket.close(4400, 'expected ?role=app|remote');
      return;
    }
    if (!name || name.length > MAX_ROOM_NAME) {
      socket.close(4400, `a room name has 1 to ${MAX_ROOM_NAME} characters`);
      return;
    }
    const r = this.room(name);
    if (!r) {
      socket.close(4429, 'too many rooms');
      return;
    }
    r.sockets[role]?.close(4409, 'replaced by a newer socket');
    r.sockets[role] = socket;
    r.size[role] = 0;
    for (const text of r.queued[role].splice(0)) socket.send(text);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const to = other(role);
      const text = data.toString();
      this.deliver(name, to, this.tap ? this.tap(name, to, text) : text);
    });
    socket.on('close', () => {
      if (r.sockets[role] !== socket) return;
      delete r.sockets[role];
      const peer = r.sockets[other(role)];
      if (peer) peer.close(1001, `the ${role} side left`);
      else this.rooms.delete(name);
    });
  }

  /** Sends `text` to the `to` side of room `name`, or queues it (bounded) until that side connects. */
  deliver(name: string, to: RelayRole, text: string): void {
    const r = this.room(name);
    if (!r) return;
    const peer = r.sockets[to];
    if (peer && peer.readyState === peer.OPEN) {
      peer.send(text);
      return;
    }
    const queue = r.queued[to];
    r.size[to] += text.length;
    queue.push(text);
    while (queue.length > MAX_QUEUED || r.size[to] > MAX_QUEUED_BYTES) r.size[to] -= queue.shift()!.length;
  }

  /** Whether `role` of room `name` is connected now. */
  connected(name: string, role: RelayRole): boolean {
    return this.rooms.get(name)?.sockets[role] !== undefined;
  }

  /** The room `name`, opened if there is room for one more (else undefined). */
  private room(name: string): Room | undefined {
    let room = this.rooms.get(name);
    if (!room && this.rooms.size < MAX_ROOMS) {
      this.rooms.set(name, (room = { sockets: {}, queued: { app: [], remote: [] }, size: { app: 0, remote: 0 } }));
    }
    return room;
  }
}

/** Registers the relay route (the `@fastify/websocket` plugin must be registered). */
export function registerProxyRelayRoute(app: FastifyInstance): void {
  const rooms = new RelayRooms();
  app.get(PROXY_RELAY_PATH, { websocket: true }, (socket: WebSocket, request: FastifyRequest) => {
    const { room } = request.params as { room: string };
    rooms.join(room, new URL(request.url, 'http://relay').searchParams.get('role'), socket);
  });
}
