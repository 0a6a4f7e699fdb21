import { parse, write } from 'sdp-transform';
import { chromeAnswer, chromeOffer } from '@switchboard/test-utils';
import { createCodecRemover } from './codecRemover';
import type { SdpHandlerInfo } from '../types';

const info: SdpHandlerInfo = { callId: 'c', type: 'offer', step: 'send', endpoint: 'local' };
const run = (sdp: string, codecs: Parameters<typeof createCodecRemover>[0]) => {
  const parsed = parse(sdp);
  return write(createCodecRemover(codecs)(parsed, info, parse(sdp)));
};
const video = (sdp: string) => parse(sdp).media.find((m) => m.type === 'video')!;
const codecsOf = (sdp: string) => video(sdp).rtp.map((r) => `${r.payload}:${r.codec}`);

describe('createCodecRemover (real Chromium SDP)', () => {
  test('removes a codec by name with its RTX payload, fmtp and rtcp-fb lines', () => {
    const out = run(chromeOffer, ['VP8']);
    expect(codecsOf(out)).not.toContain('96:VP8');
    expect(codecsOf(out)).not.toContain('97:rtx'); // apt=96
    expect(out).not.toMatch(/a=rtcp-fb:96 /);
    expect(out).not.toMatch(/a=fmtp:97 /);
    expect(video(out).payloads!.split(' ')).not.toEqual(expect.arrayContaining(['96', '97']));
    expect(codecsOf(out)).toContain('98:VP9');
    // audio untouched
    expect(parse(out).media[0]!.rtp).toEqual(parse(chromeOffer).media[0]!.rtp);
  });

  test('name matching is case-insensitive and removes every instance', () => {
    const out = run(chromeOffer, ['h264']);
    expect(codecsOf(out).some((c) => c.endsWith('H264'))).toBe(false);
    expect(video(out).payloads).toBe(video(out).rtp.map((r) => r.payload).join(' '));
  });

  test('a { name, fmtpParams } selector only removes codecs whose fmtp contains every parameter', () => {
    const out = run(chromeOffer, [{ name: 'H264', fmtpParams: ['packetization-mode=0'] }]);
    const left = video(out).rtp.filter((r) => r.codec === 'H264').map((r) => r.payload);
    const fmtp = (pt: number) => video(out).fmtp.find((f) => f.payload === pt)!.config;
    expect(left.length).toBeGreaterThan(0);
    for (const pt of left) expect(fmtp(pt)).toContain('packetization-mode=1');
    expect(codecsOf(chromeOffer).filter((c) => c.endsWith('H264')).length).toBeGreaterThan(left.length);
    const both = run(chromeOffer, [{ name: 'H264', fmtpParams: ['packetization-mode=0', 'profile-level-id=42e01f'] }]);
    expect(codecsOf(both)).not.toContain('114:H264');
    expect(codecsOf(both)).toContain('104:H264');
  });

  test('works on answers and on audio codecs', () => {
    const out = run(chromeAnswer, ['opus', 'telephone-event']);
    const audio = parse(out).media[0]!;
    expect(audio.rtp.map((r) => r.codec)).not.toEqual(expect.arrayContaining(['opus']));
    expect(audio.rtp.map((r) => r.codec)).not.toContain('telephone-event');
    expect(audio.rtp.length).toBeGreaterThan(0);
  });

  test('a section that would keep no media codec is left unchanged (no empty or companion-only m-line)', () => {
    const all = [...new Set(video(chromeOffer).rtp.map((r) => r.codec).filter((c) => !/^(rtx|red|ulpfec|flexfec-03)$/i.test(c)))];
    const out = run(chromeOffer, all);
    expect(codecsOf(out)).toEqual(codecsOf(chromeOffer));
    expect(parse(out).media[0]!.rtp).toEqual(parse(chromeOffer).media[0]!.rtp);
    // removing all but one still removes
    expect(codecsOf(run(chromeOffer, all.slice(1)))).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`:${all[0]}$`))]));
    expect(codecsOf(run(chromeOffer, all.slice(1))).length).toBeLessThan(codecsOf(chromeOffer).length);
    const audioOnlyDtmf = parse(write(parse(run(chromeAnswer, ['opus']))));
    expect(audioOnlyDtmf.media[0]!.rtp.some((r) => !/^(telephone-event|cn|red)$/i.test(r.codec))).toBe(true);
  });

  test('an unknown codec leaves the SDP unchanged', () => {
    expect(run(chromeOffer, ['NOPE'])).toBe(write(parse(chromeOffer)));
  });

  test('bad selectors throw a TypeError', () => {
    expect(() => createCodecRemover('VP8' as never)).toThrow(TypeError);
    expect(() => createCodecRemover([42 as never])).toThrow(TypeError);
    expect(() => createCodecRemover([{ name: 'VP8', fmtpParams: 'x' as never }])).toThrow(TypeError);
  });
});
