/**
 * Maps seed media options (`audio`, `audioOptions`, `video`, `videoOptions`, `screen`,
 * `screenOptions`) to `getUserMedia`/`getDisplayMedia` constraints, honouring the seed's
 * MediaConstraint: `exact` wins over `ideal`; a bare value is `ideal`, except `deviceId` (`exact`).
 */
import type { LocalMediaOptions, MediaConstraint } from '../tokens';

type Constrain = ConstrainDOMString | ConstrainULong | ConstrainDouble;

/** Keys whose bare value means `exact` (seed 000 MediaConstraint). */
const EXACT_WHEN_BARE = new Set(['deviceId']);

/** Converts one MediaConstraint to a browser constraint; undefined when nothing is asked. @internal */
export function toConstraint(name: string, value: MediaConstraint | undefined): Constrain | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') {
    if (value.exact !== undefined) return { exact: value.exact } as Constrain;
    if (value.ideal !== undefined) return { ideal: value.ideal } as Constrain;
    return undefined;
  }
  return (EXACT_WHEN_BARE.has(name) ? { exact: value } : { ideal: value }) as Constrain;
}

/** Builds track constraints from an options object: known keys are mapped, others passed through. */
function trackConstraints(options: Record<string, unknown> | undefined, mapped: readonly string[]): MediaTrackConstraints | true {
  if (!options || typeof options !== 'object') return true;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (mapped.includes(key)) {
      const c = toConstraint(key, value as MediaConstraint);
      if (c !== undefined) out[key] = c;
    } else {
      // NOTE: other keys (echoCancellation, aspectRatio…) are standard constraints passed as given.
      out[key] = value;
    }
  }
  return Object.keys(out).length ? (out as MediaTrackConstraints) : true;
}

const AUDIO_KEYS = ['deviceId'] as const;
const VIDEO_KEYS = ['deviceId', 'height', 'width', 'frameRate', 'facingMode'] as const;
const SCREEN_KEYS = ['height', 'width', 'frameRate'] as const;

/** `getUserMedia` constraints for audio/video, or undefined when neither is asked. @internal */
export function userMediaConstraints(options: LocalMediaOptions): MediaStreamConstraints | undefined {
  if (!options.audio && !options.video) return undefined;
  return {
    audio: options.audio ? trackConstraints(options.audioOptions, AUDIO_KEYS) : false,
    video: options.video ? trackConstraints(options.videoOptions, VIDEO_KEYS) : false,
  };
}

/** `getDisplayMedia` options for a screenshare, or undefined when not asked. @internal */
export function displayMediaConstraints(options: LocalMediaOptions): DisplayMediaStreamOptions | undefined {
  if (!options.screen) return undefined;
  return { video: trackConstraints(options.screenOptions, SCREEN_KEYS), audio: false };
}
