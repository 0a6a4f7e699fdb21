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

type Role = 'app' | 'remote';

interface Room {
  sockets: Partial<Record<Role, WebSocket>>;
  queued: Record<Role, string[]>;
  /** Characters queued per side. */
  size: Record<Role, number>;
}

const other = (role: Role): Role => (role === 'app' ? 'remote' : 'app');

/** Registers the relay route (the `@fastify/websocket` plugin must be registered). */
export function registerProxyRelayRoute(app: FastifyInstance): void {
  const rooms = new Map<string, Room>();
  app.get(PROXY_RELAY_PATH, { websocket: true }, (socket: WebSocket, request: FastifyRequest) => {
    const { room: name } = request.params as { room: string };
    const role = new URL(request.url, 'http://relay').searchParams.get('role');
    if (role !== 'app' && role !== 'remote') {
      socket.close(4400, 'expected ?role=app|remote');
      return;
    }
    if (name.length > MAX_ROOM_NAME) {
      socket.close(4400, `a room name has at most ${MAX_ROOM_NAME} characters`);
      return;
    }
    let room = rooms.get(name);
    if (!room && rooms.size >= MAX_ROOMS) {
      socket.close(4429, 'too many rooms');
      return;
    }
    if (!room) rooms.set(name, (room = { sockets: {}, queued: { app: [], remote: [] }, size: { app: 0, remote: 0 } }));
    const r = room;
    r.sockets[role]?.close(4409, 'replaced by a newer socket');
    r.sockets[role] = socket;
    r.size[role] = 0;
    for (const text of r.queued[role].splice(0)) socket.send(text);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const to = other(role);
      const peer = r.sockets[to];
      const text = data.toString();
      if (peer && peer.readyState === peer.OPEN) peer.send(text);
      else {
        const queue = r.queued[to];
        r.size[to] += text.length;
        queue.push(text);
        while (queue.length > MAX_QUEUED || r.size[to] > MAX_QUEUED_BYTES) r.size[to] -= queue.shift()!.length;
      }
    });
    socket.on('close', () => {
      if (r.sockets[role] !== socket) return;
      delete r.sockets[role];
      const peer = r.sockets[other(role)];
      if (peer) peer.close(1001, `the ${role} side left`);
      else rooms.delete(name);
    });
  });
}
