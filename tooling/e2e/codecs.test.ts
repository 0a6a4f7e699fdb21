/**
 * `sdpHandlers.createCodecRemover(['VP8'])` in `call.sdpHandlers`: the negotiated video codec
 * (the inbound-rtp `codec` report's mimeType) is not VP8 on either side, while video flows.
 */
import { connectCall, end } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { callMatrix, fileBrowsers } from './src/matrix';

const NO_VP8 = "{ call: { sdpHandlers: [Switchboard.sdpHandlers.createCodecRemover(['VP8'])] } }";

const browsers = fileBrowsers();

describe.each(callMatrix())('SDK SDP handlers: codec remover ($label)', ({ caller, callee }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn({ alice: { browser: caller, config: NO_VP8 }, bob: { browser: callee, config: NO_VP8 } }, { browsers }));
  });
  afterAll(() => h?.close());

  it('negotiates a video codec other than VP8 on both sides', async () => {
    // Control: without the handler this Chromium prefers VP8 (first video payload of an offer).
    const firstVideoCodec = await alice.eval<string>(`(async () => {
      const pc = new RTCPeerConnection();
      pc.addTransceiver('video');
      const { sdp } = await pc.createOffer();
      pc.close();
      const pt = /m=video \\d+ \\S+ (\\d+)/.exec(sdp)[1];
      return new RegExp('a=rtpmap:' + pt + ' ([^/]+)/').exec(sdp)[1];
    })()`);
    expect(firstVideoCodec.toUpperCase()).toBe('VP8');

    const { aliceCall } = await connectCall(alice, bob);
    for (const p of [alice, bob]) {
      await p.waitForInboundGrowth('video');
      await p.waitFor("E2E.inbound().then((s) => s.video && s.video.codecs.length > 0)", 'inbound video codec report');
      const codecs = (await p.inbound()).video!.codecs;
      expect(codecs.length).toBeGreaterThan(0);
      expect(codecs.map((c) => c.toUpperCase())).not.toContain('VIDEO/VP8');
      const sent = (await p.eval<Record<string, string[]>>('E2E.outboundCodecs()')).video ?? [];
      expect(sent.map((c) => c.toUpperCase())).not.toContain('VIDEO/VP8');
      expect(await p.eval<boolean>("E2E.livePcs().every((pc) => !/VP8\\/90000/i.test(pc.localDescription.sdp))")).toBe(true);
    }
    await end(alice, aliceCall);
  });
});
