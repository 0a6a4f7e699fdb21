/** In-memory stand-ins for connectivity's exported services: the Link transport and the notification registry. */
import { BasicError } from '@switchboard/core';
import type {
  LinkNotification, LinkRequestOptions, LinkResponse, LinkTransport, NotificationChannel, NotificationHandler, NotificationRegistry,
} from '@switchboard/connectivity';

/** One request recorded by {@link FakeLinkTransport}. @public */
export interface SentRequest {
  /** The path under the user's REST base. */
  path: string;
  /** The HTTP method. */
  method: string;
  /** The JSON body, if any. */
  body: unknown;
  /** The request options the caller passed. */
  options: LinkRequestOptions;
}

/** Answers a request; return undefined for the default response. @public */
export type LinkResponder = (req: SentRequest) => LinkResponse | undefined | Promise<LinkResponse | undefined>;

/**
 * A fake `LinkTransport` (`connectivityTokens.transport`) for one user: records every request and
 * answers with `responder`, by default `201` + `{ callControlResponse: { statusCode: 0, sessionData: 'leg-a-1' } }`
 * for a POST to `…/callControl` and `200` + `{ callControlResponse: { statusCode: 0 } }` otherwise.
 * @public
 */
export class FakeLinkTransport implements LinkTransport {
  /** Every request, in order. */
  readonly sent: SentRequest[] = [];
  /** Answers the next requests (replace it at any time). */
  responder: LinkResponder = () => undefined;

  /**
   * @param user the user id of `userPath()` @default 'alice@example.com'
   * @param base the origin of `url()` @default 'http://gw.test'
   */
  constructor(readonly user = 'alice@example.com', readonly base = 'http://gw.test') {}

  userPath(): string {
    return `/rest/version/1/user/${this.user}`;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  async request<T>(path: string, options: LinkRequestOptions = {}): Promise<LinkResponse<T>> {
    const req: SentRequest = { path, method: options.method ?? 'GET', body: options.body, options };
    this.sent.push(req);
    const custom = await this.responder(req);
    if (custom) return custom as LinkResponse<T>;
    const isStart = req.method === 'POST' && path.endsWith('/callControl');
    const body = isStart ? { callControlResponse: { statusCode: 0, sessionData: 'leg-a-1' } } : { callControlResponse: { statusCode: 0 } };
    return { ok: true, status: isStart ? 201 : 200, body: body as T };
  }

  /** The requests whose body is a `callControlRequest` of `type`. */
  ofType(type: string): SentRequest[] {
    return this.sent.filter((s) => (s.body as { callControlRequest?: { type?: string } } | undefined)?.callControlRequest?.type === type);
  }
}

/**
 * An error response like the gateway's (`callControlResponse` with `statusCode` and `reason`).
 * @public
 */
export function errorResponse(status: number, statusCode: number, reason = 'error'): LinkResponse {
  return { ok: false, status, body: { callControlResponse: { statusCode, reason } }, error: new BasicError(`${statusCode}`, reason) };
}

/**
 * A fake notification registry (`connectivityTokens.notifications`): the test delivers
 * notifications with {@link FakeNotificationRegistry.deliver}.
 * @public
 */
export class FakeNotificationRegistry implements NotificationRegistry {
  /** The registered handlers. */
  readonly handlers: Array<{
    /** The event types it was registered for. */
    types: string[];
    /** The handler. */
    handler: NotificationHandler;
  }> = [];

  register(types: string | readonly string[], handler: NotificationHandler): () => void {
    const entry = { types: typeof types === 'string' ? [types] : [...types], handler };
    this.handlers.push(entry);
    return () => {
      const i = this.handlers.indexOf(entry);
      if (i >= 0) this.handlers.splice(i, 1);
    };
  }

  /** Delivers `notification` to every handler of its `eventType` (and `'*'`). */
  deliver(notification: LinkNotification, channel: NotificationChannel = 'WEBSOCKET'): void {
    for (const h of [...this.handlers]) if (h.types.includes(notification.eventType) || h.types.includes('*')) h.handler(notification, channel);
  }
}
