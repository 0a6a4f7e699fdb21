/** Query strings per protocol §1.4: keys sorted, values strictly percent-encoded (RFC 3986). */

/** `encodeURIComponent` plus the RFC 3986 reserved characters it leaves alone (`!'()*`). @internal */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Builds `a=1&b=2` from an object, keys in alphabetical order; empty string when there is nothing. @internal */
export function buildQuery(params: Record<string, string | undefined>): string {
  return Object.keys(params)
    .filter((k) => params[k] !== undefined)
    .sort()
    .map((k) => `${encodeRfc3986(k)}=${encodeRfc3986(params[k] as string)}`)
    .join('&');
}

/** Appends a query string to a URL or path, with `?` or `&` as needed. @internal */
export function appendQuery(url: string, query: string): string {
  if (!query) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}
