/** Misuse rows of the top-level client methods (see ./misuse.ts). */
import type { Client } from '../src/index';
import type { MisuseTable } from './misuse';

const fn = () => undefined;

/** Core's misuse table. */
export const coreMisuse: MisuseTable = {
  plugin: 'core',
  state: (client) => {
    const c = client as Client;
    return { config: c.getConfig(), user: c.getUserInfo(), plugins: c.getPlugins() };
  },
  rows: [
    { method: 'getVersion', noArgs: 'returns a constant' },
    { method: 'destroy', noArgs: 'ends the client; covered by teardown.test.ts' },
    { method: 'getConfig', noArgs: 'returns a copy' },
    { method: 'getUserInfo', noArgs: 'returns a copy' },
    { method: 'getPlugins', noArgs: 'returns a copy' },
    {
      method: 'updateConfig',
      wrongTypes: [[], [null], ['logs'], [42], [[{ logs: {} }]]],
      wrongValues: [
        { args: [{ logs: { logLevel: 'loud' } }], code: 'INVALID_CONFIG', via: 'throw' },
        { args: [{ call: { callAuditTimer: -1 } }], code: 'INVALID_CONFIG', via: 'throw' },
      ],
    },
    ...(['on', 'off'] as const).map((method) => ({
      method,
      wrongTypes: [[42, fn], [undefined, fn], ['call:start'], ['call:start', 'listener']],
      wrongValues: [{ args: ['no:such:event', fn], code: 'INVALID_ARGUMENT', via: 'throw' as const }],
    })),
    ...(['subscribe', 'unsubscribe'] as const).map((method) => ({
      method,
      wrongTypes: [[], [null], ['listener'], [{}]],
      reason: 'every function is a valid listener',
    })),
    {
      method: 'setCredentials',
      wrongTypes: [[], [null], ['alice'], [[]], [{ username: 42, password: 'p' }], [{ username: 'a@b.c', password: 42 }]],
      wrongValues: [
        { args: [{ username: '', password: 'p' }], code: 'INVALID_CREDENTIALS', via: 'throw' },
        { args: [{ username: 'a@b.c' }], code: 'INVALID_CREDENTIALS', via: 'throw' },
      ],
    },
    {
      method: 'updateToken',
      wrongTypes: [[], [null], ['token'], [{ username: 'alice@example.com', bearerAccessToken: 42 }]],
      wrongValues: [
        { args: [{ username: 'alice@example.com' }], code: 'INVALID_CREDENTIALS', via: 'throw' },
        // The harness signs in with a password: a token cannot replace it.
        { args: [{ username: 'alice@example.com', bearerAccessToken: 'tok' }], code: 'INVALID_CREDENTIALS', via: 'throw' },
      ],
    },
  ],
};
