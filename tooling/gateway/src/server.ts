/**
 * The Node servers under Fastify: http and (with TLS material) https on one request handler, with
 * the request/headers/keep-alive timeouts (408), an idle-connection timeout, and a connection cap
 * shared by both listeners ({@link ConnectionGate}).
 */
import { readFileSync } from 'node:fs';
import { STATUS_CODES, createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps, type Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { JSON_TYPE } from './http';
import type { TlsOptions } from './types';

/** PEM contents as given, or read from the path. */
export function pem(value: string): string {
  return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
}

/** Timeouts and the connection cap of the servers. */
export interface ServerLimits {
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

/** How long a connection being refused or answered with an error may keep draining its request. */
const LINGER_MS = 1_000;

/** Writes a raw JSON error response (`{ statusCode, reason }`) and closes the socket once written. */
function rawAnswer(socket: Duplex, status: number, reason: string, extra: Record<string, string> = {}): void {
  const body = JSON.stringify({ statusCode: status, reason });
  const head = Object.entries({ 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(body)), ...extra, Connection: 'close' })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.on('error', () => socket.destroy());
  socket.resume(); // discard whatever the client still sends until it reads the answer and closes
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${head}\r\n${body}`);
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/**
 * Answers parser errors and timeouts: 408 for a request not complete within `requestTimeoutMs`
 * (Node's `ERR_HTTP_REQUEST_TIMEOUT`), 431 for oversized headers, 400 otherwise; nothing when the
 * client is gone or a response is already under way.
 */
export function onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') rawAnswer(socket, 408, 'Request timeout');
  else if (err.code === 'HPE_HEADER_OVERFLOW') rawAnswer(socket, 431, 'Request headers too large');
  else rawAnswer(socket, 400, 'Malformed request');
}

/** What the gate knows of one connection. */
interface Connection {
  /** Requests being answered on it. */
  busy: number;
  /** Upgraded to a WebSocket (never idle). */
  upgraded: boolean;
}

/**
 * Caps the open connections of a set of servers. At the cap a new connection first closes the
 * oldest idle connection (no request being answered, not a WebSocket: an idle keep-alive socket,
 * or one that has sent nothing yet); when none is idle, the new connection is refused (http: 503 +
 * `Retry-After: 1`, then closed). The https listener is gated once the TLS handshake is done
 * (`secureConnection`); a handshake itself must finish within `requestTimeoutMs`.
 */
export class ConnectionGate {
  private readonly open = new Map<Duplex, Connection>();

  constructor(private readonly max: number) {}

  /** Gates the connections of `server`. */
  install(server: Server, secure: boolean): void {
    const event = secure ? 'secureConnection' : 'connection';
    const listeners = server.listeners(event) as Array<(socket: Duplex) => void>;
    server.removeAllListeners(event);
    server.on(event, (socket: Duplex) => {
      if (!this.admit(socket)) {
        if (secure) socket.destroy();
        else rawAnswer(socket, 503, 'Too many connections', { 'Retry-After': '1' });
        return;
      }
      for (const listener of listeners) listener.call(server, socket);
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const connection = this.open.get(req.socket);
      if (!connection) return;
      connection.busy++;
      res.once('close', () => connection.busy--);
    });
    server.on('upgrade', (req: IncomingMessage) => {
      const connection = this.open.get(req.socket);
      if (connection) connection.upgraded = true;
    });
  }

  /** Open connections (both listeners). */
  get size(): number {
    return this.open.size;
  }

  private admit(socket: Duplex): boolean {
    if (this.open.size >= this.max) {
      for (const [candidate, connection] of this.open) {
        if (connection.busy > 0 || connection.upgraded) continue;
        this.open.delete(candidate);
        candidate.destroy();
        break;
      }
    }
    if (this.open.size >= this.max) return false;
    this.open.set(socket, { busy: 0, upgraded: false });
    socket.once('close', () => this.open.delete(socket));
    return true;
  }
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The servers of one gateway. */
export interface Servers {
  http: Server;
  https?: HttpsServer;
  gate: ConnectionGate;
}

function configure(server: Server, limits: ServerLimits): void {
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // A connection that sends nothing at all (no request ever started) is closed after twice the
  // request timeout (after the 408 of a request in progress, which comes first).
  server.timeout = 2 * limits.requestTimeoutMs;
}

/** Creates the http server (and the https one with `tls`) for `handler`; throws on bad TLS material. */
export function createServers(handler: Handler, tls: TlsOptions | undefined, limits: ServerLimits): Servers {
  // Node checks the request deadlines on an interval: a tenth of the timeout, at most 1 s.
  const connectionsCheckingInterval = Math.max(10, Math.min(1_000, Math.floor(limits.requestTimeoutMs / 10)));
  const options = { connectionsCheckingInterval, requestTimeout: limits.requestTimeoutMs, headersTimeout: limits.requestTimeoutMs };
  const gate = new ConnectionGate(limits.maxConnections);
  const http = createHttp(options, handler);
  configure(http, limits);
  gate.install(http, false);
  let https: HttpsServer | undefined;
  if (tls) {
    https = createHttps({ ...options, cert: pem(tls.cert), key: pem(tls.key), handshakeTimeout: limits.requestTimeoutMs }, handler);
    configure(https as unknown as Server, limits);
    gate.install(https as unknown as Server, true);
    https.on('clientError', onClientError);
  }
  return { http, https, gate };
}

/** Starts listening; resolves with the bound port. */
export function listen(server: Server | HttpsServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Stops listening and closes every connection. */
export function closeServer(server: Server | HttpsServer): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The host part of a URL for a listen address. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
