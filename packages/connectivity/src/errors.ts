/**
 * Connectivity's error codes. The subscription codes keep the `authentication:N` names and
 * messages of the Ribbon/Kandy SDKs (seed 000 `subscription:error`).
 */
import { BasicError } from '@switchboard/core';

declare module '@switchboard/core' {
  interface ErrorCodeMap {
    /** Invalid credentials (HTTP 401, or 403 with statusCode 4/27/61/65). */
    'authentication:1': true;
    /** The server could not be reached, or the websocket could not be opened. */
    'authentication:2': true;
    /** Unsubscribe failed: nothing (or not that service) is subscribed. */
    'authentication:3': true;
    /** The server refused the subscription ("Failed to subscribe user. Status Code N"). */
    'authentication:4': true;
    /** Extending the subscription (refresh PUT) failed. */
    'authentication:5': true;
    /** Changing the subscribed services (PUT) failed. */
    'authentication:6': true;
    /** No services to subscribe. */
    'authentication:12': true;
    /** Backend problem: statusCode 53, or 503 retries exhausted. */
    'authentication:13': true;
    /** A REST request was rejected for an authorization reason (`request:error`). */
    AUTHORIZATION_FAILED: true;
    /** No HTTP response was received. */
    NETWORK_ERROR: true;
    /** The request timed out. */
    ABORTED: true;
    /** A push registration or deregistration failed. */
    PUSH_REGISTRATION_FAILED: true;
  }
}

/** Error codes of the connectivity plugin. @public */
export const connectivityErrorCodes = Object.freeze({
  INVALID_CREDENTIALS: 'authentication:1',
  CONNECTION_FAILED: 'authentication:2',
  UNSUBSCRIBE_FAILED: 'authentication:3',
  SUBSCRIBE_FAILED: 'authentication:4',
  REFRESH_FAILED: 'authentication:5',
  UPDATE_FAILED: 'authentication:6',
  NO_SERVICES: 'authentication:12',
  SERVICE_UNAVAILABLE: 'authentication:13',
  AUTHORIZATION_FAILED: 'AUTHORIZATION_FAILED',
  NETWORK_ERROR: 'NETWORK_ERROR',
  ABORTED: 'ABORTED',
  PUSH_REGISTRATION_FAILED: 'PUSH_REGISTRATION_FAILED',
} as const);

const ID = 'connectivity';
const err = (code: string, message: string, cause?: unknown) => new BasicError(code, message, { pluginId: ID, cause });

/** "Authorization failed with server. Please check credentials. Status code: N". @internal */
export const invalidCredentialsError = (statusCode: number | string) =>
  err('authentication:1', `Authorization failed with server. Please check credentials. Status code: ${statusCode}`);

/** "Failed to subscribe user. Status Code N" (53 → `authentication:13`). @internal */
export const subscribeFailedError = (statusCode: number | string) =>
  err(Number(statusCode) === 53 || Number(statusCode) === 503 ? 'authentication:13' : 'authentication:4',
    `Failed to subscribe user. Status Code ${statusCode}`);

/** The websocket or the server could not be reached. @internal */
export const connectionFailedError = (what: string, cause?: unknown) => err('authentication:2', what, cause);

/** Unsubscribe of a service that is not subscribed (or of anything when nothing is). @internal */
export const notSubscribedError = (service?: string) =>
  err('authentication:3', service === undefined ? "No subscription found, can't unsubscribe." : `No subscription found for "${service}", can't unsubscribe`);

/** A refresh PUT failed. @internal */
export const refreshFailedError = (statusCode: number | string) =>
  err('authentication:5', `Failed to extend the subscription. Status Code ${statusCode}`);

/** A service-change PUT failed. @internal */
export const updateFailedError = (statusCode: number | string) =>
  err('authentication:6', `Failed to update the subscription. Status Code ${statusCode}`);

/** No services configured/given. @internal */
export const noServicesError = () => err('authentication:12', 'No services found in configuration.');

/** A bad argument: nothing was changed or sent. @internal */
export const invalidArgument = (method: string, text: string) => err('INVALID_ARGUMENT', `${method}: ${text}`);
