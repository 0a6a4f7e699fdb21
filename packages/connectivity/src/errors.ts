/**
 * Connectivity's error codes. The subscription codes keep the `authentication:N` names and
 * messages of the Ribbon/Kandy SDKs (seed 000 `subscription:error`).
 */
import { BasicError, type ErrorCode, type ErrorCodesOf } from '@switchboard/core';

/** Error codes of the connectivity plugin (name → code); the `ErrorCodeMap` entries are derived from it. @public */
export const connectivityErrorCodes = /* @__PURE__ */ Object.freeze({
  /** Invalid credentials (HTTP 401, an HTML 403, or 403 with statusCode 4/61/65). */
  INVALID_CREDENTIALS: 'authentication:1',
  /** The server could not be reached, or the websocket could not be opened. */
  CONNECTION_FAILED: 'authentication:2',
  /** Unsubscribe failed: nothing (or not that service) is subscribed. */
  UNSUBSCRIBE_FAILED: 'authentication:3',
  /** The server refused the subscription ("Failed to subscribe user. Status Code N": 9, 17, 19, 26, 27, 37, 38, 39, 54, 62, 63, …). */
  SUBSCRIBE_FAILED: 'authentication:4',
  /** Extending the subscription (refresh PUT) failed. */
  REFRESH_FAILED: 'authentication:5',
  /** Changing the subscribed services (PUT) failed. */
  UPDATE_FAILED: 'authentication:6',
  /** No services to subscribe. */
  NO_SERVICES: 'authentication:12',
  /** Backend problem: statusCode 53, or 503 retries exhausted. */
  SERVICE_UNAVAILABLE: 'authentication:13',
  /** A REST request was rejected for an authorization reason (`request:error`). */
  AUTHORIZATION_FAILED: 'AUTHORIZATION_FAILED',
  /** No HTTP response was received. */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** The request timed out. */
  ABORTED: 'ABORTED',
  /** A push registration or deregistration failed. */
  PUSH_REGISTRATION_FAILED: 'PUSH_REGISTRATION_FAILED',
} as const);

/**
 * The code of a failed Link response (`LinkResponse.error`): the in-body `statusCode`, else the
 * HTTP status, as a decimal string (protocol §1.6), e.g. `'39'` or `'500'`.
 * @public
 */
export type LinkStatusErrorCode = `${number}`;

/** The `ErrorCodeMap` entries of {@link LinkStatusErrorCode} (a pattern, so not a constant). @public */
export interface LinkStatusErrorCodes {
  /** A failed Link response: its statusCode (or HTTP status) as the code. */
  readonly [statusCode: LinkStatusErrorCode]: true;
}

declare module '@switchboard/core' {
  interface ErrorCodeMap extends ErrorCodesOf<typeof connectivityErrorCodes>, LinkStatusErrorCodes {}
}

/** A code of the connectivity plugin. @public */
export type ConnectivityErrorCode = (typeof connectivityErrorCodes)[keyof typeof connectivityErrorCodes] | LinkStatusErrorCode;

/** A connectivity error. @internal */
export const err = (code: ErrorCode, message: string, cause?: unknown) => new BasicError(code, message, { pluginId: 'connectivity', cause });

/** "Authorization failed with server. Please check credentials. Status code: N" as `code` (`authentication:1` or `AUTHORIZATION_FAILED`). @internal */
export const invalidCredentialsError = (statusCode: number | string, code: 'authentication:1' | 'AUTHORIZATION_FAILED' = 'authentication:1') =>
  err(code, `Authorization failed with server. Please check credentials. Status code: ${statusCode}`);

/** A failed subscription PUT/POST: `authentication:N` with "Failed to <what>. Status Code S". */
const statusError = (n: 4 | 5 | 6 | 13, what: string) => (statusCode: number | string) =>
  err(`authentication:${n}`, `Failed to ${what}. Status Code ${statusCode}`);

/** "Failed to subscribe user. Status Code N" (53 and 503 → `authentication:13`). @internal */
export const subscribeFailedError = (statusCode: number | string) =>
  statusError([53, 503].includes(+statusCode) ? 13 : 4, 'subscribe user')(statusCode);

/** A refresh PUT failed. @internal */
export const refreshFailedError = statusError(5, 'extend the subscription');

/** A service-change PUT failed. @internal */
export const updateFailedError = statusError(6, 'update the subscription');

/** `authentication:2`: "<operation> failed: <what> unreachable" (the server, or the websocket). @internal */
export const connectionFailedError = (operation: string, cause?: unknown, what = 'server') =>
  err('authentication:2', `${operation} failed: ${what} unreachable`, cause);

/** Unsubscribe of a service that is not subscribed (or of anything when nothing is). @internal */
export const notSubscribedError = (service?: string) =>
  err('authentication:3', service === undefined ? "No subscription found, can't unsubscribe." : `No subscription found for "${service}", can't unsubscribe`);

/** No services configured/given. @internal */
export const noServicesError = () => err('authentication:12', 'No services found in configuration.');

/** A bad argument: nothing was changed or sent. @internal */
export const invalidArgument = (method: string, text: string) => err('INVALID_ARGUMENT', `${method}: ${text}`);
