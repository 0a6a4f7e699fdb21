/**
 * Point 4 of the platform contract: another plugin observes calls through the exported read-only
 * calls service and `call:stateChange`, which carries the new state.
 */
import { definePlugin } from '@switchboard/core';
import { chromeAnswer, until } from '@switchboard/test-utils';
import { createTestEnv } from './__fakes__/env';
import { states } from './constants';
import type { CallsService } from './tokens';
import { callTokens } from './tokens';

it('a dependent plugin reads call state through callTokens.calls and sees the new state in call:stateChange', async () => {
  let calls: CallsService | undefined;
  const seen: Array<{ state: string; previous: string; ended: boolean | undefined }> = [];
  const recorder = definePlugin({
    id: 'recorder',
    version: '1.0.0',
    dependsOn: ['call'],
    deps: { calls: callTokens.calls },
    register(ctx) {
      calls = ctx.deps.calls;
      ctx.events.on('call:stateChange', ({ callId, state, previous }) => {
        seen.push({ state, previous: previous.state, ended: ctx.deps.calls.get(callId)?.state === states.ENDED });
      });
      return { api: {} };
    },
  });
  const env = createTestEnv({ extra: [recorder] });
  const callId = env.client.call.make('bob', { audio: true });
  await until(() => env.of('call:start').length > 0);
  env.backend.remote.answer((await env.backend.waitFor('start')).sessionId, chromeAnswer);
  await until(() => calls!.get(callId)?.state === states.CONNECTED);
  env.client.call.end(callId);
  await until(() => calls!.get(callId)?.state === states.ENDED);
  expect(seen.at(-1)).toEqual({ state: states.ENDED, previous: states.CONNECTED, ended: true });
  expect(seen.find((s) => s.state === states.CONNECTED)).toEqual({ state: states.CONNECTED, previous: expect.any(String), ended: false });
  expect(calls!.getAll().map((c) => c.id)).toEqual([callId]);
  // the service hands out copies: a plugin cannot change the call's state
  (calls!.get(callId) as { state: string }).state = 'Hacked';
  expect(env.client.call.getById(callId)?.state).toBe(states.ENDED);
  expect(Object.isFrozen(calls)).toBe(true);
  await env.client.destroy();
});

it('a misspelled RTCConfiguration key under call.defaultPeerConfig is a compile error and an sdk:warning', async () => {
  const env = createTestEnv();
  const warnings: Array<{ key?: string; suggestion?: string }> = [];
  env.client.on('sdk:warning', (w) => void warnings.push(w));
  // @ts-expect-error `iceServer` is not an RTCConfiguration key
  env.client.updateConfig({ call: { defaultPeerConfig: { iceServer: [{ urls: 'turn:turn.test' }] } } });
  await Promise.resolve();
  expect(warnings).toEqual([expect.objectContaining({ key: 'call.defaultPeerConfig.iceServer', suggestion: 'call.defaultPeerConfig.iceServers' })]);
  expect(() => env.client.updateConfig({ call: { defaultPeerConfig: { bundlePolicy: 'most' as never } } })).toThrow(
    expect.objectContaining({ code: 'INVALID_CONFIG' }),
  );
  await env.client.destroy();
});
