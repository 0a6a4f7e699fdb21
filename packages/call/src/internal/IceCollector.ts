/**
 * Non-trickle ICE: collects the candidates of one offer/answer and runs the ICE collection check
 * function on every trigger (a new candidate, a gathering-state change, a scheduled wait) until it
 * says `StartCall`. An `Error` result, an invalid result or a throwing check rejects with
 * `CALL_ICE_COLLECTION_FAILED`; the message of an `Error` result names the ICE servers that
 * failed meanwhile (`icecandidateerror`, e.g. a TURN server's `401 Unauthorized` for refused
 * credentials), so that a relay-only call failing on stale TURN credentials says so.
 */
import type { BasicError } from '@switchboard/core';
import type { IceCollectionCheckFunction, IceCollectionCheckResult, IceCollectionReason, IceTimeouts } from '../types';
import { callError } from '../errors';

/** Options of an {@link IceCollector}. @internal */
export interface IceCollectorOptions {
  callId: string;
  operation: string;
  check: IceCollectionCheckFunction;
  timeouts: IceTimeouts;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
}

const failure = (message: string, cause?: unknown) => callError('CALL_ICE_COLLECTION_FAILED', message, cause);

/** Collects candidates of one peer connection and decides, through the check function, when to proceed. @internal */
export class IceCollector {
  private readonly candidates: RTCIceCandidate[] = [];
  private readonly startedAt: number;
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private settle: ((error?: BasicError) => void) | undefined;

  private readonly onCandidate = (event: Event) => {
    const candidate = (event as RTCPeerConnectionIceEvent).candidate;
    if (!candidate || !candidate.candidate) return; // end-of-candidates: the gathering state change follows
    this.candidates.push(candidate);
    this.evaluate('NewCandidate');
  };

  private readonly onGatheringChange = () => {
    this.restarting = false;
    this.evaluate('IceGatheringStateChanged');
  };

  /** `complete` is stale: the description has none of its candidates (an ICE restart regathers); reads `gathering` until a state change. */
  private restarting = false;

  /** `url: code text` of every distinct ICE server error seen (TURN 401 for refused credentials, 701 unreachable). */
  private readonly serverErrors: string[] = [];

  private readonly onCandidateError = (event: Event) => {
    const e = event as Event & { url?: string; errorCode?: number; errorText?: string };
    const text = `${e.url || 'an ICE server'}: ${e.errorCode ?? '?'}${e.errorText ? ` ${e.errorText}` : ''}`;
    if (!this.serverErrors.includes(text)) this.serverErrors.push(text);
  };

  /** Starts listening; create it before `setLocalDescription` so no candidate is missed. */
  constructor(private readonly pc: RTCPeerConnection, private readonly options: IceCollectorOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    pc.addEventListener('icecandidate', this.onCandidate);
    pc.addEventListener('icegatheringstatechange', this.onGatheringChange);
    pc.addEventListener('icecandidateerror', this.onCandidateError);
  }

  /** Runs the check loop. Resolves when the check says `StartCall`; rejects with a BasicError otherwise. */
  run(): Promise<void> {
    if (this.candidates.length === 0 && this.pc.iceGatheringState === 'complete') {
      this.seedFromDescription();
      this.restarting = !this.candidates.length;
    }
    return new Promise<void>((resolve, reject) => {
      this.settle = (error) => {
        this.dispose();
        if (error) reject(error);
        else resolve();
      };
      this.evaluate('Scheduled');
    });
  }

  /** Rejects a running collection with `error` (the peer connection was closed). */
  abort(error: BasicError): void {
    this.settle?.(error);
  }

  /** Stops listening and clears the scheduled check. */
  dispose(): void {
    this.settle = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pc.removeEventListener('icecandidate', this.onCandidate);
    this.pc.removeEventListener('icegatheringstatechange', this.onGatheringChange);
    this.pc.removeEventListener('icecandidateerror', this.onCandidateError);
  }

  /** The candidates collected so far. */
  collected(): readonly RTCIceCandidate[] {
    return this.candidates;
  }

  private evaluate(reason: IceCollectionReason): void {
    const settle = this.settle;
    if (!settle) return;
    let result: IceCollectionCheckResult;
    try {
      result = this.options.check(
        {
          callId: this.options.callId,
          callOperation: this.options.operation,
          reason,
          iceCandidates: [...this.candidates],
          iceCollectionDuration: this.now() - this.startedAt,
          iceGatheringState: this.restarting ? 'gathering' : this.pc.iceGatheringState,
          rtcPeerConnectionConfig: this.pc.getConfiguration(),
          rtcLocalSessionDescription: this.pc.localDescription?.sdp ?? '',
        },
        { ...this.options.timeouts },
      );
    } catch (error) {
      settle(failure('The ICE collection check function threw', error));
      return;
    }
    const type = typeof result === 'object' && result !== null ? result.type : undefined;
    if (type === 'StartCall') {
      settle();
    } else if (type === 'Error') {
      const e = (result as { error?: unknown }).error;
      const message = e instanceof Error ? e.message : typeof e === 'string' && e ? e : 'The ICE collection check reported an error.';
      settle(failure(this.serverErrors.length ? `${message} ICE server errors: ${this.serverErrors.join('; ')}.` : message));
    } else if (type === 'Wait') {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      const wait = (result as { wait?: unknown }).wait;
      if (typeof wait === 'number' && Number.isFinite(wait) && wait >= 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.evaluate('Scheduled');
        }, wait);
      }
    } else {
      settle(failure(`The ICE collection check returned an invalid result: ${safeJson(result)}.`));
    }
  }

  /** For a renegotiation on a connection whose gathering is already complete: the candidates in the current description. */
  private seedFromDescription(): void {
    const sdp = this.pc.localDescription?.sdp ?? '';
    let mLine = -1;
    let mid: string | null = null;
    for (const line of sdp.split(/\r?\n/)) {
      if (line.startsWith('m=')) {
        mLine++;
        mid = null;
      } else if (line.startsWith('a=mid:')) {
        mid = line.slice(6).trim();
      } else if (line.startsWith('a=candidate:')) {
        const init = { candidate: line.slice(2).trim(), sdpMid: mid, sdpMLineIndex: mLine };
        const type = / typ (\w+)/.exec(init.candidate)?.[1];
        this.candidates.push(
          typeof RTCIceCandidate === 'function'
            ? new RTCIceCandidate(init)
            : ({ ...init, type, toJSON: () => init } as unknown as RTCIceCandidate),
        );
      }
    }
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
