/**
 * How the current credentials travel on the wire (protocol §1.3): REST headers and query
 * parameters, and the websocket query parameters.
 */
import type { AuthState } from '@switchboard/core';

/** Base64 of the UTF-8 bytes of `text` (browser and Node). @internal */
export const base64Utf8 = (text: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/** What one REST request carries for authentication. @internal */
export interface RestAuth {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/**
 * REST authentication for the given credentials. `session` is the HMAC `x-session` value once
 * the subscription succeeded (then `x-token` is dropped).
 * @internal
 */
export function restAuth(auth: AuthState | undefined, session?: string): RestAuth {
  const headers: Record<string, string> = {};
  const query: Record<string, string> = {};
  const mode = auth?.mode;
  if (mode === 'password' || mode === 'authname') {
    headers.Authorization = `Basic ${base64Utf8(`${(mode === 'password' ? auth!.username : auth!.authname) ?? ''}:${auth!.password ?? ''}`)}`;
  } else if (mode === 'bearer') headers.Authorization = `Bearer ${auth!.bearerAccessToken ?? ''}`;
  else if (mode === 'accessToken') query.token = auth!.accessToken ?? '';
  else if (mode === 'hmac') headers[session ? 'x-session' : 'x-token'] = session || (auth!.hmacToken ?? '');
  return { headers, query };
}

/** Websocket query parameters: `access_token` (bearer, `query` mode) or `token` (access token). @internal */
export function wsAuthQuery(auth: AuthState | undefined, oauthMode: string): Record<string, string> {
  if (auth?.mode === 'bearer' && oauthMode === 'query' && auth.bearerAccessToken) return { access_token: auth.bearerAccessToken };
  if (auth?.mode === 'accessToken' && auth.accessToken) return { token: auth.accessToken };
  return {};
}
