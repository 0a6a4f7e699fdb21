/** The `request` namespace (seed 000 `request.fetch`, protocol §15.1). */
import type { HttpTransport } from '../internal/HttpTransport';
import { invalidArgument } from '../errors';
import { isName, isPlainObject, need } from './validate';

/** The `request` namespace. @public */
export interface RequestApi {
  /**
   * Sends a request to the REST server with the SDK's base URL and authentication, and returns
   * the raw response. `resource` is the full REST path (version and user included).
   * @example
   * ```ts
   * const response = await client.request.fetch('/rest/version/1/user/xyz@test.com/externalnotification', {
   *   method: 'POST', body: JSON.stringify({ test: 123 }),
   * })
   * ```
   * @throws TypeError for a non-string `resource` or a non-object `init`; BasicError `INVALID_CONFIG`
   *   without a server. Rejects with BasicError `INVALID_ARGUMENT` for an empty `resource` (nothing is
   *   sent), `NETWORK_ERROR` when no response arrives.
   */
  fetch(resource: string, init?: RequestInit): Promise<Response>;
}

/** Builds the `request` namespace. @internal */
export function createRequestApi(transport: HttpTransport): RequestApi {
  return {
    fetch(resource, init) {
      const m = 'request.fetch()';
      need(typeof resource === 'string', m, 'resource must be a string');
      need(init === undefined || isPlainObject(init), m, 'init must be an object');
      transport.url(resource);
      if (!isName(resource)) return Promise.reject(invalidArgument(m, 'resource must not be empty'));
      return transport.fetchRaw(resource, init);
    },
  };
}
