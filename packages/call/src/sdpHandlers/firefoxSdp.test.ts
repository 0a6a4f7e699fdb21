/**
 * Firefox SDP (captured from Debian Firefox ESR 153) through the SDP pipeline and the codec
 * remover: Firefox writes codecs with a channel count (`telephone-event/8000/1`, `G722/8000/1`),
 * puts the fingerprint and `ice-options` at session level, uses `extmap` directions
 * (`a=extmap:2/recvonly`), braces in `msid`, and has no H264 here. None of it may be lost or
 * reordered: m-lines, mids, BUNDLE, msids and extmaps must come out as they went in.
 */
import { parse } from 'sdp-transform';
import { firefoxAnswerToChrome, firefoxOffer } from '@switchboard/test-utils';
import { runSdpPipeline } from '../internal/sdpPipeline';
import type { SdpHandlerInfo } from '../types';
import { createCodecRemover } from './codecRemover';

const send: SdpHandlerInfo = { callId: 'c', type: 'offer', step: 'send', endpoint: 'local' };
const media = (sdp: string, kind: string) => parse(sdp).media.find((m) => m.type === kind)!;
const codecs = (sdp: string, kind: string) => media(sdp, kind).rtp.map((r) => `${r.payload}:${r.codec}`);
const shape = (sdp: string) =>
  parse(sdp).media.map((m) => ({ type: m.type, mid: m.mid, msid: m.msid, direction: m.direction, ext: m.ext, ssrcGroups: m.ssrcGroups }));

describe('Firefox SDP through the SDP pipeline', () => {
  it('keeps m-line order, mids, BUNDLE, msids, extmap directions and the session fingerprint; drops trickle', () => {
    const out = runSdpPipeline(firefoxOffer, [], send, { removeBundling: false, bandwidth: { audio: 50 } });
    expect(shape(out)).toEqual(shape(firefoxOffer));
    expect(parse(out).groups).toEqual([{ type: 'BUNDLE', mids: '0 1' }]);
    expect(parse(out).fingerprint).toEqual(parse(firefoxOffer).fingerprint);
    expect(out).toMatch(/\r\na=extmap:2\/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level\r\n/);
    expect(out).not.toMatch(/trickle/);
    expect(media(out, 'audio').bandwidth).toEqual([{ type: 'AS', limit: 50 }, { type: 'TIAS', limit: 50000 }]);
    expect(codecs(out, 'audio')).toEqual(codecs(firefoxOffer, 'audio'));
    expect(codecs(out, 'video')).toEqual(codecs(firefoxOffer, 'video'));
  });

  it('keeps the answer to a Chromium offer in the offer\'s m-line order', () => {
    const out = runSdpPipeline(firefoxAnswerToChrome, [], { ...send, type: 'answer' }, { removeBundling: false });
    expect(parse(out).media.map((m) => `${m.type}:${m.mid}`)).toEqual(['audio:0', 'video:1']);
    expect(shape(out)).toEqual(shape(firefoxAnswerToChrome));
  });
});

describe('createCodecRemover on Firefox SDP', () => {
  const run = (sdp: string, list: Parameters<typeof createCodecRemover>[0]) =>
    runSdpPipeline(sdp, [createCodecRemover(list)], send, { removeBundling: false });

  it('removes VP8 (120) with its RTX (124, apt=120), fmtp and rtcp-fb; VP9 and AV1 stay', () => {
    const out = run(firefoxOffer, ['VP8']);
    expect(codecs(out, 'video')).not.toEqual(expect.arrayContaining(['120:VP8']));
    expect(codecs(out, 'video')).not.toContain('124:rtx');
    expect(out).not.toMatch(/a=(fmtp|rtcp-fb):12[04] /);
    expect(codecs(out, 'video')).toEqual(expect.arrayContaining(['121:VP9', '99:AV1']));
    expect(media(out, 'video').payloads).toBe(media(out, 'video').rtp.map((r) => r.payload).join(' '));
    expect(shape(out)).toEqual(shape(firefoxOffer));
  });

  it("matches Firefox's 'telephone-event/8000/1' by name (the channel count is not part of it)", () => {
    const out = run(firefoxOffer, ['telephone-event']);
    expect(codecs(out, 'audio')).toEqual(['109:opus', '9:G722', '0:PCMU', '8:PCMA']);
    expect(out).not.toMatch(/telephone-event/);
    expect(out).not.toMatch(/a=fmtp:101 /);
  });

  it('removing a codec Firefox does not offer (H264) leaves the SDP as the pipeline alone writes it', () => {
    expect(run(firefoxOffer, ['H264'])).toBe(runSdpPipeline(firefoxOffer, [], send, { removeBundling: false }));
  });
});
