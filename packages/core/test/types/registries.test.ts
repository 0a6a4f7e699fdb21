/**
 * Type tests of the two registries (event names, error codes): compiled by ts-jest with type
 * checking, so each `@ts-expect-error` that is not an error fails this file. Proves that a runtime
 * event list built with `eventNames` cannot miss or add a name of its typed map, and that
 * `ErrorCode` is a closed union that plugins extend only through `ErrorCodeMap`.
 */
import { BasicError, coreErrorCodes, coreEvents, eventNames, toBasicError, type CoreEventMap, type ErrorCode, type ErrorCodesOf } from '@switchboard/core';

/** A third-party plugin's map, as a plugin author would write it. */
interface GreeterEventMap {
  'greeter:hello': [params: { name: string }];
  'greeter:bye': [params: Record<string, never>];
}

const greeterErrorCodes = Object.freeze({ NOT_FOUND: 'GREETER_NOT_FOUND', BUSY: 'GREETER_BUSY' } as const);

declare module '@switchboard/core' {
  interface ErrorCodeMap extends ErrorCodesOf<typeof greeterErrorCodes> {}
}

describe('eventNames', () => {
  it('returns the frozen list of every name of the map when the table is exact', () => {
    const names = eventNames<GreeterEventMap>()({ 'greeter:hello': true, 'greeter:bye': true });
    const typed: readonly ('greeter:hello' | 'greeter:bye')[] = names;
    expect(typed).toEqual(['greeter:hello', 'greeter:bye']);
    expect(Object.isFrozen(names)).toBe(true);
  });

  it('rejects a table with a missing name', () => {
    // @ts-expect-error 'greeter:bye' is missing from the table
    const names = eventNames<GreeterEventMap>()({ 'greeter:hello': true });
    expect(names).toEqual(['greeter:hello']);
  });

  it('rejects a table with an extra name, also when the table is not a literal', () => {
    // @ts-expect-error 'greeter:typo' is not an event of the map
    expect(eventNames<GreeterEventMap>()({ 'greeter:hello': true, 'greeter:bye': true, 'greeter:typo': true })).toHaveLength(3);
    const table = { 'greeter:hello': true, 'greeter:bye': true, 'greeter:typo': true } as const;
    // @ts-expect-error no excess-property check applies to a variable, the generic check still does
    expect(eventNames<GreeterEventMap>()(table)).toHaveLength(3);
  });

  it('rejects a value other than true', () => {
    // @ts-expect-error each entry must be `true`
    expect(eventNames<GreeterEventMap>()({ 'greeter:hello': true, 'greeter:bye': false })).toHaveLength(2);
  });

  it("derives core's own list from CoreEventMap", () => {
    const all: readonly (keyof CoreEventMap)[] = coreEvents;
    expect([...all].sort()).toEqual(['auth:change', 'request:error', 'sdk:warning']);
  });
});

describe('ErrorCode', () => {
  it('accepts core codes and codes registered through ErrorCodeMap', () => {
    const codes: ErrorCode[] = [coreErrorCodes.INVALID_ARGUMENT, 'SDK_DESTROYED', greeterErrorCodes.NOT_FOUND, 'GREETER_BUSY'];
    expect(codes.map((code) => new BasicError(code, 'm').code)).toEqual(codes);
  });

  it('is a closed union: an unregistered code does not compile (the run-time fallbacks stay)', () => {
    // @ts-expect-error 'TYPO' is not a key of ErrorCodeMap
    expect(new BasicError('TYPO', 'm').code).toBe('TYPO');
    // @ts-expect-error any string is not an ErrorCode
    const code: ErrorCode = 'GREETER_TYPO' as string;
    expect(code).toBe('GREETER_TYPO');
    // @ts-expect-error also as a fallback code
    expect(toBasicError(new Error('x'), 'TYPO').code).toBe('TYPO');
    // Empty or missing codes still fall back to NO_CODE at run time (a cast: JavaScript callers can pass anything).
    expect(new BasicError('' as ErrorCode).code).toBe('NO_CODE');
    expect(new BasicError().code).toBe('NO_CODE');
  });
});
