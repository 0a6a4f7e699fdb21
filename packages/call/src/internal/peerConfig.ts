/**
 * The RTCConfiguration of a call's peer connection (seed 000 `config.call`): a copy of
 * `defaultPeerConfig` with the subscription's TURN credentials (protocol §2.2 `turnCredentials`)
 * copied into every configured ICE server entry when `serverTurnCredentials` is on (the server
 * never provides URLs), and `iceTransportPolicy: 'public'` — a seed value browsers no longer
 * accept (their `RTCIceTransportPolicy` is `'all' | 'relay'`, so the constructor would throw) —
 * passed as `'all'`, with a warning. ICE server URLs follow the Chromium 110+ rules (seed 000
 * `IceServer.urls`), whose constructor throws otherwise: a STUN URL loses its query, a TURN URL
 * keeps only its `transport` parameter; each dropped query is logged (the URL without its query).
 */
import type { Logger } from '@switchboard/core';
import type { TurnCredentials } from '@switchboard/connectivity';
import type { CallConfig } from '../config';

/** Builds the peer connection configuration; never mutates `cfg`. @internal */
export function peerConnectionConfig(
  cfg: Pick<CallConfig, 'defaultPeerConfig' | 'serverTurnCredentials'>,
  turn: TurnCredentials | undefined,
  logger: Pick<Logger, 'warn'>,
): RTCConfiguration {
  const peer = { ...(cfg.defaultPeerConfig ?? {}) } as RTCConfiguration & Record<string, unknown>;
  const url = (u: string) => {
    const fixed = u.replace(/\?.*/, (q) => {
      const t = /^turns?:/i.test(u) && /[?&](transport=[^&]*)/.exec(q);
      return t ? '?' + t[1] : '';
    });
    if (fixed !== u) logger.warn(`call: ICE server URL ${u.split('?')[0]}: query cut to the Chromium 110+ rules (TURN: transport only; STUN: none)`);
    return fixed;
  };
  const servers = (peer.iceServers ?? []).map((s) => ({ ...s, urls: typeof s.urls === 'string' ? url(s.urls) : s.urls?.map(url) }));
  if (cfg.serverTurnCredentials && turn) for (const s of servers) Object.assign(s, { username: turn.username, credential: turn.password });
  peer.iceServers = servers;
  if ((peer.iceTransportPolicy as string) === 'public') {
    logger.warn("call.defaultPeerConfig.iceTransportPolicy 'public' is not supported by browsers any more; using 'all'");
    peer.iceTransportPolicy = 'all';
  }
  return peer;
}
