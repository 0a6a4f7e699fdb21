/** The internal state of one call and its public snapshot. */
import type { DSCPControls, CallObject, SdpHandlerFunction, CallOperation } from '../types';
import type { PeerSession } from './PeerSession';
import type { CallAuditor } from './CallAuditor';

/** One call's internal state. `data` is what `getById` copies. @internal */
export interface CallRecord {
  data: CallObject;
  /** This user's leg id on the gateway (`sessionData`). */
  sessionId?: string;
  session?: PeerSession;
  /** The remote offer of an incoming call (absent: slow start). */
  remoteOffer?: string;
  /** SDP handlers captured when the call was created. */
  handlers: readonly SdpHandlerFunction[];
  dscp?: DSCPControls;
  auditor?: CallAuditor;
  /** A local operation waiting for a `respondCallUpdate` answer (slow-start answer, remote slow-start update). */
  awaitingAnswer?: CallOperation;
}

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
