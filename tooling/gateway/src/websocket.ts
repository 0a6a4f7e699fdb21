/**
 * WebSocket upgrades at `/rest/version/1/user/{userId}/websocket/{channelId}` (§3.1, §3.2):
 * unknown channels → 404, bad `access_token` / `token` → 401/403, credential headers (Authorization,
 * `x-session`, `x-token`, when a non-browser client sends them) of another user → 403 + 27 (401 when
 * invalid), otherwise the socket is attached to the channel (replacing any previous socket).
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { endedSession, type Authenticator } from './auth';
import type { ChannelRegistry } from './channel-registry';
import { HttpError, parseUrl } from './http';
import type { UserDirectory } from './users';

/** Dependencies of the upgrade handler. */
export interface UpgradeDeps {
  channels: ChannelRegistry;
  authenticator: Authenticator;
  users: UserDirectory;
  wss: WebSocketServer;
  log: (line: string) => void;
}

/** Request headers carrying REST credentials (§1.3); checked on an upgrade when present. */
const CREDENTIAL_HEADERS = ['authorization', 'x-session', 'x-token'];

function refuse(socket: Duplex, status: number, statusCode: number, reason: string): void {
  const body = JSON.stringify({ statusCode, reason });
  try {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  } catch {
    socket.destroy();
  }
}

function channelIdOf(pathname: string): { userId: string; channelId: string } | undefined {
  const parts = pathname.split('/');
  if (parts.length !== 8 || parts[0] !== '') return undefined;
  const [, rest, version, one, user, userId, websocket, channelId] = parts;
  if (rest !== 'rest' || version !== 'version' || one !== '1' || user !== 'user' || websocket !== 'websocket') {
    return undefined;
  }
  try {
    return { userId: decodeURIComponent(userId), channelId: decodeURIComponent(channelId) };
  } catch {
    return undefined;
  }
}

/** Handles one `upgrade` event of the HTTP server; never throws. */
export function handleUpgrade(deps: UpgradeDeps, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  // Usually a client that went away mid-upgrade: an ordinary event.
  socket.on('error', (err) => deps.log(`debug: upgrade socket error: ${err.message}`));
  try {
    const url = parseUrl(req.url);
    if (!url) return refuse(socket, 400, 1004, 'Malformed path');
    const target = channelIdOf(url.pathname);
    const channel = target && deps.channels.get(target.channelId);
    const owner = target && deps.users.find(target.userId);
    if (!target || !channel || !owner || owner.username !== channel.username || channel.state === 'closed') {
      return refuse(socket, 404, 42, 'Unknown notification channel');
    }
    const bearer = url.searchParams.get('access_token');
    const access = url.searchParams.get('token');
    const tokenUser = bearer
      ? deps.authenticator.tokenUser(bearer, 'bearer')
      : access
        ? deps.authenticator.tokenUser(access, 'access')
        : undefined;
    if (tokenUser && tokenUser.username !== channel.username) {
      return refuse(socket, 403, 27, 'Token belongs to another user');
    }
    // Browsers cannot send headers, but credentials a client does send must be the channel owner's.
    if (CREDENTIAL_HEADERS.some((h) => req.headers[h])) {
      const auth = deps.authenticator.authenticate(req, new URLSearchParams(), target.userId);
      if (auth.sessionEnded) throw endedSession();
    }
    deps.wss.handleUpgrade(req, socket, head, (ws) => {
      if (channel.state === 'closed') {
        ws.close(1000, 'Subscription ended');
        return;
      }
      channel.attach(ws);
    });
  } catch (err) {
    if (err instanceof HttpError) return refuse(socket, err.status, err.statusCode, err.message);
    deps.log(`BUG in upgrade: ${(err as Error)?.stack ?? String(err)}`);
    refuse(socket, 500, 26, 'Internal server error');
  }
}
