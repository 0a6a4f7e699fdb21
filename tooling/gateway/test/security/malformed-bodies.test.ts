/**
 * Security suite (issue 7 point 9): malformed bodies and inputs on every POST/PUT route of the
 * gateway's route list — invalid JSON, invalid UTF-8, non-JSON under other content types, wrong
 * types, huge strings, deep nesting, prototype-pollution keys (in bodies and in path parameters).
 * The gateway answers 400 in the protocol's error shape (501 where the operation is not
 * implemented and the body parses), never 5xx; nothing is logged as a BUG or with a stack; the
 * process' prototypes stay clean, and a follow-up request works.
 */
import type { Gateway } from '../../src/index';
import { notImplementedRoutes } from '../../src/not-implemented';
import type { Route } from '../../src/router';
import { ALICE, CAROL, WsClient, api, basic, connect, startTestGateway, subscribeBody, userPath } from '../helpers';
import { BODY_ROUTES, USER_ROUTES, paramsOf, pathOf, routeName, send, validBody, wrapperOf, type RawResponse, type Resources } from './fixtures';

let gw: Gateway;
let ws: WsClient;
let mine: Resources;
const logs: string[] = [];

beforeAll(async () => {
  gw = await startTestGateway({ logger: (l) => logs.push(l), maxSubscriptionsPerUser: 50 });
  const { sub, ws: socket } = await connect(gw, ALICE, { clientCorrelator: 'alice-live', service: ['call', 'custom'] });
  ws = socket;
  const reg = await api(gw, 'POST', `${userPath(ALICE)}/push/apple/devices`, { voipDeviceToken: 'alice-voip' }, basic(ALICE));
  const call = await api(gw, 'POST', `${userPath(CAROL)}/callControl`, { callControlRequest: { type: 'callStart', to: ALICE, sdp: 'v=0\r\n' } }, basic(CAROL));
  expect(call.status).toBe(201);
  await ws.waitFor('call');
  mine = {
    userId: ALICE,
    subscriptionId: sub.subscription.split('/').pop(),
    clientCorrelator: 'alice-live',
    legId: gw.hooks.calls()[0].callee.id,
    provider: 'apple',
    registrationId: String(reg.body.appleDeviceRegistrationResponse.registration).split('/').pop() as string,
  };
});
afterAll(async () => {
  ws.close();
  await gw.close();
});

const NOT_IMPLEMENTED = new Set(notImplementedRoutes().map(routeName));

/** One malformed request: what is sent and which answer it must get. */
interface Variant {
  name: string;
  body: string | Buffer;
  contentType?: string;
  /** 'unparseable': 400 + 5 everywhere; 'invalid': 400 (501 if not implemented); 'tolerated': any non-5xx protocol answer. */
  expect: 'unparseable' | 'invalid' | 'tolerated';
}

type Json = Record<string, unknown>;
const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
const WRONG_VALUES: unknown[] = [42, 'text', true, null, [], {}, [1]];
/** Values of another type than `v` (for an array of strings also an array of numbers). */
const wrongFor = (v: unknown) => WRONG_VALUES.filter((w) => kind(w) !== kind(v) || (Array.isArray(v) && JSON.stringify(w) === '[1]'));
/** Fields whose value is free-form JSON by the protocol (e.g. `externalnotification` data). */
const FREE_FORM = new Set(['data']);
/** Values of another type that a field accepts too (`forceLogOut`: "true"/"false" or a boolean). */
const ALSO_VALID: Record<string, unknown[]> = { forceLogOut: [true, false] };

/** `json` with its `"BYTES"` string replaced by raw `bytes`. */
function withBytes(json: string, bytes: number[]): Buffer {
  const [before, after] = json.split('"BYTES"');
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
}

function deep(levels: number): string {
  return '['.repeat(levels) + ']'.repeat(levels);
}

/** The variants for a route, derived from a valid body (`{ wrapper: { fields } }`, or flat fields). */
function variants(route: Route): Variant[] {
  const valid = validBody(route, mine, ALICE);
  const text = JSON.stringify(valid);
  const keys = Object.keys(valid);
  const wrapped = keys.length === 1 && kind(valid[keys[0]]) === 'object' ? keys[0] : undefined;
  const inner = (wrapped ? valid[wrapped] : valid) as Json;
  const rewrap = (fields: Json): string => JSON.stringify(wrapped ? { [wrapped]: fields } : fields);
  const out: Variant[] = [
    { name: 'invalid JSON', body: '{"a":', expect: 'unparseable' },
    { name: 'truncated JSON', body: text.slice(0, Math.ceil(text.length / 2)), expect: 'unparseable' },
    { name: 'trailing garbage', body: `${text} x`, expect: 'unparseable' },
    { name: 'invalid UTF-8 in a string', body: withBytes(rewrap({ ...inner, note: 'BYTES' }), [0x22, 0xff, 0xfe, 0x22]), expect: 'unparseable' },
    { name: 'an encoded surrogate (CESU-8)', body: withBytes(rewrap({ ...inner, note: 'BYTES' }), [0x22, 0xed, 0xa0, 0x80, 0x22]), expect: 'unparseable' },
    { name: 'a form body', body: 'subscribeRequest=1&expires=3600', contentType: 'application/x-www-form-urlencoded', expect: 'unparseable' },
    { name: 'a multipart body', body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n', contentType: 'multipart/form-data; boundary=b', expect: 'unparseable' },
    { name: 'an XML body', body: '<subscribeRequest><expires>1</expires></subscribeRequest>', contentType: 'application/xml', expect: 'unparseable' },
    { name: 'a valid body as text/plain', body: text, contentType: 'text/plain', expect: 'tolerated' },
    { name: 'an empty body', body: '', expect: 'invalid' },
    ...['[]', '"text"', '42', 'null', 'true'].map((b) => ({ name: `a top-level ${b}`, body: b, expect: 'invalid' as const })),
    { name: 'the body under __proto__', body: `{"__proto__":${text}}`, expect: 'invalid' },
    { name: 'a top-level array nested 100000 deep', body: deep(100_000), expect: 'invalid' },
    { name: 'a field nested 10000 deep', body: rewrap({ ...inner, extra: 'DEEP' }).replace('"DEEP"', deep(10_000)), expect: 'tolerated' },
    {
      name: 'prototype-pollution keys',
      body: rewrap({ ...inner, ['__proto__']: { polluted: 'yes' }, constructor: { prototype: { polluted: 'yes' } } }).replace('{', '{"__proto__":{"polluted":"yes"},'),
      expect: 'tolerated',
    },
  ];
  if (wrapped) {
    for (const w of [[], 'text', 7, null]) out.push({ name: `"${wrapped}" = ${JSON.stringify(w)}`, body: JSON.stringify({ [wrapped]: w }), expect: 'invalid' });
  }
  for (const [key, value] of Object.entries(inner)) {
    if (FREE_FORM.has(key)) continue;
    for (const w of wrongFor(value).filter((x) => !ALSO_VALID[key]?.includes(x))) out.push({ name: `"${key}" = ${JSON.stringify(w)}`, body: rewrap({ ...inner, [key]: w }), expect: 'invalid' });
    if (typeof value === 'string') out.push({ name: `"${key}" of 900 kB`, body: rewrap({ ...inner, [key]: 'x'.repeat(900_000) }), expect: 'tolerated' });
  }
  return out;
}

/** What is wrong with `res` as the answer to `v` on `route` ('' when nothing). */
function verdict(route: Route, v: Variant, res: RawResponse): string {
  const wrapper = wrapperOf(route, mine);
  const inner = (wrapper && res.body && typeof res.body === 'object' ? res.body[wrapper] : res.body) as { statusCode?: unknown } | undefined;
  const shaped = res.status < 300 || isErrorShape(res.body, wrapper);
  const contentType = res.headers.get('content-type') ?? '';
  const got = `${res.status} ${res.text.slice(0, 200)}`;
  if (!contentType.includes('application/json')) return `${v.name}: content type ${contentType} (${got})`;
  if (v.expect === 'unparseable') return res.status === 400 && inner?.statusCode === 5 && isErrorShape(res.body, wrapper) ? '' : `${v.name}: ${got}`;
  if (v.expect === 'invalid') {
    const status = NOT_IMPLEMENTED.has(routeName(route)) ? 501 : 400;
    return res.status === status && isErrorShape(res.body, wrapper) ? '' : `${v.name}: ${got}`;
  }
  const tolerated = res.status < 500 || (res.status === 501 && NOT_IMPLEMENTED.has(routeName(route)));
  return tolerated && shaped ? '' : `${v.name}: ${got}`;
}

/** `{ <wrapper>: { statusCode: number, reason: string } }` (or top-level without a wrapper). */
function isErrorShape(body: unknown, wrapper: string | null): boolean {
  const b = body as Record<string, unknown> | undefined;
  const inner = (wrapper ? b?.[wrapper] : b) as Record<string, unknown> | undefined;
  const outerOk = !wrapper || (b !== undefined && Object.keys(b).length === 1);
  return outerOk && typeof inner?.statusCode === 'number' && typeof inner.reason === 'string';
}

const prototypeNames = () => [Object, Array, Function, String].map((c) => Object.getOwnPropertyNames(c.prototype).sort());
const pristine = prototypeNames();

/** Nothing new in the log is a BUG or a stack trace. */
function expectCleanLogSince(from: number): void {
  expect(logs.slice(from).filter((l) => /BUG|\n\s+at |Error:/.test(l))).toEqual([]);
}

/** The gateway still serves: a refresh of the live subscription succeeds. */
async function expectServing(): Promise<void> {
  const path = `${userPath(ALICE)}/subscription/${mine.subscriptionId}`;
  const res = await api(gw, 'PUT', path, subscribeBody({ service: ['call', 'custom'] }), basic(ALICE));
  expect(res.status).toBe(200);
}

describe('malformed bodies on every POST/PUT route', () => {
  it('covers the routes that read a body', () => {
    expect(BODY_ROUTES.length).toBeGreaterThanOrEqual(10);
  });

  it.each(BODY_ROUTES.map((r) => [routeName(r), r] as const))('%s answers 400 in the protocol shape and stays up', async (_name, route) => {
    const from = logs.length;
    const failures: string[] = [];
    for (const v of variants(route)) {
      const headers = { ...basic(ALICE), ...(v.contentType ? { 'Content-Type': v.contentType } : {}) };
      const res = await send(gw, route.method, pathOf(route, mine), { headers, body: v.body });
      const wrong = verdict(route, v, res);
      if (wrong) failures.push(wrong);
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prototypeNames()).toEqual(pristine);
    expectCleanLogSince(from);
    await expectServing();
  });
});

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '__defineGetter__'];

describe('prototype names as path parameters on every route', () => {
  it.each(USER_ROUTES.map((r) => [routeName(r), r] as const))('%s answers a 4xx (or 501) in the protocol shape', async (_name, route) => {
    const from = logs.length;
    const failures: string[] = [];
    for (const param of paramsOf(route)) {
      for (const key of PROTO_KEYS) {
        const res = await send(gw, route.method, pathOf(route, { ...mine, [param]: key }), {
          headers: basic(ALICE),
          body: route.method === 'POST' || route.method === 'PUT' ? JSON.stringify(validBody(route, mine, ALICE)) : undefined,
        });
        const okStatus = (res.status >= 400 && res.status < 500) || res.status === 501;
        const shaped = Object.keys(res.body ?? {}).length === 1 || typeof res.body?.statusCode === 'number';
        if (!okStatus || !shaped) failures.push(`:${param} = ${key}: ${res.status} ${res.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(prototypeNames()).toEqual(pristine);
    expectCleanLogSince(from);
    await expectServing();
  });
});
