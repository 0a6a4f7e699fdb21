/**
 * WebSocket upgrades at `/rest/version/1/user/{userId}/websocket/{channelId}` (§3.1, §3.2), a
 * `@fastify/websocket` route: unknown channels → 404 + 42, bad `access_token` / `token` →
 * 401/403, credential headers (Authorization, `x-session`, `x-token`, when a non-browser client
 * sends them) of another user → 403 + 27 (401 when invalid); all answered before the upgrade as
 * top-level `{ statusCode, reason }`; while the `refuseSockets` test hook refuses the user: 503. Otherwise the socket is attached to the channel (replacing
 * any previous socket). A plain GET of the path is 404 + 42.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { endedSession, type Authenticator } from './auth';
import type { Channel } from './channels';
import type { ChannelRegistry } from './channel-registry';
import { HttpError, parseUrl } from './http';
import { sendError } from './router';
import type { UserDirectory } from './users';

/** Dependencies of the WebSocket route. */
export interface WebSocketDeps {
  channels: ChannelRegistry;
  authenticator: Authenticator;
  users: UserDirectory;
}

/** The path of the notification channels (§3.1). */
export const WEBSOCKET_PATH = '/rest/version/1/user/:userId/websocket/:channelId';

const kChannel = Symbol('channel');

/** Request headers carrying REST credentials (§1.3); checked on an upgrade when present. */
const CREDENTIAL_HEADERS = ['authorization', 'x-session', 'x-token'];

type UpgradeRequest = FastifyRequest & { [kChannel]?: Channel };

function unknownChannel(): HttpError {
  return new HttpError(404, 42, 'Unknown notification channel');
}

/** The channel an upgrade request may attach to; throws the protocol's refusal. */
function channelFor(deps: WebSocketDeps, request: FastifyRequest): Channel {
  const url = parseUrl(request.url);
  if (!url) throw new HttpError(400, 1004, 'Malformed path');
  const { userId, channelId } = request.params as { userId: string; channelId: string };
  const channel = deps.channels.get(channelId);
  const owner = deps.users.find(userId);
  if (!channel || !owner || owner.username !== channel.username || channel.state === 'closed') throw unknownChannel();
  if (deps.channels.refusesSockets(channel.username)) throw new HttpError(503, 1004, 'Socket refused by a test hook');
  const bearer = url.searchParams.get('access_token');
  const access = url.searchParams.get('token');
  const tokenUser = bearer
    ? deps.authenticator.tokenUser(bearer, 'bearer')
    : access
      ? deps.authenticator.tokenUser(access, 'access')
      : undefined;
  if (tokenUser && tokenUser.username !== channel.username) throw new HttpError(403, 27, 'Token belongs to another user');
  // Browsers cannot send headers, but credentials a client does send must be the channel owner's.
  if (CREDENTIAL_HEADERS.some((h) => request.headers[h])) {
    const auth = deps.authenticator.authenticate(request.raw, new URLSearchParams(), userId);
    if (auth.sessionEnded) throw endedSession();
  }
  return channel;
}

/** Registers the notification channel route (the `@fastify/websocket` plugin must be registered). */
export function registerWebSocketRoute(app: FastifyInstance, deps: WebSocketDeps): void {
  app.route({
    method: 'GET',
    url: WEBSOCKET_PATH,
    onRequest: async (request: UpgradeRequest) => {
      if (!request.ws) throw new HttpError(404, 42, 'Unknown resource');
      request[kChannel] = channelFor(deps, request);
    },
    errorHandler: (err, _request, reply) => {
      if (err instanceof HttpError) return sendError(reply, null, err);
      throw err;
    },
    handler: (_request, reply) => sendError(reply, null, new HttpError(404, 42, 'Unknown resource')),
    wsHandler: (socket: WebSocket, request: UpgradeRequest) => {
      const channel = request[kChannel]!;
      if (channel.state === 'closed') {
        socket.close(1000, 'Subscription ended');
        return;
      }
      channel.attach(socket);
    },
  });
}
