/**
 * Test helper: a `FakeLinkTransport` responder that answers the presence, directory and
 * address-book routes with their wrappers (statusCode 0), like the reference gateway.
 */
import type { LinkResponse } from '@switchboard/connectivity';
import type { SentRequest } from '@switchboard/test-utils';

/** The success wrapper of the route `path` names (undefined for other routes). */
export function wrapperOf(path: string): string | undefined {
  if (path.endsWith('/presence')) return 'presenceResponse';
  if (path.endsWith('/presenceWatcher')) return 'presenceWatcherResponse';
  if (path.endsWith('/directory')) return 'directory';
  if (path.endsWith('/userProfileData')) return 'userProfileData';
  if (path.includes('/addressbook')) return 'addressBookResponse';
  return undefined;
}

/** `200 { <wrapper>: { statusCode: 0, ...members } }` for the request's route. */
export function ok(req: Pick<SentRequest, 'path'>, members: Record<string, unknown> = {}): LinkResponse {
  return { ok: true, status: 200, body: { [wrapperOf(req.path) ?? 'response']: { statusCode: 0, ...members } } };
}

/** A refusal in the route's wrapper. */
export function refusal(req: Pick<SentRequest, 'path'>, status: number, statusCode: number): LinkResponse {
  return { ok: false, status, body: { [wrapperOf(req.path) ?? 'response']: { statusCode } } };
}
