import { parse } from 'sdp-transform';
import { chromeOffer } from '@switchboard/test-utils';
import { runSdpPipeline } from './sdpPipeline';
import type { SdpHandlerFunction, SdpHandlerInfo } from '../types';

const set: SdpHandlerInfo = { callId: 'c1', type: 'offer', step: 'set', endpoint: 'local' };
const send: SdpHandlerInfo = { ...set, step: 'send' };
const withTrickle = chromeOffer.replace(/a=ice-ufrag/, 'a=ice-options:trickle\r\na=ice-ufrag');

describe('runSdpPipeline', () => {
  test('no step → the SDP is returned byte for byte', () => {
    expect(runSdpPipeline(chromeOffer, [], set, { removeBundling: false })).toBe(chromeOffer);
  });

  test('handlers run in order with (newSdp, info, originalSdp)', () => {
    const calls: string[] = [];
    const a: SdpHandlerFunction = (sdp, info, original) => {
      calls.push(`a:${info.step}:${info.callId}`);
      expect(original.media.length).toBe(sdp.media.length);
      sdp.media = sdp.media.slice(0, 1);
      return sdp;
    };
    const b: SdpHandlerFunction = (sdp, _info, original) => {
      calls.push(`b:${sdp.media.length}:${original.media.length}`);
      return sdp;
    };
    const out = runSdpPipeline(chromeOffer, [a, b], set, { removeBundling: false });
    expect(calls).toEqual(['a:set:c1', 'b:1:2']);
    expect(parse(out).media).toHaveLength(1);
  });

  test('a handler that returns no SDP object fails', () => {
    expect(() => runSdpPipeline(chromeOffer, [(() => undefined) as never], set, { removeBundling: false })).toThrow(TypeError);
  });

  test('removeBundling strips a=group; send strips trickle and writes bandwidth', () => {
    const out = runSdpPipeline(withTrickle, [], send, { removeBundling: true, bandwidth: { call: 500, video: 300, audio: 40 } });
    expect(out).not.toContain('a=group:BUNDLE');
    expect(out).not.toContain('trickle');
    const parsed = parse(out);
    expect(parsed.bandwidth).toEqual([{ type: 'AS', limit: 500 }, { type: 'TIAS', limit: 500000 }]);
    expect(parsed.media[0]!.bandwidth).toEqual([{ type: 'AS', limit: 40 }, { type: 'TIAS', limit: 40000 }]);
    expect(parsed.media[1]!.bandwidth).toEqual([{ type: 'AS', limit: 300 }, { type: 'TIAS', limit: 300000 }]);
    expect(out).toMatch(/m=video[^]*b=AS:300\r\nb=TIAS:300000\r\n/);
    // a second pass replaces the limits instead of adding more lines
    const again = parse(runSdpPipeline(out, [], send, { removeBundling: false, bandwidth: { video: 100 } }));
    expect(again.media[1]!.bandwidth).toEqual([{ type: 'AS', limit: 100 }, { type: 'TIAS', limit: 100000 }]);
    // trickle is only removed from SDP that is sent
    expect(runSdpPipeline(withTrickle, [], set, { removeBundling: true })).toContain('trickle');
  });
});
