/**
 * The misuse table: every public method of a client with every first-party plugin, called with
 * wrong argument types (→ synchronous TypeError) and wrong values or state (→ a coded BasicError
 * where the method delivers it), with nothing sent, no getUserMedia, no RTCPeerConnection and the
 * state unchanged. A public method without a row fails the completeness check. A new plugin adds
 * its `misuseRows` table to TABLES (and its plugin to ./misuseClient.ts).
 */
import { BasicError } from '@switchboard/core';
import { connectivityMisuse } from '../../connectivity/test/misuseRows';
import { coreMisuse } from '../../core/test/misuseRows';
import type { Delivery, MisuseArgs, MisuseFixture, MisuseRow, MisuseTable } from '../../core/test/misuse';
import { mediaMisuse } from '../../media/test/misuseRows';
import { until } from '@switchboard/test-utils';
import { createMisuseClient } from './misuseClient';
import { callMisuse } from './misuseRows';
import { historyMisuse } from './historyMisuseRows';
import { controlsMisuse } from './controlsMisuseRows';
import { transferMisuse } from './transferMisuseRows';
import { messagingMisuse } from '../../messaging/test/misuseRows';
import { sipEventsMisuse } from '../../sip-events/test/misuseRows';
import { presenceMisuse } from '../../presence/test/misuseRows';
import { proxyMisuse } from '../../proxy/test/misuseRows';

const TABLES: MisuseTable[] = [coreMisuse, connectivityMisuse, mediaMisuse, callMisuse, historyMisuse, controlsMisuse, transferMisuse, messagingMisuse, presenceMisuse, sipEventsMisuse, proxyMisuse];
const ROWS: MisuseRow[] = TABLES.flatMap((t) => t.rows);

type Env = Awaited<ReturnType<typeof createMisuseClient>>;
let env: Env;
beforeAll(async () => {
  env = await createMisuseClient();
});
afterAll(async () => {
  await env?.client.destroy();
});

/** `a.b` paths of every function reachable through plain (namespace) objects of `root`. */
function publicMethods(root: object, prefix = ''): string[] {
  return Object.entries(root).flatMap(([key, value]) => {
    if (typeof value === 'function') return [prefix + key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return publicMethods(value, `${prefix}${key}.`);
    return [];
  });
}

/** The method at `path`, bound to its namespace. */
function methodAt(path: string): (...args: unknown[]) => unknown {
  const parts = path.split('.');
  const name = parts.pop()!;
  const owner = parts.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, env.client as unknown as Record<string, unknown>);
  return (...args) => (owner[name] as (...a: unknown[]) => unknown).apply(owner, args);
}

const argsOf = (args: MisuseArgs, fx: MisuseFixture) => (typeof args === 'function' ? args(fx) : args);

/** A fixture whose every name reads as `<name>`, to render fixture-dependent arguments. */
const PLACEHOLDERS: MisuseFixture = new Proxy({}, { get: (_t, name) => `<${String(name)}>` });

/** A short, readable rendering of an argument list for test names. */
function show(args: MisuseArgs): string {
  if (typeof args === 'function') return show(args(PLACEHOLDERS));
  const one = (v: unknown): string => {
    if (typeof v === 'symbol') return 'Symbol';
    if (typeof v === 'function') return 'fn';
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    let s: string;
    try {
      s = v === undefined ? 'undefined' : JSON.stringify(v, (_k, x) => (typeof x === 'function' ? 'fn' : x));
    } catch {
      s = 'unserialisable'; // a BigInt, a throwing getter or toJSON
    }
    return s.length > 40 ? `${s.slice(0, 37)}…` : s;
  };
  return `(${args.map(one).join(', ')})`;
}

const snapshot = () => ({
  sideEffects: env.sideEffects(),
  state: Object.fromEntries(TABLES.map((t) => [t.plugin, t.state?.(env.client)])),
});

/** Lets queued work (microtasks, zero-delay timers of the fakes) run, so late side effects are recorded. */
const drain = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
};

/** Calls the method; returns what it threw synchronously and, for a promise, how it settled. */
async function invoke(method: string, args: readonly unknown[]) {
  let thrown: unknown;
  let result: unknown;
  try {
    result = methodAt(method)(...args);
  } catch (e) {
    thrown = e;
  }
  let settled: { rejected: boolean; value: unknown } | undefined;
  if (result instanceof Promise) {
    settled = await result.then((value) => ({ rejected: false, value }), (value: unknown) => ({ rejected: true, value }));
  }
  return { thrown, result, settled };
}

const isCoded = (e: unknown, code: string) => e instanceof BasicError && e.code === code;

async function expectDelivered(method: string, args: readonly unknown[], code: string, via: Delivery): Promise<void> {
  const from = env.events.length;
  const { thrown, settled } = await invoke(method, args);
  if (via === 'throw') {
    expect(thrown).toBeInstanceOf(BasicError);
    expect((thrown as BasicError).code).toBe(code);
    return;
  }
  expect(thrown).toBeUndefined();
  if (via === 'reject') {
    expect(settled?.rejected).toBe(true);
    expect(settled?.value).toBeInstanceOf(BasicError);
    expect((settled!.value as BasicError).code).toBe(code);
    return;
  }
  expect(settled?.rejected ?? false).toBe(false);
  const delivered = () => env.events.slice(from).find((e) => e.type === via.event && (e.payload as { error?: unknown })?.error);
  await until(() => delivered() !== undefined).catch(() => undefined);
  const error = (delivered()?.payload as { error?: unknown } | undefined)?.error;
  expect(error).toBeInstanceOf(BasicError);
  expect((error as BasicError).code).toBe(code);
  expect(isCoded(error, code)).toBe(true);
}

describe('misuse table', () => {
  test('every public method has exactly one row, and every row names a public method', () => {
    const methods = publicMethods(env.client).sort();
    const named = ROWS.map((r) => r.method);
    expect(methods.filter((m) => !named.includes(m))).toEqual([]);
    expect(named.filter((m) => !methods.includes(m))).toEqual([]);
    expect(named.filter((m, i) => named.indexOf(m) !== i)).toEqual([]);
  });

  test('every row has a case, or says why it has none', () => {
    const empty = ROWS.filter((r) => !r.wrongTypes?.length && !r.wrongValues?.length && !r.notImplemented && !r.noArgs);
    expect(empty.map((r) => r.method)).toEqual([]);
  });

  describe.each(ROWS.map((r) => [r.method, r] as const))('%s', (_name, row) => {
    /** Runs `check`, then asserts that nothing was sent or opened and no state changed. */
    const unchanged = async (check: () => Promise<void>) => {
      const before = snapshot();
      await check();
      await drain();
      expect(snapshot()).toEqual(before);
    };

    const types = (row.wrongTypes ?? []).map((a) => [show(a), a] as const);
    if (types.length) {
      test.each(types)('wrong type %s → synchronous TypeError', (_s, args) =>
        unchanged(async () => {
          const from = env.events.length;
          const { thrown, result } = await invoke(row.method, argsOf(args, env.fixture));
          expect(result).toBeUndefined();
          expect(thrown).toBeInstanceOf(TypeError);
          expect(env.events.slice(from).map((e) => e.type)).toEqual([]);
        }));
    }

    const where = (via: Delivery) => (typeof via === 'string' ? via : `in ${via.event}`);
    const values = (row.wrongValues ?? []).map((v) => [show(v.args), `${v.code} (${where(v.via)})`, v] as const);
    if (values.length) {
      test.each(values)('wrong value or state %s → %s', (_s, _c, v) =>
        unchanged(() => expectDelivered(row.method, argsOf(v.args, env.fixture), v.code, v.via)));
    }

    if (row.notImplemented) {
      const args = row.notImplemented;
      test('throws NOT_IMPLEMENTED', () => unchanged(() => expectDelivered(row.method, argsOf(args, env.fixture), 'NOT_IMPLEMENTED', 'throw')));
    }
  });
});
