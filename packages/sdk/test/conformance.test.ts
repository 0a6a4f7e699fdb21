/**
 * API conformance (issue 9 point 2): every seed API item of docs/api-checklist.md, kept as data in
 * tooling/api-status/api-items.json, is checked against a real `create()` client (fakes only where
 * a browser would be needed). An item the data marks as present (`built`, `partial`,
 * `not-implemented-throws`) must exist with the right type; one it marks `not-built` must be
 * absent, so the data cannot claim less than the SDK offers either.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BasicError, type SdkEventMap } from '@switchboard/core';
import * as sdk from '@switchboard/sdk';
import { asWebSocket, fakeFetch, fakeMediaEnvironment, fakePeerConnections, fakeWebSockets, linkGateway } from '@switchboard/test-utils';

/** One entry of api-items.json (the format is described in tooling/api-status/README.md). */
interface ApiItem {
  path: string;
  kind: 'method' | 'event' | 'constant' | 'property';
  /** `module`: an export of `@switchboard/sdk`; otherwise a member of the client. */
  root?: 'module';
  status: 'built' | 'partial' | 'not-implemented-throws' | 'not-built';
  reason?: string;
  value?: string;
}

const dataFile = join(__dirname, '..', '..', '..', 'tooling', 'api-status', 'api-items.json');
const items = (JSON.parse(readFileSync(dataFile, 'utf8')) as { items: ApiItem[] }).items;

/**
 * Events of the typed event map an app that imports `@switchboard/sdk` sees. `satisfies` makes a
 * name that is not in `SdkEventMap` a compile error, so the test below checks that each event the
 * data marks as present is typed, not only accepted by `on` at run time. (Not exhaustive: under
 * ts-jest the example plugins' events are in the map too.)
 */
const typedEvents = {
  'auth:change': true,
  'request:error': true,
  'sdk:warning': true,
  'subscription:change': true,
  'subscription:error': true,
  'subscription:resub': true,
  'auth:resub': true,
  'auth:error': true,
  'ws:change': true,
  'notifications:change': true,
  'notifications:error': true,
  'devices:change': true,
  'devices:error': true,
  'media:muted': true,
  'media:unmuted': true,
  'media:sourceMuted': true,
  'media:sourceUnmuted': true,
  'media:trackRendered': true,
  'media:trackEnded': true,
  'media:audioLevels': true,
  'call:start': true,
  'call:receive': true,
  'call:stateChange': true,
  'call:operation': true,
  'call:tracksAdded': true,
  'call:tracksRemoved': true,
  'call:newMedia': true,
  'call:removedMedia': true,
  'call:mediaConnectionChange': true,
  'call:statsReceived': true,
  'call:availableCodecs': true,
  'call:customParameters': true,
  'call:newTrack': true,
  'call:trackEnded': true,
  'callHistory:change': true,
  'callHistory:error': true,
  'callHistoryCache:change': true,
  'clickToCall:start': true,
  'clickToCall:error': true,
  'call:trackReplaced': true,
  'call:mediaRestart': true,
  'call:join': true,
  'conversations:new': true,
  'conversations:change': true,
  'messages:change': true,
  'messages:error': true,
  'voicemail:change': true,
  'voicemail:error': true,
  'voicemail:new': true,
  'presence:change': true,
  'presence:selfChange': true,
  'presence:subscribe': true,
  'presence:unsubscribe': true,
  'presence:error': true,
  'proxy:change': true,
  'proxy:error': true,
  'directory:change': true,
  'directory:error': true,
  'users:change': true,
  'users:error': true,
  'contacts:new': true,
  'contacts:change': true,
  'contacts:error': true,
  'sip:subscriptionChange': true,
  'sip:eventsChange': true,
  'sip:error': true,
} satisfies { [K in keyof SdkEventMap]?: true };

/** A real client over the fakes (nothing touches the network or a device). */
function newClient(): sdk.SdkClient {
  return sdk.create(
    { logs: { logLevel: 'silent' } },
    {
      connectivity: { fetch: fakeFetch(linkGateway()).fetch, WebSocket: asWebSocket(fakeWebSockets()) },
      media: { environment: fakeMediaEnvironment().environment },
      call: { peerConnectionFactory: fakePeerConnections().factory },
    },
  );
}
const client = newClient();
afterAll(() => client.destroy());

/** The value at a dotted path of `base` (the client, or the module for `root: 'module'`), with its owner; undefined when absent. */
function lookup(item: ApiItem, base: object = client): { value: unknown; owner: unknown } {
  let value: unknown = item.root === 'module' ? sdk : base;
  let owner: unknown;
  for (const key of item.path.split('.')) {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return { value: undefined, owner };
    owner = value;
    value = (value as Record<string, unknown>)[key];
  }
  return { value, owner };
}
const resolve = (item: ApiItem) => lookup(item).value;

/** The error `fn` throws or its promise rejects with (undefined when neither happens). */
async function failureOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Whether `api.on` accepts the event name (it throws "Invalid event type" for an undeclared one). */
function accepted(name: string): boolean {
  const listener = () => {};
  try {
    client.on(name as keyof SdkEventMap & string, listener);
  } catch (e) {
    expect(e).toBeInstanceOf(BasicError);
    expect(e).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'Invalid event type' });
    return false;
  }
  client.off(name as keyof SdkEventMap & string, listener);
  return true;
}

const present = (item: ApiItem) => item.status !== 'not-built';
const label = (item: ApiItem) => `${item.kind} ${item.path} (${item.status})`;

describe('the API items of docs/api-checklist.md against a real create() client', () => {
  it('has data to check', () => {
    expect(items.length).toBeGreaterThan(300);
  });

  it.each(items.filter((i) => i.kind === 'method').map((i) => [label(i), i] as const))('%s', async (_, item) => {
    const value = resolve(item);
    if (!present(item)) {
      expect({ path: item.path, type: typeof value }).toEqual({ path: item.path, type: 'undefined' });
      return;
    }
    expect({ path: item.path, type: typeof value }).toEqual({ path: item.path, type: 'function' });
    if (item.status === 'not-implemented-throws') {
      const error = await failureOf(() => (value as () => unknown)());
      expect(error).toBeInstanceOf(BasicError);
      expect((error as BasicError).code).toBe('NOT_IMPLEMENTED');
    }
  });

  it.each(items.filter((i) => i.kind === 'constant').map((i) => [label(i), i] as const))('%s', (_, item) => {
    const value = resolve(item);
    if (!present(item)) {
      expect({ path: item.path, value }).toEqual({ path: item.path, value: undefined });
      return;
    }
    expect({ path: item.path, type: typeof value }).toEqual({ path: item.path, type: 'string' });
    if (item.value !== undefined) expect(value).toBe(item.value);
  });

  it.each(items.filter((i) => i.kind === 'property').map((i) => [label(i), i] as const))('%s', (_, item) => {
    const value = resolve(item);
    if (!present(item)) {
      expect({ path: item.path, value }).toEqual({ path: item.path, value: undefined });
      return;
    }
    expect({ path: item.path, type: typeof value, isNull: value === null }).toEqual({ path: item.path, type: 'object', isNull: false });
  });

  it.each(items.filter((i) => i.kind === 'event').map((i) => [label(i), i] as const))('%s', (_, item) => {
    expect({ event: item.path, accepted: accepted(item.path) }).toEqual({ event: item.path, accepted: present(item) });
    expect({ event: item.path, typed: Object.hasOwn(typedEvents, item.path) }).toEqual({ event: item.path, typed: present(item) });
  });

  it('has no NOT_IMPLEMENTED stub among the methods the data marks as built or partial', async () => {
    // Each is called once with no arguments on a client of its own (`destroy` last): a built method
    // throws a TypeError or a coded error for the missing arguments, or just answers; none may fail
    // with NOT_IMPLEMENTED. (`create` and the other module exports are called by create.test.ts.)
    const own = newClient();
    const methods = items.filter((i) => i.kind === 'method' && !i.root && (i.status === 'built' || i.status === 'partial'));
    const stubs: string[] = [];
    for (const item of [...methods.filter((i) => i.path !== 'destroy'), ...methods.filter((i) => i.path === 'destroy')]) {
      const { value, owner } = lookup(item, own);
      const error = await failureOf(() => (value as () => unknown).call(owner));
      if (error instanceof BasicError && error.code === 'NOT_IMPLEMENTED') stubs.push(item.path);
    }
    expect(methods.length).toBeGreaterThan(50);
    expect(stubs).toEqual([]);
  });

  it('gives each constant set distinct values', () => {
    const sets = new Map<string, unknown[]>();
    for (const item of items.filter((i) => i.kind === 'constant' && present(i))) {
      const parent = item.path.slice(0, item.path.lastIndexOf('.'));
      sets.set(parent, [...(sets.get(parent) ?? []), resolve(item)]);
    }
    for (const [parent, values] of sets) expect({ parent, duplicates: values.length - new Set(values).size }).toEqual({ parent, duplicates: 0 });
  });

  it('names a reason for every item that is not built', () => {
    expect(items.filter((i) => i.status !== 'built' && !i.reason?.trim()).map((i) => i.path)).toEqual([]);
  });
});
