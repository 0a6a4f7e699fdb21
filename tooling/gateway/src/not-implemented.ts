/**
 * Known operations of §6–§13 that the reference gateway does not implement: none at present
 * (SIP event subscriptions, §8, are in `sip-events.ts`). The others are implemented: IM and chat groups in `messaging-routes.ts`,
 * presence in `presence-routes.ts`, voicemail in `voicemail.ts`, directory and own profile in
 * `directory.ts`, the address book in `address-book.ts`, call history in `history-routes.ts`,
 * click-to-call in `click-to-call.ts`.
 *
 * They answer 501 (not 404) inside the operation's response wrapper (§1.7): the resource exists
 * in the protocol, the gateway just lacks the function, and a 404 would carry a meaning the
 * client acts on (e.g. 404 + 42 on `logRecord` = "record not found"). §13 and §18.7 (join) use
 * 501 for unsupported functions too. Requests are still authenticated first, so credential
 * problems keep their 401/403 answers. Routes added to the router before these take precedence.
 */
import { HttpError } from './http';
import type { Route } from './router';

const USER = '/rest/version/1/user/:userId';

/** `reason` of every not-implemented answer. */
export const NOT_IMPLEMENTED_REASON = 'not implemented by the reference gateway';

/**
 * In-body code: 1004 (bad request), as §18.7 suggests for join. Deliberately none of the codes
 * the client gives a meaning (4/27/35/61/65 credential problems, 39/42/47 "gone", 52 "no voicemail").
 */
const STATUS_CODE = 1004;

/** Method, path (below `/rest/version/1/user/{userId}`) and error wrapper of each operation. */
const OPERATIONS: ReadonlyArray<readonly [Route['method'], string, string]> = [];

/** Routes answering 501 + `{ <wrapper>: { statusCode: 1004, reason } }` after authentication. */
export function notImplementedRoutes(): Route[] {
  return OPERATIONS.map(([method, path, wrapper]) => ({
    method,
    path: USER + path,
    wrapper,
    handler: () => {
      throw new HttpError(501, STATUS_CODE, NOT_IMPLEMENTED_REASON);
    },
  }));
}
