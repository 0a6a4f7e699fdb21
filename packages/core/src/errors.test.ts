import { BasicError, isBasicError, notImplemented, toBasicError, type ErrorCode } from './errors';

describe('BasicError', () => {
  it('falls back to NO_CODE and "An error occurred"', () => {
    const e = new BasicError();
    expect(e.code).toBe('NO_CODE');
    expect(e.message).toBe('An error occurred');
    expect(e).toBeInstanceOf(Error);
    expect(e.toJSON()).toEqual({ code: 'NO_CODE', message: 'An error occurred' });
  });

  it('chains the cause into the message', () => {
    const e = new BasicError('INVALID_ARGUMENT', 'outer', { cause: new Error('inner') });
    expect(e.message).toBe('outer: inner');
    expect((e as { cause?: unknown }).cause).toBeInstanceOf(Error);
  });

  it('normalises foreign errors', () => {
    expect(toBasicError(new TypeError('t'), 'INVALID_ARGUMENT').code).toBe('INVALID_ARGUMENT');
    expect(toBasicError({ code: 'C', message: 'm' }).code).toBe('C');
    expect(toBasicError('text').message).toBe('text');
    expect(isBasicError({ code: 'a', message: 'b' })).toBe(true);
    expect(isBasicError({ code: 1 })).toBe(false);
    expect(notImplemented('call.hold').code).toBe('NOT_IMPLEMENTED');
  });

  it('keeps an unregistered code at run time and falls back to NO_CODE for an empty or non-string one', () => {
    // Casts on purpose: JavaScript callers and foreign errors can carry any value as a code.
    expect(new BasicError('UNREGISTERED' as ErrorCode).code).toBe('UNREGISTERED');
    expect(new BasicError('' as ErrorCode).code).toBe('NO_CODE');
    expect(new BasicError(42 as unknown as ErrorCode).code).toBe('NO_CODE');
    expect(new BasicError(null).code).toBe('NO_CODE');
  });
});
