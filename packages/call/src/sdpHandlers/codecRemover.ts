/**
 * `sdpHandlers.createCodecRemover` (seed 000): an SDP handler that removes codecs matching
 * selectors from offers and answers, with their RTX (`apt=`) companions.
 */
import type { SdpHandlerFunction, SdpObject } from '../types';

/** Selects codecs by name and `a=fmtp` parameters (seed 000 CodecSelector). @public */
export interface CodecSelector {
  /** Codec name as in `a=rtpmap` (case-insensitive), e.g. `'VP8'`. */
  name: string;
  /** Every entry must be contained in the codec's `a=fmtp` line for the codec to match. */
  fmtpParams?: string[];
}

type Media = SdpObject['media'][number];

function normalize(codecs: ReadonlyArray<string | CodecSelector>): CodecSelector[] {
  if (!Array.isArray(codecs)) throw new TypeError('createCodecRemover(codecs): codecs must be an array');
  return codecs.map((c) => {
    if (typeof c === 'string') return { name: c, fmtpParams: [] };
    if (c && typeof c === 'object' && typeof c.name === 'string') {
      const params = c.fmtpParams ?? [];
      if (!Array.isArray(params) || params.some((p) => typeof p !== 'string')) {
        throw new TypeError('createCodecRemover(codecs): fmtpParams must be an array of strings');
      }
      return { name: c.name, fmtpParams: params };
    }
    throw new TypeError('createCodecRemover(codecs): each codec must be a name or a { name, fmtpParams } selector');
  });
}

/** Whether `rtp` of `media` matches one of the selectors (name, and every listed `a=fmtp` parameter). */
function matches(selectors: readonly CodecSelector[], rtp: Media['rtp'][number], media: Media): boolean {
  const fmtp = media.fmtp.filter((f) => f.payload === rtp.payload).map((f) => f.config).join(';');
  const config = fmtp.split(';').map((p) => p.trim()).filter(Boolean);
  return selectors.some((s) => s.name.toLowerCase() === rtp.codec.toLowerCase() && (s.fmtpParams ?? []).every((p) => config.includes(p.trim())));
}

/** Payload types that carry no media of their own. */
const COMPANIONS = /^(rtx|red|ulpfec|flexfec-03|telephone-event|cn)$/i;

/**
 * Removes from every m-line the payload types that `match` selects, with their RTX (`apt=`)
 * companions: `a=rtpmap`, `a=fmtp`, `a=rtcp-fb` and the m-line's payload list; a section that
 * would keep no media codec (only RTX/RED/FEC/DTMF/CN, or nothing) is left unchanged. The one removal
 * step of {@link createCodecRemover} and of `call.removeH264Codecs`.
 * @internal
 */
export function removePayloads(sdp: SdpObject, match: (rtp: Media['rtp'][number], media: Media) => boolean): SdpObject {
  for (const media of sdp.media) {
    if (!Array.isArray(media.rtp)) continue;
    const remove = new Set(media.rtp.filter((r) => match(r, media)).map((r) => r.payload));
    for (const f of media.fmtp) {
      const apt = /(?:^|;)\s*apt=(\d+)/.exec(f.config);
      if (apt && remove.has(Number(apt[1]))) remove.add(f.payload);
    }
    // Never leave a section without a media codec (only RTX/RED/FEC/DTMF/CN, or nothing, is not a
    // usable m-line): a far end offering only removed codecs keeps them rather than get an SDP the
    // browser refuses.
    if (remove.size === 0 || media.rtp.every((r) => remove.has(r.payload) || COMPANIONS.test(r.codec))) continue;
    const keep = (pt: number | string) => !remove.has(Number(pt));
    media.rtp = media.rtp.filter((r) => keep(r.payload));
    media.fmtp = media.fmtp.filter((f) => keep(f.payload));
    if (media.rtcpFb) media.rtcpFb = media.rtcpFb.filter((f) => f.payload === '*' || keep(f.payload));
    if (media.rtcpFbTrrInt) media.rtcpFbTrrInt = media.rtcpFbTrrInt.filter((f) => f.payload === '*' || keep(f.payload));
    if (typeof media.payloads === 'string') {
      media.payloads = media.payloads.split(/\s+/).filter((p) => p && keep(p)).join(' ');
    }
  }
  return sdp;
}

/**
 * Creates an SDP handler that removes the matching codecs. Strings are name-only selectors.
 * @example
 * ```ts
 * const remover = sdpHandlers.createCodecRemover(['VP8', { name: 'H264', fmtpParams: ['packetization-mode=0'] }])
 * createClient({ plugins, config: { call: { sdpHandlers: [remover] } } })
 * ```
 * @throws TypeError for a malformed selector list.
 * @public
 */
export function createCodecRemover(codecs: ReadonlyArray<string | CodecSelector>): SdpHandlerFunction {
  const selectors = normalize(codecs);
  return (newSdp) => removePayloads(newSdp, (rtp, media) => matches(selectors, rtp, media));
}

/** The SDP handler factories exported by the SDK entry point (seed 000 `sdpHandlers`). @public */
export const sdpHandlers = /* @__PURE__ */ Object.freeze({
  /** Creates an SDP handler that removes the given codecs (see {@link createCodecRemover}). */
  createCodecRemover,
});
