/** The public snapshot of a call's data, and call/operation ids. */
import type { CallObject } from '../types';

/** A deep copy of the call's public information. @internal */
export function snapshot(data: CallObject): CallObject {
  return {
    ...data,
    localTracks: [...data.localTracks],
    remoteTracks: [...data.remoteTracks],
    mediaOffered: data.mediaOffered ? { ...data.mediaOffered } : undefined,
    remoteParticipant: { ...data.remoteParticipant },
    bandwidth: { ...data.bandwidth },
    customParameters: data.customParameters.map((p) => ({ ...p })),
    currentOperations: data.currentOperations.map((o) => ({ ...o })),
  };
}

/** A random id (UUID where the platform offers one). @internal */
export function newId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
