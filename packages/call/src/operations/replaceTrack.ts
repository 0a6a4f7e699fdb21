/**
 * `call.replaceTrack(callId, trackId, media)` (seed 000): a new local track of the same kind from
 * `media` takes the old one's sender (`RTCRtpSender.replaceTrack`, no renegotiation: the far end
 * notices nothing); the old track is stopped and forgotten. Outcome: `call:trackReplaced`.
 */
import { BasicError, type EventBus } from '@switchboard/core';
import type { MediaRegistry } from '@switchboard/media';
import { assertString, checkMedia } from '../api/validate';
import { asCallError, invalidArgument, invalidState } from '../errors';
import type { CallLookup } from '../internal/CallRegistry';
import type { CallMediaOptions } from '../types';
import { established } from './renegotiate';

/** What `replaceTrack` uses. @internal */
export interface ReplaceTrackCollaborators {
  calls: CallLookup;
  events: Pick<EventBus, 'emit'>;
  media: Pick<MediaRegistry, 'createLocalMedia' | 'getNativeTrack' | 'getTrack' | 'removeTracks'>;
}

const TYPE = 'REPLACE_TRACK';

/** The kind `media` asks for, or an error: exactly one of audio, video, screen. */
function kindOf(media: CallMediaOptions): 'audio' | 'video' | BasicError {
  const asked = [media.audio, media.video, media.screen].filter(Boolean).length;
  if (asked !== 1) return invalidArgument('call.replaceTrack(): media must ask for exactly one of audio, video or screen.');
  return media.audio ? 'audio' : 'video';
}

/** `call.replaceTrack(callId, trackId, media)`. @internal */
export function replaceTrackOperation(c: ReplaceTrackCollaborators) {
  return (callId: string, trackId: string, media: CallMediaOptions = {}): void => {
    assertString('replaceTrack', 'callId', callId);
    assertString('replaceTrack', 'trackId', trackId);
    const mediaError = checkMedia('replaceTrack', media);
    const call = c.calls.lookup('replaceTrack', TYPE, callId);
    if (!call) return;
    const kind = mediaError ?? kindOf(media);
    const sender = call.senderOf(trackId);
    const refusal =
      kind instanceof BasicError ? kind
      : !sender ? new BasicError('CALL_TRACK_NOT_FOUND', `Track ${JSON.stringify(trackId)} is not a local track of the call.`, { pluginId: 'call' })
      : sender.track?.kind !== kind ? invalidArgument(`call.replaceTrack(): track ${trackId} is ${String(sender.track?.kind)}, the media asks for ${kind}.`)
      : !established(call) || call.hasOp(TYPE) ? invalidState('replaceTrack', call.data.state)
      : undefined;
    if (refusal) {
      c.calls.refuse(call.id, TYPE, refusal);
      return void queueMicrotask(() => c.events.emit('call:trackReplaced', { callId: call.id, error: refusal }));
    }
    const op = call.startOp(TYPE);
    let newIds: string[] = [];
    (async () => {
      const local = await c.media.createLocalMedia(media, { callId: call.id }).finally(call.step?.('GET_USER_MEDIA'));
      newIds = local.tracks.map((t) => t.id);
      call.assertAlive(TYPE);
      const native = c.media.getNativeTrack(newIds[0]!);
      await sender!.replaceTrack(native ?? null);
      call.assertAlive(TYPE);
      const oldTrack = c.media.getTrack(trackId);
      const d = call.data;
      d.localTracks = d.localTracks.map((id) => (id === trackId ? newIds[0]! : id));
      c.media.removeTracks([trackId]);
      c.events.emit('call:trackReplaced', { callId: call.id, newTrackId: newIds[0], oldTrack });
      call.finishOp(op);
    })().catch((e: unknown) => {
      const error = asCallError(e, 'CALL_MEDIA_FAILED', 'The track could not be replaced');
      if (newIds.length) c.media.removeTracks(newIds);
      c.events.emit('call:trackReplaced', { callId: call.id, error });
      call.finishOp(op, error);
    });
  };
}
