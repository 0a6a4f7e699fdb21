/**
 * The gateway's Fastify application: servers ({@link createServers}), structured logging, CORS
 * (§1.10) on every answer, one log line per response, bodies read as text up to 1 MB, early
 * answers that let the client finish sending (`closeAfterResponse`), errors in the protocol's
 * shape, the routes, the WebSocket channel route and the static files.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { resolve } from 'node:path';
import type { Settings } from './config';
import { HttpError, MAX_BODY_BYTES, closeAfterResponse, corsHeaders, decodeBody } from './http';
import { LoginThrottle } from './login-throttle';
import { UnroutedHandler, registerRoutes, routeOf, sendError, wrapperOf, type Route, type RouteDeps } from './router';
import { registerProxyRelayRoute } from './proxy-relay';
import { createServers, onClientError, type Servers } from './server';
import type { TlsOptions } from './types';
import { registerWebSocketRoute, type WebSocketDeps } from './websocket';

/** What the application serves. */
export interface AppParts {
  /** Routes in order of precedence (the first of a method and path wins). */
  routes: Route[];
  /** The dependencies of the routes and of the WebSocket route. */
  deps: Omit<RouteDeps, 'throttle' | 'log'> & WebSocketDeps;
}

/** A built application and its servers (not listening yet). */
export interface App {
  app: FastifyInstance;
  servers: Servers;
}

/** The WebSocket frame size limit (a larger frame closes the socket with 1009). */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * An answer sent before the body is complete (401, 413, 400…) lets the client finish sending; an
 * upgrade request answered over HTTP (a refused WebSocket) has its connection closed.
 */
function answerEarly(request: FastifyRequest, reply: FastifyReply): void {
  if (request.headers.upgrade === undefined) {
    closeAfterResponse(request.raw, reply.raw);
    return;
  }
  reply.header('Connection', 'close');
  const socket = request.raw.socket;
  reply.raw.once('finish', () => socket.destroySoon());
}

function isClientAbort(err: FastifyError, request: FastifyRequest): boolean {
  return err.code === 'ECONNRESET' || (!request.raw.complete && (request.raw.destroyed || request.raw.socket?.destroyed === true));
}

function toHttpError(err: FastifyError, log: (line: string) => void, request: FastifyRequest): HttpError {
  if (err instanceof HttpError) return err;
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new HttpError(413, 5, 'Request body too large');
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new HttpError(err.statusCode, 5, 'Malformed request');
  }
  log(`BUG handling ${request.method} ${request.url.split('?')[0]}: ${err?.stack ?? String(err)}`);
  return new HttpError(500, 26, 'Internal server error');
}

/** Builds the application on new servers (https too with `tls`). */
export async function buildApp(settings: Settings, tls: TlsOptions | undefined, parts: AppParts): Promise<App> {
  const log = settings.log;
  let servers: Servers | undefined;
  const app = Fastify({
    loggerInstance: settings.logging.pino as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    exposeHeadRoutes: false,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 16 * 1024 },
    serverFactory: (handler) => {
      servers = createServers(handler, tls, settings);
      // Upgrades on the https listener go through the same routes as those on the http one.
      const http = servers.http;
      servers.https?.on('upgrade', (req, socket, head) => http.emit('upgrade', req, socket, head));
      return servers.http;
    },
    clientErrorHandler: onClientError,
    frameworkErrors: (err, request, reply) => {
      reply.headers(corsHeaders(request.headers.origin));
      answerEarly(request, reply);
      const status = err.code === 'FST_ERR_BAD_URL' ? 400 : (err.statusCode ?? 400);
      return sendError(reply, null, new HttpError(status, 1004, status === 400 ? 'Malformed path' : err.message));
    },
  });

  app.removeAllContentTypeParsers();
  // Bodies are read whatever their Content-Type and parsed as JSON by the adapter (strict UTF-8);
  // a `rawBody` route (file uploads) gets the bytes.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, routeOf(request)?.rawBody ? body : decodeBody(body as Buffer));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(corsHeaders(request.headers.origin));
    const path = request.url.split('?')[0];
    reply.raw.once('finish', () => log(`${request.method} ${path} -> ${reply.raw.statusCode}`));
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    answerEarly(request, reply);
    done(null, payload);
  });

  app.setErrorHandler((err: FastifyError, request, reply: FastifyReply) => {
    if (isClientAbort(err, request)) {
      // An ordinary event: nobody is left to answer; release the request and its socket quietly.
      log(`debug: client aborted ${request.method} ${request.url.split('?')[0]} before its body was complete`);
      reply.hijack();
      request.raw.destroy();
      reply.raw.destroy();
      return;
    }
    const httpErr = toHttpError(err, log, request);
    return sendError(reply, wrapperOf(routeOf(request), (request.params ?? {}) as Record<string, string>), httpErr);
  });

  const unrouted = new UnroutedHandler();
  unrouted.add(parts.routes);
  app.setNotFoundHandler((request, reply) => unrouted.answer(request, reply));

  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_FRAME_BYTES } });
  const throttle = new LoginThrottle(app, settings.loginFailuresPerUser, settings.loginFailuresPerAddress, settings.loginWindowMs);
  registerRoutes(app, parts.routes, { ...parts.deps, throttle, log });
  registerWebSocketRoute(app, parts.deps);
  if (settings.staticDir) {
    registerProxyRelayRoute(app);
    await app.register(fastifyStatic, {
      root: resolve(settings.staticDir),
      wildcard: true,
      cacheControl: false,
      etag: false,
      lastModified: false,
      allowedPath: (pathname) => !pathname.startsWith('/rest/') && !pathname.startsWith('/__test__/') && !pathname.startsWith('/admin/'),
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    });
  }
  return { app, servers: servers! };
}
