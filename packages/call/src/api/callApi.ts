/**
 * The `client.call` namespace: a frozen object built once per client. Each method is one
 * operation module under `../operations/` (one hop: the import below names it), built with the
 * narrow collaborators that module declares. Every seed method is implemented: the mid-call ones
 * come from the call package's other plugins (see {@link NOT_IMPLEMENTED_METHODS}, which is empty,
 * so the namespace holds no `NOT_IMPLEMENTED` stubs; packages/call/README.md, "How the package is organised").
 */
import { mediaConnectionStates, operations, states } from '../constants';
import type { CallAvailableCodecsEvent } from '../events';
import type { CallRegistry } from '../internal/CallRegistry';
import { legacyStates } from '../internal/legacyProfile';
import { answerOperation, type AnswerCollaborators } from '../operations/answer';
import { endOperation, type EndCollaborators } from '../operations/end';
import { getAvailableCodecsOperation, type GetAvailableCodecsCollaborators } from '../operations/getAvailableCodecs';
import { getStatsOperation, type GetStatsCollaborators } from '../operations/getStats';
import { ignoreOperation, type IgnoreCollaborators } from '../operations/ignore';
import { makeOperation, type MakeCollaborators } from '../operations/make';
import { rejectOperation, type RejectCollaborators } from '../operations/reject';
import { sendRingingFeedbackOperation, type RingingFeedbackCollaborators } from '../operations/ringingFeedback';
import { sendDtmfOperation, type SendDtmfCollaborators } from '../operations/sendDtmf';
import type { AnswerOptions, CallMediaOptions, CallObject, MakeOptions, SdpHandlerFunction } from '../types';
import { assertString } from './validate';

/** Seed methods not implemented yet: none (a method listed here would need a stub again). @internal */
export const NOT_IMPLEMENTED_METHODS = [
  // Each one would name its future module under ../operations/ (wired below like `end`). None is left:
  // hold/unhold, add/removeMedia, start/stopVideo, start/stopScreenshare, replaceTrack and
  // restartMedia: callControlsPlugin() (../controls/plugin.ts); forward, directTransfer,
  // consultativeTransfer and join: callTransferPlugin() (../transfer/plugin.ts);
  // playAudioFile, set/sendCustomParameters, changeInputDevices/changeSpeaker: callExtrasPlugin(); getReport: callReportPlugin().
] as const;

type NotImplemented = { [K in (typeof NOT_IMPLEMENTED_METHODS)[number]]: (...args: unknown[]) => never };

/** The `call` namespace (seed 000 `call`). @public */
export interface CallApi extends NotImplemented {
  /**
   * Starts an outgoing call to a SIP_URI or TEL_URI; returns the new call's id. Outcome: `call:start`.
   * @throws TypeError when `destination` is not a string, `media` not an object or an option has
   *   the wrong type. A wrong value (an empty or malformed destination such as `"sip:"`, `"tel:"`,
   *   `"<>"` or one with CR/LF; no media; a bad bandwidth or DSCP value) is reported as
   *   `INVALID_ARGUMENT` in `call:start` before anything happens: no device is opened, no peer
   *   connection created, nothing sent, no call is listed. So is `CALL_NOT_SUBSCRIBED` before a
   *   subscription to the `call` service.
   */
  make(destination: string, media: CallMediaOptions, options?: MakeOptions): string;
  /** Answers an incoming Initiated/Ringing call. Outcome: `call:stateChange` (Connected) or `call:operation` error. */
  answer(callId: string, media: CallMediaOptions, options?: AnswerOptions): void;
  /** Rejects an incoming Initiated/Ringing call; the caller is told. */
  reject(callId: string): void;
  /** Ends an incoming Initiated/Ringing call locally; the caller is not told. */
  ignore(callId: string): void;
  /** Ends a call in any state but Ended; local media stops. */
  end(callId: string): void;
  /** Every call of this client. */
  getAll(): CallObject[];
  /** One call, or undefined. */
  getById(callId: string): CallObject | undefined;
  /** Moves an incoming Initiated call to Ringing on both ends (`ringingFeedbackMode: 'manual'` only). */
  sendRingingFeedback(callId: string): void;
  /**
   * Sends DTMF tones (0-9 # * ,): out of band when negotiated, otherwise in band via WebAudio.
   * `duration` (default 100) must be 40–6000 ms, `intertoneGap` (default 70) 30–6000 ms, and at most
   * 256 tones are sent at once (see `DTMF_LIMITS`).
   * @throws TypeError when `callId` or `tone` is not a string or a timing not a number. Wrong values
   *   (`INVALID_ARGUMENT`), an unknown call (`CALL_NOT_FOUND`) or a call that is not Connected,
   *   Ringing or Early Media (`CALL_INVALID_STATE`; under a `compatibility` profile, 001/002: Connected
   *   or Ringing) are reported in `call:operation`; nothing is sent.
   */
  sendDTMF(callId: string, tone: string, duration?: number, intertoneGap?: number): void;
  /**
   * A stats snapshot of the call, or of one of its local tracks. Also emits `call:statsReceived`.
   * @throws TypeError when `callId` or `trackId` is not a string. Rejects with `CALL_NOT_FOUND`,
   *   `CALL_INVALID_STATE` (no media connection), `CALL_TRACK_NOT_FOUND` or `CALL_STATS_FAILED`.
   */
  getStats(callId: string, trackId?: string): Promise<RTCStatsReport>;
  /**
   * The browser's send codecs for 'audio' or 'video' (`undefined` when the browser cannot tell).
   * Also emits `call:availableCodecs`.
   * @throws TypeError when `kind` is not a string; rejects with `INVALID_ARGUMENT` for another kind.
   */
  getAvailableCodecs(kind: 'audio' | 'video'): Promise<CallAvailableCodecsEvent | undefined>;
  /** Replaces the SDP handlers for future calls. */
  setSdpHandlers(sdpHandlers: SdpHandlerFunction[]): void;

  /** Call states (under a `compatibility` profile, 001/002: without `EARLY_MEDIA`). */
  readonly states: typeof states;
  /** Media connection states. */
  readonly mediaConnectionStates: typeof mediaConnectionStates;
  /** Operation types reported by `call:operation`. */
  readonly operations: typeof operations;
}

/** What the namespace is built from: the union of its operations' collaborators. @internal */
export type CallApiCollaborators = MakeCollaborators & AnswerCollaborators & RejectCollaborators & IgnoreCollaborators & EndCollaborators &
  RingingFeedbackCollaborators & SendDtmfCollaborators & GetStatsCollaborators & GetAvailableCodecsCollaborators & {
    calls: Pick<CallRegistry, 'getAll' | 'getById' | 'setSdpHandlers'>;
  };

/** Builds the frozen `call` namespace: each method is one operation module. @internal */
export function createCallApi(c: CallApiCollaborators): CallApi {
  return Object.freeze({
    make: makeOperation(c),
    answer: answerOperation(c),
    reject: rejectOperation(c),
    ignore: ignoreOperation(c),
    end: endOperation(c),
    getAll: () => c.calls.getAll(),
    getById: (callId: string) => {
      assertString('getById', 'callId', callId);
      return c.calls.getById(callId);
    },
    sendRingingFeedback: sendRingingFeedbackOperation(c),
    sendDTMF: sendDtmfOperation(c),
    getStats: getStatsOperation(c),
    getAvailableCodecs: getAvailableCodecsOperation(c),
    setSdpHandlers: (sdpHandlers: SdpHandlerFunction[]) => {
      if (!Array.isArray(sdpHandlers) || sdpHandlers.some((h) => typeof h !== 'function')) {
        throw new TypeError('call.setSdpHandlers(sdpHandlers): sdpHandlers must be an array of functions');
      }
      c.calls.setSdpHandlers(sdpHandlers);
    },
    states: (c.compatibility ? legacyStates : states) as typeof states,
    mediaConnectionStates,
    operations,
  });
}
