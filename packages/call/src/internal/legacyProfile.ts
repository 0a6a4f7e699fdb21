/**
 * The call plugin's part of the legacy-compatibility profile (`config.compatibility: '001' | '002'`,
 * docs/migration.md "The legacy-compatibility profile"): `call.states` without `EARLY_MEDIA`, the
 * 001/002 track events `call:newTrack` / `call:trackEnded`, and `sendDTMF` in Connected or Ringing
 * only (`../operations/sendDtmf.ts`). The `call.removeH264Codecs` default is the section's
 * `legacyDefaults` (`../config.ts`).
 */
import type { Disposer, EventBus } from '@switchboard/core';
import { states } from '../constants';
import type { CallTracksEvent } from '../events';

/** 001/002 `call.states`: the seed 000 states without `EARLY_MEDIA`. @internal */
export const legacyStates = /* @__PURE__ */ (({ EARLY_MEDIA: _, ...rest }: typeof states) => Object.freeze(rest))(states);

/**
 * Emits `call:newTrack {callId, trackId}` for each track of `call:tracksAdded` and
 * `call:trackEnded {callId, trackId}` for each track of `call:tracksRemoved` (the 001/002 events,
 * one per track), until `disposer` runs.
 * @internal
 */
export function emitLegacyTrackEvents(events: EventBus, disposer: Disposer): void {
  const forward = (name: 'call:newTrack' | 'call:trackEnded') => ({ callId, trackIds }: CallTracksEvent) =>
    trackIds.forEach((trackId) => events.emit(name, { callId, trackId }));
  const added = forward('call:newTrack');
  const removed = forward('call:trackEnded');
  events.on('call:tracksAdded', added).on('call:tracksRemoved', removed);
  disposer.add(() => void events.off('call:tracksAdded', added).off('call:tracksRemoved', removed));
}
