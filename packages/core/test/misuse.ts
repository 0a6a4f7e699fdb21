/**
 * The misuse table's row types. Every package exports one {@link MisuseTable} from its
 * `test/misuseRows.ts`; the one misuse test (packages/call/test/misuse.test.ts) collects them,
 * checks that every public method of the client has a row, and runs every case against one
 * client built over fakes. A later plugin adds its table there.
 *
 * Rules checked for every case: a wrong argument TYPE throws a TypeError synchronously; a wrong
 * VALUE or STATE gives a coded BasicError where the method delivers it; in both cases nothing is
 * sent (HTTP, websocket), no getUserMedia, no RTCPeerConnection, and the tables' state is unchanged.
 */

/** Names of things the harness created before the cases run (e.g. `endedCallId`). */
export type MisuseFixture = Readonly<Record<string, string>>;

/** An argument list, or a function of the fixture returning one. */
export type MisuseArgs = readonly unknown[] | ((fx: MisuseFixture) => readonly unknown[]);

/**
 * Where a wrong value's BasicError arrives: thrown synchronously, as the rejection of the returned
 * promise, or as the `error` of the next emission of an event (the method itself neither throws
 * nor rejects).
 */
export type Delivery = 'throw' | 'reject' | { event: string };

/** One wrong-value (or wrong-state) case. */
export interface WrongValue {
  args: MisuseArgs;
  /** The expected `BasicError.code`. */
  code: string;
  via: Delivery;
}

/** The misuse cases of one public method. */
export interface MisuseRow {
  /** `namespace.method`, or `method` for a top-level client method. */
  method: string;
  /** Argument lists that must each throw a TypeError synchronously. */
  wrongTypes?: MisuseArgs[];
  /** Argument lists with wrong values or a wrong state. */
  wrongValues?: WrongValue[];
  /** Arguments of a method that must throw `NOT_IMPLEMENTED` synchronously. */
  notImplemented?: MisuseArgs;
  /** The method takes no arguments (the reason it has no cases, or why it is not called). */
  noArgs?: string;
  /** Why some checks do not apply (e.g. "every string is a valid id; unknown ids give undefined"). */
  reason?: string;
}

/** One package's rows and the state its methods must leave unchanged. */
export interface MisuseTable {
  plugin: string;
  rows: MisuseRow[];
  /** A deep-comparable snapshot of the state the plugin's methods read or change. */
  state?(client: unknown): unknown;
}

/** The rows of `from.*` copied as `to.*` (a namespace exposed under two names). */
export function aliasRows(rows: readonly MisuseRow[], from: string, to: string): MisuseRow[] {
  return rows.filter((r) => r.method.startsWith(`${from}.`)).map((r) => ({ ...r, method: `${to}${r.method.slice(from.length)}` }));
}
