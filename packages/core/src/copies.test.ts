/**
 * Two copies of @switchboard/core in one process (an app bundling an ESM copy of one plugin and a
 * CJS copy of another): tokens and BasicError must mean the same thing in both. The second copy is
 * a fresh module registry (jest.isolateModules), i.e. distinct module instances of the same source.
 */
import { BasicError } from './errors';
import { createToken } from './tokens';

type Tokens = typeof import('./tokens');
type Errors = typeof import('./errors');

function secondCopy<T>(load: () => T): T {
  let loaded: T | undefined;
  jest.isolateModules(() => {
    loaded = load();
  });
  return loaded as T;
}

describe('two copies of @switchboard/core', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second copy needs a require inside jest.isolateModules
  const other = secondCopy(() => ({ tokens: require('./tokens') as Tokens, errors: require('./errors') as Errors }));

  it('really are two module instances', () => {
    expect(other.tokens.createToken).not.toBe(createToken);
    expect(other.errors.BasicError).not.toBe(BasicError);
  });

  it('create the same injection key for the same token id, and different keys for different ids', () => {
    expect(other.tokens.createToken('connectivity.transport').key).toBe(createToken('connectivity.transport').key);
    expect(createToken('connectivity.transport').key).not.toBe(createToken('connectivity.notifications').key);
    expect(Symbol.keyFor(createToken('call.backend').key)).toBe('@switchboard/token:call.backend');
  });

  it('recognise each other\'s BasicError with instanceof', () => {
    const foreign = new other.errors.BasicError('NETWORK_ERROR', 'offline');
    expect(foreign instanceof BasicError).toBe(true);
    expect(new BasicError('INVALID_ARGUMENT') instanceof other.errors.BasicError).toBe(true);
    expect(other.errors.toBasicError(new BasicError('SDK_DESTROYED'), 'INVALID_ARGUMENT').code).toBe('SDK_DESTROYED');
  });

  it('do not take look-alikes or plain errors for a BasicError', () => {
    expect({ code: 'X', message: 'm' } instanceof BasicError).toBe(false);
    expect(new Error('x') instanceof BasicError).toBe(false);
    expect((null as unknown) instanceof BasicError).toBe(false);
  });

  it('keep the ordinary prototype check for subclasses', () => {
    class Special extends BasicError {}
    expect(new Special('INVALID_ARGUMENT') instanceof Special).toBe(true);
    expect(new Special('INVALID_ARGUMENT') instanceof BasicError).toBe(true);
    expect(new BasicError('INVALID_ARGUMENT') instanceof Special).toBe(false);
  });
});
