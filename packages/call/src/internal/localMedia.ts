/** Local media of a call: created through the media registry, added to the peer connection with DSCP priorities. */
import type { MediaObject } from '@switchboard/media';
import { asCallError } from '../errors';
import type { CallMediaOptions } from '../types';
import type { CallManager } from './CallManager';
import type { CallRecord } from './callRecord';
import type { PeerSession } from './PeerSession';

/** Gets local media for the call and reports it (`call:newMedia`, `call:tracksAdded`). @internal */
export async function acquireLocalMedia(m: CallManager, rec: CallRecord, media: CallMediaOptions, op: string): Promise<MediaObject> {
  let local: MediaObject;
  try {
    local = await m.deps.media.createLocalMedia(media, { callId: rec.data.id });
  } catch (error) {
    throw asCallError(error, 'CALL_MEDIA_FAILED', 'Could not get local media');
  }
  try {
    m.assertAlive(rec, op);
  } catch (error) {
    m.deps.media.removeTracks(local.tracks.map((t) => t.id));
    throw error;
  }
  m.addLocalMedia(rec, local);
  return local;
}

/** Creates the call's peer connection (`CALL_MEDIA_FAILED` when the browser refuses). @internal */
export function openSession(m: CallManager, rec: CallRecord): PeerSession {
  try {
    return m.createSession(rec);
  } catch (error) {
    throw asCallError(error, 'CALL_MEDIA_FAILED', 'Could not create the peer connection');
  }
}

/** Adds the local media's tracks to the session, each with its DSCP priority. @internal */
export function addLocalTracks(m: CallManager, rec: CallRecord, session: PeerSession, local: MediaObject, media: CallMediaOptions): void {
  const dscp = rec.dscp ?? {};
  const tracks = local.tracks
    .map((t) => ({ obj: t, track: m.deps.media.getNativeTrack(t.id) }))
    .filter((x): x is { obj: typeof x.obj; track: MediaStreamTrack } => !!x.track)
    .map(({ obj, track }) => {
      const settings = typeof track.getSettings === 'function' ? (track.getSettings() as { displaySurface?: string }) : {};
      const screen = obj.kind === 'video' && (!!settings.displaySurface || (!!media.screen && !media.video));
      const priority = obj.kind === 'audio' ? dscp.audioNetworkPriority : screen ? dscp.screenNetworkPriority : dscp.videoNetworkPriority;
      return { track, priority };
    });
  session.addTracks(tracks);
}
