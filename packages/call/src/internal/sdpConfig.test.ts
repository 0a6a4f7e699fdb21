/**
 * The SDP config keys through a real call of the plugin (the pipeline itself: sdpPipeline.test.ts):
 * `call.removeBundling` strips `a=group` from the SDP sent and from the SDP set, both ways.
 */
import { chromeAnswer, until } from '@switchboard/test-utils';
import { createTestEnv, destroyTestEnvs } from '../__fakes__/env';
import { states } from '../constants';

afterEach(destroyTestEnvs);

describe('call.removeBundling through a call', () => {
  test.each([true, false])('removeBundling: %s', async (removeBundling) => {
    const env = createTestEnv({ config: { call: { removeBundling } } });
    const callId = env.client.call.make('bob', { audio: true });
    const start = await env.backend.waitFor('start');
    env.backend.remote.answer('leg-a-1', chromeAnswer);
    await until(() => env.client.call.getById(callId)?.state === states.CONNECTED);
    const pc = env.peers.instances[0]!;
    const bundled = (sdp: string | undefined) => /^a=group:BUNDLE/m.test(sdp ?? '');
    expect([bundled(start.sdp), bundled(pc.localDescription?.sdp), bundled(pc.setRemoteCalls[0]!.sdp)]).toEqual([!removeBundling, !removeBundling, !removeBundling]);
  });
});
