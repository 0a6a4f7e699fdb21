/**
 * TURN credentials (issue 10 point 4, protocol §2.2): the shared-secret scheme coturn verifies
 * (`use-auth-secret`), the gateway options and their validation, and fresh credentials in every
 * create and refresh response. Real coturn accepting them: tooling/e2e/turnRelay.test.ts.
 */
import { createHmac } from 'node:crypto';
import type { Gateway } from '../src/index';
import { startGateway } from '../src/index';
import { resolveSettings } from '../src/config';
import { DEFAULT_TURN_TTL_SECONDS, DEV_TURN_SECRET, resolveTurn, turnCredentials } from '../src/turn';
import { ALICE, api, basic, subscribe, subscribeBody, startTestGateway } from './helpers';

describe('turnCredentials (TURN REST API scheme)', () => {
  it('matches a known vector', () => {
    // Computed independently: printf '1718000000:alice' | openssl dgst -sha1 -hmac switchboard-test-secret -binary | base64
    expect(turnCredentials('switchboard-test-secret', 'alice', 1718000000)).toEqual({
      username: '1718000000:alice',
      password: 'e3iGiMCsKYEu91ScN9WznzGEVAw=',
    });
  });

  it('puts the whole-second expiry first and depends on the secret', () => {
    expect(turnCredentials('s', 'bob', 1718000000.9).username).toBe('1718000000:bob');
    expect(turnCredentials('s1', 'bob', 1).password).not.toBe(turnCredentials('s2', 'bob', 1).password);
  });
});

describe('TURN options', () => {
  it('defaults: no URLs, the development secret, one day', () => {
    expect(resolveTurn({})).toEqual({ urls: [], secret: DEV_TURN_SECRET, ttlSeconds: DEFAULT_TURN_TTL_SECONDS });
    expect(DEFAULT_TURN_TTL_SECONDS).toBe(86_400);
  });

  it('accepts turn:/turns: URLs with at most a transport query', () => {
    const urls = ['turn:127.0.0.1:3478?transport=udp', 'turn:turn.example.com', 'turns:turn.example.com:443?transport=tcp'];
    expect(resolveTurn({ turnUrls: urls, turnSecret: 'k', turnCredentialTtlSeconds: 60 })).toEqual({ urls, secret: 'k', ttlSeconds: 60 });
  });

  it.each([
    [{ turnUrls: 'turn:a' }, /turnUrls/],
    [{ turnUrls: ['stun:a'] }, /turnUrls/],
    [{ turnUrls: ['turn:a?transport=udp&x=1'] }, /turnUrls/],
    [{ turnUrls: ['turn:a?foo=bar'] }, /turnUrls/],
    [{ turnSecret: '' }, /turnSecret/],
    [{ turnSecret: 42 }, /turnSecret/],
    [{ turnCredentialTtlSeconds: 0 }, /turnCredentialTtlSeconds/],
    [{ turnCredentialTtlSeconds: -5 }, /turnCredentialTtlSeconds/],
    [{ turnCredentialTtlSeconds: 1.5 }, /turnCredentialTtlSeconds/],
    [{ turnCredentialTtlSeconds: '60' }, /turnCredentialTtlSeconds/],
  ])('%j is a TypeError', (options, message) => {
    expect(() => resolveTurn(options)).toThrow(TypeError);
    expect(() => resolveTurn(options)).toThrow(message);
    expect(() => resolveSettings(options as never)).toThrow(TypeError);
  });

  it('a bad option fails startGateway before anything listens', async () => {
    await expect(startGateway({ turnCredentialTtlSeconds: 0 })).rejects.toThrow(TypeError);
  });
});

describe('in the subscription (§2.2, §2.4)', () => {
  const SECRET = 'gateway-turn-test-secret';
  const TTL = 600;
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startTestGateway({ turnSecret: SECRET, turnCredentialTtlSeconds: TTL, turnUrls: ['turn:127.0.0.1:3478?transport=udp'] });
  });
  afterAll(() => gw.close());

  /** Checks that `creds` verify under SECRET and expire TTL seconds after [before, after]; returns the expiry. */
  const verify = (creds: { username: string; password: string }, before: number, after: number): number => {
    const [expiry, user] = creds.username.split(':');
    expect(user).toBe('alice');
    expect(creds.password).toBe(createHmac('sha1', SECRET).update(creds.username).digest('base64'));
    const at = Number(expiry);
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) + TTL);
    expect(at).toBeLessThanOrEqual(Math.floor(after / 1000) + TTL);
    return at;
  };

  it('create carries credentials derived from the configured secret, valid for the TTL, and no URLs', async () => {
    const before = Date.now();
    const res = await subscribe(gw, ALICE, { expires: 60 });
    verify(res.subscriptionParams.turnCredentials, before, Date.now());
    expect(JSON.stringify(res)).not.toContain('turn:');
    await api(gw, 'DELETE', res.subscription, undefined, basic(ALICE));
  });

  it('every refresh response carries fresh credentials', async () => {
    const res = await subscribe(gw, ALICE, { expires: 60 });
    const first = res.subscriptionParams.turnCredentials;
    // Wait for the clock to pass a whole second, so the refreshed expiry must differ.
    const created = Number(first.username.split(':')[0]) - TTL;
    while (Math.floor(Date.now() / 1000) <= created) await new Promise((r) => setTimeout(r, 20));
    const before = Date.now();
    const put = await api(gw, 'PUT', res.subscription, subscribeBody({ expires: 60 }), basic(ALICE));
    expect(put.status).toBe(200);
    const renewed = put.body.subscribeResponse.subscriptionParams.turnCredentials;
    expect(verify(renewed, before, Date.now())).toBeGreaterThan(Number(first.username.split(':')[0]));
    await api(gw, 'DELETE', res.subscription, undefined, basic(ALICE));
  });
});
