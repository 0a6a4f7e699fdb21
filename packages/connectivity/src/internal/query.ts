/** Query strings per protocol §1.4: keys sorted, values strictly percent-encoded (RFC 3986). */

/** `encodeURIComponent` plus the RFC 3986 reserved characters it leaves alone (`!'()*`). @internal */
export const encodeRfc3986 = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Builds `a=1&b=2` from an object, keys in alphabetical order; empty string when there is nothing. @internal */
export const buildQuery = (params: Record<string, string | undefined>): string =>
  Object.keys(params)
    .filter((k) => params[k] !== undefined)
    .sort()
    .map((k) => `${encodeRfc3986(k)}=${encodeRfc3986(params[k]!)}`)
    .join('&');

/** Appends a query string to a URL or path, with `?` or `&` as needed. @internal */
export const appendQuery = (url: string, query: string): string => (query ? url + (url.includes('?') ? '&' : '?') + query : url);
