/**
 * `call.addMedia` / `removeMedia` and their shorthands `startVideo` / `stopVideo` /
 * `startScreenshare` / `stopScreenshare` (seed 000; protocol §5.10): new local tracks on the peer
 * connection (or senders emptied), then one renegotiation. Added tracks are reported at once
 * (`call:newMedia`, `call:tracksAdded`, by `Call.acquireLocalMedia`); removed ones once the far
 * end has answered (`call:tracksRemoved`, `call:removedMedia`, then stopped). A failed update
 * takes the added tracks off again (or puts the removed ones back). The far end sees the change
 * as new remote tracks (`track` events) or tracks leaving their stream (`Call.dropRemote`).
 */
import type { MediaRegistry } from '@switchboard/media';
import { assertObject, assertString, checkCallOptions, checkMedia } from '../api/validate';
import { invalidArgument, trackNotFound } from '../errors';
import type { Call } from '../internal/Call';
import type { CallLookup } from '../internal/CallRegistry';
import type { AnswerOptions, CallMediaOptions } from '../types';
import { cannotRenegotiate, type RenegotiateCollaborators } from './renegotiate';

/** What the media operations use. @internal */
export interface MediaCollaborators extends RenegotiateCollaborators {
  calls: CallLookup;
  media: Pick<MediaRegistry, 'getNativeTrack'>;
}

/** Options of `addMedia`, `removeMedia`, `startVideo`. @public */
export type MediaChangeOptions = Pick<AnswerOptions, 'bandwidth' | 'dscpControls'>;

/** Video constraints of `startVideo` (seed 000 `videoOptions`). @public */
export type VideoOptions = NonNullable<CallMediaOptions['videoOptions']>;

/** Screen constraints of `startScreenshare` (seed 000 `screenOptions`). @public */
export type ScreenOptions = NonNullable<CallMediaOptions['screenOptions']>;

/** A call that can change its media now: Connected (not held), no renegotiation under way. */
function ready(c: MediaCollaborators, method: string, type: string, call: Call, why = ''): boolean {
  const refusal = cannotRenegotiate(call, method, true, why);
  if (refusal) c.calls.refuse(call.id, type, refusal);
  return !refusal;
}

/** The local tracks of `call` that are video (`screen`: only screen shares; false: only cameras). */
function localVideo(c: MediaCollaborators, call: Call, screen?: boolean): string[] {
  return call.data.localTracks.filter((id) => {
    const native = c.media.getNativeTrack(id);
    if (native?.kind !== 'video') return false;
    if (screen === undefined) return true;
    const surface = typeof native.getSettings === 'function' && !!(native.getSettings() as { displaySurface?: string }).displaySurface;
    return surface === screen;
  });
}

/** `call.addMedia(callId, media?, options?)`. @internal */
export function addMediaOperation(c: MediaCollaborators) {
  return (callId: string, media: CallMediaOptions = {}, options?: MediaChangeOptions): void => {
    assertString('addMedia', 'callId', callId);
    const valueError = checkMedia('addMedia', media) ?? checkCallOptions('addMedia', options);
    const call = c.calls.lookup('addMedia', 'ADD_MEDIA', callId);
    if (!call) return;
    if (valueError) return c.calls.refuse(call.id, 'ADD_MEDIA', valueError);
    if (ready(c, 'addMedia', 'ADD_MEDIA', call)) add(c, call, 'ADD_MEDIA', media, options);
  };
}

/** `call.startVideo(callId, videoOptions?, options?)`: a camera, when the call has no video yet. @internal */
export function startVideoOperation(c: MediaCollaborators) {
  return (callId: string, videoOptions?: VideoOptions, options?: MediaChangeOptions): void => {
    assertString('startVideo', 'callId', callId);
    assertObject('startVideo', 'videoOptions', videoOptions);
    const media: CallMediaOptions = { video: true, ...(videoOptions ? { videoOptions } : {}) };
    const valueError = checkMedia('startVideo', media) ?? checkCallOptions('startVideo', options);
    const call = c.calls.lookup('startVideo', 'ADD_BASIC_MEDIA', callId);
    if (!call) return;
    if (valueError) return c.calls.refuse(call.id, 'ADD_BASIC_MEDIA', valueError);
    if (ready(c, 'startVideo', 'ADD_BASIC_MEDIA', call, localVideo(c, call).length ? 'the call already has video' : '')) add(c, call, 'ADD_BASIC_MEDIA', media, options);
  };
}

/** `call.startScreenshare(callId, screenOptions?)`: `addMedia(callId, { screen: true, screenOptions })`. @internal */
export function startScreenshareOperation(c: MediaCollaborators) {
  const addMedia = addMediaOperation(c);
  return (callId: string, screenOptions?: ScreenOptions): void => {
    assertObject('startScreenshare', 'screenOptions', screenOptions);
    addMedia(callId, { screen: true, ...(screenOptions ? { screenOptions } : {}) });
  };
}

/** `call.removeMedia(callId, trackIds, options?)`. @internal */
export function removeMediaOperation(c: MediaCollaborators) {
  return (callId: string, trackIds: string[], options?: MediaChangeOptions): void => {
    assertString('removeMedia', 'callId', callId);
    if (!Array.isArray(trackIds) || trackIds.some((t) => typeof t !== 'string')) throw new TypeError('call.removeMedia(): tracks must be an array of track ids');
    const valueError = (trackIds.length ? undefined : invalidArgument('call.removeMedia(): tracks must name at least one track.')) ?? checkCallOptions('removeMedia', options);
    const call = c.calls.lookup('removeMedia', 'REMOVE_MEDIA', callId);
    if (!call) return;
    const missing = trackIds.find((id) => !call.senderOf(id));
    const error = valueError ?? (missing !== undefined ? trackNotFound(missing, call.id) : undefined);
    if (error) return c.calls.refuse(call.id, 'REMOVE_MEDIA', error);
    if (ready(c, 'removeMedia', 'REMOVE_MEDIA', call)) remove(c, call, 'REMOVE_MEDIA', [...new Set(trackIds)], options);
  };
}

/** `call.stopVideo(callId)`: removes the call's one camera track. @internal */
export function stopVideoOperation(c: MediaCollaborators) {
  return (callId: string): void => {
    const call = c.calls.lookup('stopVideo', 'REMOVE_BASIC_MEDIA', callId);
    if (!call) return;
    const video = localVideo(c, call, false);
    if (ready(c, 'stopVideo', 'REMOVE_BASIC_MEDIA', call, video.length !== 1 ? `the call has ${video.length} local camera tracks, not one` : '')) remove(c, call, 'REMOVE_BASIC_MEDIA', video);
  };
}

/** `call.stopScreenshare(callId)`: removes the call's screen-share track(s). @internal */
export function stopScreenshareOperation(c: MediaCollaborators) {
  return (callId: string): void => {
    const call = c.calls.lookup('stopScreenshare', 'REMOVE_MEDIA', callId);
    if (!call) return;
    const screen = localVideo(c, call, true);
    if (ready(c, 'stopScreenshare', 'REMOVE_MEDIA', call, screen.length ? '' : 'the call has no screen share')) remove(c, call, 'REMOVE_MEDIA', screen);
  };
}

function applyOptions(call: Call, options?: MediaChangeOptions): void {
  if (options?.bandwidth) call.data.bandwidth = { ...options.bandwidth };
  if (options?.dscpControls) call.dscp = { ...call.dscp, ...options.dscpControls };
}

function add(c: MediaCollaborators, call: Call, type: string, media: CallMediaOptions, options?: MediaChangeOptions): void {
  const op = call.startOp(type);
  let added: string[] = [];
  applyOptions(call, options);
  void c.renegotiator.run(call, op, {
    change: async () => {
      const local = await call.acquireLocalMedia(media, type);
      added = local.tracks.map((t) => t.id);
      call.addLocalTracks(call.session!, local, media);
    },
    undo: (pc) => {
      const natives = added.map((id) => c.media.getNativeTrack(id));
      for (const s of pc.getSenders()) if (s.track && natives.includes(s.track)) pc.removeTrack(s);
      call.dropTracks(added, true);
    },
    done: () => undefined,
  });
}

function remove(c: MediaCollaborators, call: Call, type: string, trackIds: string[], options?: MediaChangeOptions): void {
  const op = call.startOp(type);
  applyOptions(call, options);
  const removed: Array<{ sender: RTCRtpSender; track: MediaStreamTrack | null; t?: RTCRtpTransceiver; direction?: RTCRtpTransceiverDirection }> = [];
  void c.renegotiator.run(call, op, {
    change: (pc) => {
      for (const id of trackIds) {
        const sender = call.senderOf(id);
        if (!sender) continue;
        const t = pc.getTransceivers().find((x) => x.sender === sender);
        removed.push({ sender, track: sender.track, t, direction: t?.direction });
        pc.removeTrack(sender);
      }
    },
    undo: () => {
      for (const r of removed) {
        void r.sender.replaceTrack(r.track).catch(() => undefined);
        if (r.t && r.direction && r.t.direction !== 'stopped') r.t.direction = r.direction;
      }
    },
    done: (error) => {
      if (!error && !call.isOver()) call.dropTracks(trackIds, true);
    },
  });
}
