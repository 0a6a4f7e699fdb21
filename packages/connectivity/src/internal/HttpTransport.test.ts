import { BasicError, LogManager, type AuthState } from '@switchboard/core';
import { fakeFetch, type Reply } from '@switchboard/test-utils';
import { base64Utf8, restAuth, wsAuthQuery } from './authCarriage';
import { classifyResponse, parseRetryAfter } from './classify';
import { createTransport } from './HttpTransport';
import { buildQuery, encodeRfc3986 } from './query';

const logger = new LogManager(() => ({ logLevel: 'silent' })).create('connectivity');

function transport(auth: AuthState | undefined, reply: Reply = { status: 200, body: { ok: { statusCode: 0 } } }) {
  const f = fakeFetch(() => reply);
  const authErrors: BasicError[] = [];
  const t = createTransport({
    fetch: f.fetch,
    auth: () => auth,
    server: () => ({ base: 'gw.test', protocol: 'https', port: 8443 }),
    logger,
    onAuthFailure: (e) => authErrors.push(e),
  });
  return { t, requests: f.requests, authErrors };
}

const user = 'alice@example.com';

describe('query strings (§1.4)', () => {
  it('sorts keys and percent-encodes strictly (RFC 3986)', () => {
    expect(buildQuery({ token: 'A+B/C=', criteriaType: '5', criteria: "bob@example.com (it's)*!" })).toBe(
      'criteria=bob%40example.com%20%28it%27s%29%2A%21&criteriaType=5&token=A%2BB%2FC%3D',
    );
    expect(encodeRfc3986("!'()*~-_.")).toBe('%21%27%28%29%2A~-_.');
    expect(buildQuery({})).toBe('');
    expect(buildQuery({ b: undefined, a: 'x' })).toBe('a=x');
  });
});

describe('authentication carriage (§1.3)', () => {
  it('encodes Basic credentials as base64 of UTF-8', () => {
    expect(base64Utf8('jörg:pässword')).toBe(Buffer.from('jörg:pässword', 'utf8').toString('base64'));
  });

  it.each<[string, AuthState, Record<string, string>, Record<string, string>]>([
    ['password', { mode: 'password', username: user, password: 's3cret' }, { Authorization: `Basic ${Buffer.from(`${user}:s3cret`).toString('base64')}` }, {}],
    ['authname', { mode: 'authname', username: user, authname: 'al', password: 'pw' }, { Authorization: `Basic ${Buffer.from('al:pw').toString('base64')}` }, {}],
    ['bearer', { mode: 'bearer', username: user, bearerAccessToken: 'BT1' }, { Authorization: 'Bearer BT1' }, {}],
    ['accessToken', { mode: 'accessToken', username: user, accessToken: 'AT1' }, {}, { token: 'AT1' }],
    ['hmac', { mode: 'hmac', username: user, hmacToken: 'HM1' }, { 'x-token': 'HM1' }, {}],
  ])('%s mode', (_m, auth, headers, query) => {
    expect(restAuth(auth)).toEqual({ headers, query });
  });

  it('HMAC switches from x-token to x-session once a session exists', () => {
    expect(restAuth({ mode: 'hmac', username: user, hmacToken: 'HM1' }, 'sess-9')).toEqual({ headers: { 'x-session': 'sess-9' }, query: {} });
  });

  it('websocket query: access_token for bearer in query mode, token for access tokens, nothing otherwise', () => {
    expect(wsAuthQuery({ mode: 'bearer', username: user, bearerAccessToken: 'BT' }, 'query')).toEqual({ access_token: 'BT' });
    expect(wsAuthQuery({ mode: 'bearer', username: user, bearerAccessToken: 'BT' }, 'none')).toEqual({});
    expect(wsAuthQuery({ mode: 'accessToken', username: user, accessToken: 'AT' }, 'none')).toEqual({ token: 'AT' });
    expect(wsAuthQuery({ mode: 'password', username: user, password: 'p' }, 'query')).toEqual({});
  });
});

describe('HttpTransport', () => {
  it('sends headers, sorted auth query, JSON body and the agent header', async () => {
    const { t, requests } = transport({ mode: 'accessToken', username: user, accessToken: 'A T' });
    const res = await t.request(`${t.userPath()}/directory`, { method: 'POST', body: { x: 1 }, query: { z: '1', criteria: 'b@c' } });
    expect(res).toEqual({ ok: true, status: 200, body: { ok: { statusCode: 0 } } });
    const [req] = requests;
    expect(req?.url).toBe('https://gw.test:8443/rest/version/1/user/alice@example.com/directory?criteria=b%40c&token=A%20T&z=1');
    expect(req?.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
    expect(req?.headers['x-cpaas-agent']).toMatch(/^switchboard-js-sdk\//);
    expect(req?.body).toEqual({ x: 1 });
  });

  it('omits the agent header on request and sends Content-Type on GET/DELETE without a body', async () => {
    const { t, requests } = transport({ mode: 'bearer', username: user, bearerAccessToken: 'BT' });
    await t.request('/rest/version/1/localization', { agent: false });
    await t.request('/rest/version/1/x', { method: 'DELETE', body: { ignored: true } });
    expect(requests[0]?.headers['x-cpaas-agent']).toBeUndefined();
    expect(requests[0]?.headers.authorization).toBe('Bearer BT');
    expect(requests[1]).toMatchObject({ method: 'DELETE', body: undefined });
    expect(requests[1]?.headers['content-type']).toBe('application/json');
  });

  it('sends with keepalive only when asked (a request that must outlive its page)', async () => {
    const { t, requests } = transport({ mode: 'bearer', username: user, bearerAccessToken: 'BT' });
    await t.request('/rest/version/1/x', { method: 'DELETE', keepalive: true });
    await t.request('/rest/version/1/y', { method: 'DELETE' });
    expect(requests.map((r) => r.keepalive)).toEqual([true, false]);
  });

  it('uses x-session after a subscription in HMAC mode', async () => {
    const { t, requests } = transport({ mode: 'hmac', username: user, hmacToken: 'HM' });
    await t.request('/a');
    t.session = 'S1';
    await t.request('/b');
    expect(requests[0]?.headers['x-token']).toBe('HM');
    expect(requests[1]?.headers['x-session']).toBe('S1');
    expect(requests[1]?.headers['x-token']).toBeUndefined();
  });

  it('throws without credentials or server', () => {
    const { t } = transport(undefined);
    expect(() => t.userPath()).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
    const noServer = createTransport({ auth: () => undefined, server: () => ({}), logger, onAuthFailure: () => undefined });
    expect(() => noServer.url('/x')).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });

  it.each<[string, Reply, boolean]>([
    ['401', { status: 401, body: { subscribeResponse: { statusCode: 4 } } }, true],
    ['403 html', { status: 403, text: '<html>no</html>', headers: { 'content-type': 'text/html' } }, true],
    ['403 + 65', { status: 403, body: { presenceResponse: { statusCode: 65 } } }, true],
    ['403 + 27 top level', { status: 403, body: { statusCode: 27 } }, true],
    ['403 + 62', { status: 403, body: { presenceResponse: { statusCode: 62 } } }, false],
    ['403 non-JSON', { status: 403, text: 'nope' }, false],
    ['500', { status: 500, body: {} }, false],
  ])('%s → request:error %s', async (_n, reply, expected) => {
    const { t, authErrors } = transport({ mode: 'password', username: user, password: 'p' }, reply);
    const res = await t.request('/x');
    expect(res.ok).toBe(false);
    expect(authErrors.length > 0).toBe(expected);
    if (expected) expect(authErrors[0]).toMatchObject({ code: 'AUTHORIZATION_FAILED' });
  });

  it('rejects with NETWORK_ERROR when no response arrives', async () => {
    const t = createTransport({
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      auth: () => undefined,
      server: () => ({ base: 'gw', protocol: 'https', port: 1 }),
      logger,
      onAuthFailure: () => undefined,
    });
    await expect(t.request('/x')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    await expect(t.fetchRaw('/x')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('rejects with ABORTED when timeoutMs elapses before a response', async () => {
    const t = createTransport({
      fetch: (_input, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
      auth: () => undefined,
      server: () => ({ base: 'gw', protocol: 'https', port: 1 }),
      logger,
      onAuthFailure: () => undefined,
    });
    await expect(t.request('/x', { method: 'DELETE', timeoutMs: 5 })).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('request.fetch pass-through: raw response, SDK headers win, auth query appended with &', async () => {
    const { t, requests, authErrors } = transport({ mode: 'accessToken', username: user, accessToken: 'AT' }, { status: 401, body: { statusCode: 4 } });
    const res = await t.fetchRaw('rest/version/1/user/x/externalnotification?a=1', {
      method: 'POST',
      body: JSON.stringify({ n: 1 }),
      headers: { Accept: 'text/plain', 'X-App': 'yes' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ statusCode: 4 });
    expect(authErrors).toHaveLength(1);
    expect(requests[0]?.url).toBe('https://gw.test:8443/rest/version/1/user/x/externalnotification?a=1&token=AT');
    expect(requests[0]?.headers).toMatchObject({ accept: 'application/json', 'x-app': 'yes' });
    expect(requests[0]?.headers['x-cpaas-agent']).toBeUndefined();
  });
});

describe('response classification (§1.6)', () => {
  const res = (status: number, body: string | null, headers: Record<string, string> = {}) =>
    new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });

  it('204 → {}; non-JSON 2xx → {} (json false); error wrapper → coded BasicError', async () => {
    expect(await classifyResponse(res(204, null))).toMatchObject({ ok: true, body: {}, json: false });
    expect(await classifyResponse(res(200, 'not json'))).toMatchObject({ ok: true, body: {}, json: false });
    const err = await classifyResponse(res(404, JSON.stringify({ subscribeResponse: { statusCode: 39, reason: 'gone' } })));
    expect(err.error).toBeInstanceOf(BasicError);
    expect(err.error).toMatchObject({ code: '39', message: 'gone' });
    expect((await classifyResponse(res(500, ''))).error).toMatchObject({ code: '500' });
  });

  it('parses Retry-After seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
