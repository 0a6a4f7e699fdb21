import { BasicError } from './errors';
import { createClient } from './createClient';
import { definePlugin } from './plugin';

const owner = () =>
  definePlugin({ id: 'owner', version: '1.0.0', register: () => ({ api: { ns: Object.freeze({ a: () => 'a' }) } }) });
const extender = (dependsOn: string[], member = 'sub') =>
  definePlugin({ id: 'extender', version: '1.0.0', dependsOn, register: () => ({ api: { ns: { [member]: { b: () => 'b' } } } }) });

describe('a plugin extends a namespace of a plugin it depends on', () => {
  test('the namespace gets the new member (typed through the API intersection), frozen and guarded', async () => {
    const sub = definePlugin({ id: 'sub', version: '1.0.0', dependsOn: ['owner'], register: () => ({ api: { ns: { sub: { b: () => 'b' } } } }) });
    const client = createClient({ plugins: [sub, owner()] });
    expect(client.ns.a()).toBe('a');
    expect(client.ns.sub.b()).toBe('b');
    expect(Object.isFrozen(client.ns)).toBe(true);
    expect(Object.isFrozen(client.ns.sub)).toBe(true);
    await client.destroy();
    expect(() => client.ns.sub.b()).toThrow(expect.objectContaining({ code: 'SDK_DESTROYED' }));
  });

  test('without dependsOn on the owner, or over an existing member, or over a core method: SDK_PLUGIN_INVALID', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof BasicError ? e.code : e;
      }
      return undefined;
    };
    const other = definePlugin({ id: 'other', version: '1.0.0', register: () => ({ api: {} }) });
    expect(code(() => createClient({ plugins: [owner(), other, extender(['other'])] }))).toBe('SDK_PLUGIN_INVALID');
    expect(code(() => createClient({ plugins: [owner(), extender(['owner'], 'a')] }))).toBe('SDK_PLUGIN_INVALID');
    const core = definePlugin({ id: 'core-clash', version: '1.0.0', register: () => ({ api: { logger: { x: 1 } } }) });
    expect(code(() => createClient({ plugins: [core] }))).toBe('SDK_PLUGIN_INVALID');
  });
});
