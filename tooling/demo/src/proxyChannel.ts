/**
 * The proxy-mode channel of the demo: a seed `Channel` `{ send, receive }` over a WebSocket to the
 * gateway's demo relay (`/demo/proxy-relay/{room}?role=app|remote`, tooling/gateway/src/proxy-relay.ts),
 * which pairs the softphone (`app`) with its "remote media" page (`remote`) by room name. Shared by
 * the proxy panel and remote.html.
 */
import type { Origin } from './server';

/** A side of a relay room. */
export type RelayRole = 'app' | 'remote';

/** The seed's channel: the app provides `send`, the SDK assigns `receive`. */
export interface ProxyChannel {
  send(data: object): void;
  receive?: (data: object) => void;
}

/** An open channel and its socket. */
export interface RelayLink {
  channel: ProxyChannel;
  /** Called once when the socket closes (the other side left, or the relay went away). */
  onClose(listener: (code: number) => void): void;
  close(): void;
}

/** The relay URL of `role` in `room`, on the gateway at `origin` (http → ws, https → wss). */
export function relayUrl(origin: Origin, room: string, role: RelayRole): string {
  const scheme = origin.protocol === 'https:' ? 'wss' : 'ws';
  const host = origin.port ? `${origin.hostname}:${origin.port}` : origin.hostname;
  return `${scheme}://${host}/demo/proxy-relay/${encodeURIComponent(room)}?role=${role}`;
}

/**
 * Opens `url`; resolves once the socket is open. Each message goes out as one JSON text frame; each
 * inbound frame is parsed and handed to `channel.receive` (a frame that is not JSON is handed over as
 * the string: the SDK reports it); frames that come before `receive` is assigned wait for it.
 */
export function openRelay(url: string): Promise<RelayLink> {
  const socket = new WebSocket(url);
  const held: unknown[] = [];
  let receive: ((data: object) => void) | undefined;
  const channel: ProxyChannel = {
    send(data) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(data));
    },
    get receive() {
      return receive;
    },
    set receive(fn) {
      receive = fn;
      if (fn) for (const data of held.splice(0)) fn(data as object);
    },
  };
  socket.addEventListener('message', (e: MessageEvent<string>) => {
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      data = e.data;
    }
    if (receive) receive(data as object);
    else held.push(data);
  });
  const link: RelayLink = {
    channel,
    onClose: (listener) => socket.addEventListener('close', (e) => listener(e.code), { once: true }),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(link), { once: true });
    socket.addEventListener('error', () => reject(new Error(`could not open ${url}`)), { once: true });
  });
}
