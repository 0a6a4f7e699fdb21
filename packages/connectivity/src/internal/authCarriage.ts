/**
 * How the current credentials travel on the wire (protocol §1.3): REST headers and query
 * parameters, and the websocket query parameters.
 */
import type { AuthState } from '@switchboard/core';

/** Base64 of the UTF-8 bytes of `text` (browser and Node). @internal */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

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
  switch (auth?.mode) {
    case 'password':
      headers.Authorization = `Basic ${base64Utf8(`${auth.username}:${auth.password ?? ''}`)}`;
      break;
    case 'authname':
      headers.Authorization = `Basic ${base64Utf8(`${auth.authname ?? ''}:${auth.password ?? ''}`)}`;
      break;
    case 'bearer':
      headers.Authorization = `Bearer ${auth.bearerAccessToken ?? ''}`;
      break;
    case 'accessToken':
      query.token = auth.accessToken ?? '';
      break;
    case 'hmac':
      if (session) headers['x-session'] = session;
      else headers['x-token'] = auth.hmacToken ?? '';
      break;
    default:
      break;
  }
  return { headers, query };
}

/** Websocket query parameters: `access_token` (bearer, `query` mode) or `token` (access token). @internal */
export function wsAuthQuery(auth: AuthState | undefined, oauthMode: string): Record<string, string> {
  if (auth?.mode === 'bearer' && oauthMode === 'query' && auth.bearerAccessToken) return { access_token: auth.bearerAccessToken };
  if (auth?.mode === 'accessToken' && auth.accessToken) return { token: auth.accessToken };
  return {};
}
