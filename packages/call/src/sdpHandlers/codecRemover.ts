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

/** Payload types of `media` matching one of the selectors, plus RTX payloads pointing at them. */
function payloadsToRemove(media: Media, selectors: readonly CodecSelector[]): Set<number> {
  const fmtpOf = (pt: number) => media.fmtp.filter((f) => f.payload === pt).map((f) => f.config).join(';');
  const params = (config: string) => config.split(';').map((p) => p.trim()).filter(Boolean);
  const remove = new Set<number>();
  for (const rtp of media.rtp) {
    const config = params(fmtpOf(rtp.payload));
    const match = selectors.some(
      (s) => s.name.toLowerCase() === rtp.codec.toLowerCase() && (s.fmtpParams ?? []).every((p) => config.includes(p.trim())),
    );
    if (match) remove.add(rtp.payload);
  }
  for (const f of media.fmtp) {
    const apt = /(?:^|;)\s*apt=(\d+)/.exec(f.config);
    if (apt && remove.has(Number(apt[1]))) remove.add(f.payload);
  }
  return remove;
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
  return (newSdp) => {
    for (const media of newSdp.media) {
      if (!Array.isArray(media.rtp)) continue;
      const remove = payloadsToRemove(media, selectors);
      if (remove.size === 0) continue;
      const keep = (pt: number | string) => !remove.has(Number(pt));
      media.rtp = media.rtp.filter((r) => keep(r.payload));
      media.fmtp = media.fmtp.filter((f) => keep(f.payload));
      if (media.rtcpFb) media.rtcpFb = media.rtcpFb.filter((f) => f.payload === '*' || keep(f.payload));
      if (media.rtcpFbTrrInt) media.rtcpFbTrrInt = media.rtcpFbTrrInt.filter((f) => f.payload === '*' || keep(f.payload));
      if (typeof media.payloads === 'string') {
        media.payloads = media.payloads.split(/\s+/).filter((p) => p && keep(p)).join(' ');
      }
    }
    return newSdp;
  };
}

/** The SDP handler factories exported by the SDK entry point (seed 000 `sdpHandlers`). @public */
export const sdpHandlers = Object.freeze({
  /** Creates an SDP handler that removes the given codecs (see {@link createCodecRemover}). */
  createCodecRemover,
});
