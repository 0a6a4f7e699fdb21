import { BasicError } from '@switchboard/core';
import { domError } from '@switchboard/test-utils';
import { toMediaError } from './errors';

describe('toMediaError', () => {
  it.each([
    ['NotAllowedError', 'MEDIA_PERMISSION_DENIED'],
    ['SecurityError', 'MEDIA_PERMISSION_DENIED'],
    ['NotFoundError', 'MEDIA_DEVICE_NOT_FOUND'],
    ['OverconstrainedError', 'MEDIA_CONSTRAINTS_UNSATISFIABLE'],
    ['NotReadableError', 'MEDIA_ERROR'],
    ['AbortError', 'MEDIA_ERROR'],
  ])('maps %s to %s', (name, code) => {
    const error = toMediaError(domError(name));
    expect(error).toBeInstanceOf(BasicError);
    expect(error.code).toBe(code);
    expect(error.message).toContain(name);
    expect((error as { cause?: unknown }).cause).toMatchObject({ name });
  });
  it('names the unsatisfiable constraint', () => {
    expect(toMediaError(domError('OverconstrainedError', { constraint: 'width' })).message).toContain('"width"');
  });
  it('keeps an existing BasicError and codes anything else as MEDIA_ERROR', () => {
    const existing = new BasicError('MEDIA_NOT_SUPPORTED', 'x');
    expect(toMediaError(existing)).toBe(existing);
    expect(toMediaError('boom').code).toBe('MEDIA_ERROR');
  });
});
