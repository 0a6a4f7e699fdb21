/**
 * The call manager: owns every call's state, performs operations by direct method calls, and
 * reports through the typed `call:*` events. Incoming signals are handled by
 * `handleCallSignal` (signals.ts), which uses the primitives below.
 */
import { BasicError, type EventBus, type Logger } from '@switchboard/core';
import type { SubscriptionView } from '@switchboard/connectivity';
import type { MediaRegistry, TrackObject } from '@switchboard/media';
import type { CallBackend } from '../adapters/backend';
import type { CallConfig } from '../config';
import { states } from '../constants';
import type {
  CallObject, CallOperation, CallState, CustomParameter, MediaConnectionState, OperationStatus, SdpHandlerFunction,
} from '../types';
import { CallAuditor } from './CallAuditor';
import { newId, snapshot, type CallRecord } from './callRecord';
import { peerConnectionConfig } from './peerConfig';
import { PeerSession, type NegotiationContext, type PeerConnectionFactory } from './PeerSession';

/** What the manager needs. @internal */
export interface CallManagerDeps {
  events: EventBus;
  logger: Logger;
  config: () => CallConfig;
  backend: CallBackend;
  media: MediaRegistry;
  subscription: SubscriptionView;
  /** The current user's id (`alice@example.com`), if known. */
  userId: () => string | undefined;
  peerFactory: PeerConnectionFactory;
}

/** Transition details of a state change. @internal */
export interface Transition {
  statusCode?: number;
  reasonText?: string;
}

/** Thrown inside a flow when the call ended while the flow was waiting. @internal */
export class CallEndedDuringOperation extends BasicError {
  constructor(op: string) {
    super('CALL_INVALID_STATE', `The call ended during the ${op} operation.`, { pluginId: 'call' });
  }
}

/** The call manager. @internal */
export class CallManager {
  private readonly calls = new Map<string, CallRecord>();
  private handlerOverride: SdpHandlerFunction[] | undefined;

  constructor(readonly deps: CallManagerDeps) {}

  // ---- records ------------------------------------------------------------------------------

  /** Creates and stores a call record. */
  create(init: Pick<CallObject, 'direction' | 'from' | 'to' | 'state'> & Partial<CallObject>, extra: Partial<CallRecord> = {}): CallRecord {
    const data: CallObject = {
      id: init.id ?? newId(),
      mediaConnectionState: 'new',
      localHold: false,
      remoteHold: false,
      localTracks: [],
      remoteTracks: [],
      remoteParticipant: {},
      bandwidth: {},
      customParameters: [],
      startTime: Date.now(),
      currentOperations: [],
      ...init,
    };
    const rec: CallRecord = { data, handlers: this.currentHandlers(), ...extra };
    this.calls.set(data.id, rec);
    return rec;
  }

  get(callId: string): CallRecord | undefined {
    return this.calls.get(callId);
  }

  bySession(sessionId: string): CallRecord | undefined {
    for (const rec of this.calls.values()) if (rec.sessionId === sessionId) return rec;
    return undefined;
  }

  all(): CallRecord[] {
    return [...this.calls.values()];
  }

  getAll(): CallObject[] {
    return this.all().map((r) => snapshot(r.data));
  }

  getById(callId: string): CallObject | undefined {
    const rec = this.calls.get(callId);
    return rec ? snapshot(rec.data) : undefined;
  }

  // ---- SDP handlers -------------------------------------------------------------------------

  /** Replaces the SDP handlers for future calls (`call.setSdpHandlers`). */
  setSdpHandlers(handlers: SdpHandlerFunction[]): void {
    this.handlerOverride = [...handlers];
  }

  currentHandlers(): SdpHandlerFunction[] {
    return [...(this.handlerOverride ?? this.deps.config().sdpHandlers ?? [])];
  }

  // ---- operations ---------------------------------------------------------------------------

  startOp(rec: CallRecord, type: string, isLocal = true): CallOperation {
    const op: CallOperation = { id: newId(), type, status: 'ONGOING', isLocal };
    rec.data.currentOperations.push(op);
    this.deps.logger.action(`call:${type}`, { callId: rec.data.id, operationId: op.id, isLocal });
    this.emitOp(rec.data.id, op, 'START');
    return op;
  }

  pendOp(rec: CallRecord, op: CallOperation): void {
    if (op.status === 'PENDING' || !rec.data.currentOperations.includes(op)) return;
    const previous = { operation: op.type, status: op.status };
    op.status = 'PENDING';
    this.emitOp(rec.data.id, op, 'UPDATE', previous);
  }

  finishOp(rec: CallRecord, op: CallOperation, error?: BasicError): void {
    const ops = rec.data.currentOperations;
    const i = ops.indexOf(op);
    if (i < 0) return;
    ops.splice(i, 1);
    if (error) this.deps.logger.warn(`${op.type} failed for call ${rec.data.id}`, error);
    this.emitOp(rec.data.id, op, 'FINISH', { operation: op.type, status: op.status }, error);
  }

  /** Reports an operation that was refused before it started (bad input, wrong state, unknown call). */
  refuse(callId: string, type: string, error: BasicError): void {
    this.deps.logger.warn(`${type} refused for call ${callId}`, error);
    const op: CallOperation = { id: newId(), type, status: 'ONGOING', isLocal: true };
    queueMicrotask(() => this.emitOp(callId, op, 'FINISH', { operation: type, status: op.status }, error));
  }

  hasOp(rec: CallRecord, ...types: string[]): boolean {
    return rec.data.currentOperations.some((o) => types.includes(o.type));
  }

  private emitOp(callId: string, op: CallOperation, transition: 'START' | 'UPDATE' | 'FINISH', previous?: { operation: string; status: OperationStatus }, error?: BasicError): void {
    this.deps.events.emit('call:operation', {
      callId, operation: op.type, operationId: op.id, transition, isLocal: op.isLocal,
      ...(previous ? { previous } : {}), ...(error ? { error } : {}),
    });
  }

  // ---- state --------------------------------------------------------------------------------

  setState(rec: CallRecord, state: CallState, transition: Transition = {}, error?: BasicError, hold?: { localHold?: boolean; remoteHold?: boolean }): void {
    const d = rec.data;
    const previous = { state: d.state, localHold: d.localHold, remoteHold: d.remoteHold };
    if (hold?.localHold !== undefined) d.localHold = hold.localHold;
    if (hold?.remoteHold !== undefined) d.remoteHold = hold.remoteHold;
    if (previous.state === state && previous.localHold === d.localHold && previous.remoteHold === d.remoteHold) return;
    d.state = state;
    this.deps.logger.info(`call ${d.id}: ${previous.state} → ${state}`);
    this.deps.logger.action('call:stateChange', { callId: d.id, state, transition }, () => ({
      before: previous,
      after: { state, localHold: d.localHold, remoteHold: d.remoteHold },
    }));
    this.deps.events.emit('call:stateChange', { callId: d.id, state, previous, transition: { ...transition }, ...(error ? { error } : {}) });
  }

  isEnded(rec: CallRecord): boolean {
    return rec.data.state === states.ENDED;
  }

  /** Throws when the call ended while a flow waited. */
  assertAlive(rec: CallRecord, op: string): void {
    if (this.isEnded(rec) || rec.data.state === states.CANCELLED) throw new CallEndedDuringOperation(op);
  }

  /**
   * Ends (or cancels) a call locally: stops auditing (not for Cancelled, §5.16), closes the peer
   * connection, removes its tracks (stopping local ones), and changes the state.
   */
  terminate(rec: CallRecord, state: typeof states.ENDED | typeof states.CANCELLED, transition: Transition = {}, error?: BasicError): void {
    const d = rec.data;
    if (d.state === states.ENDED || d.state === state) return;
    if (state === states.ENDED) rec.auditor?.stop();
    if (rec.session) {
      rec.session.close();
      this.setMediaConnectionState(rec, 'closed');
      // Ended calls stay listed by getAll(); drop the closed peer connection so it can be collected.
      rec.session = undefined;
    }
    rec.remoteOffer = undefined;
    this.releaseTracks(rec);
    d.endTime = Date.now();
    const waiting = rec.awaitingAnswer;
    rec.awaitingAnswer = undefined;
    this.setState(rec, state, transition, error);
    if (waiting) this.finishOp(rec, waiting, new CallEndedDuringOperation(waiting.type));
  }

  setMediaConnectionState(rec: CallRecord, state: MediaConnectionState): void {
    const previous = rec.data.mediaConnectionState;
    if (previous === state) return;
    rec.data.mediaConnectionState = state;
    this.deps.events.emit('call:mediaConnectionChange', { callId: rec.data.id, previous: { state: previous } });
  }

  // ---- media --------------------------------------------------------------------------------

  /** Adopts newly created local media into the call and reports it. */
  addLocalMedia(rec: CallRecord, media: { id: string; tracks: TrackObject[] }): void {
    const ids = media.tracks.map((t) => t.id);
    rec.data.localTracks.push(...ids);
    if (!ids.length) return;
    this.deps.events.emit('call:newMedia', { callId: rec.data.id, local: true, tracks: media.tracks, mediaId: media.id });
    this.deps.events.emit('call:tracksAdded', { callId: rec.data.id, trackIds: ids });
  }

  private releaseTracks(rec: CallRecord): void {
    const d = rec.data;
    const groups: Array<[boolean, string[]]> = [[true, d.localTracks], [false, d.remoteTracks]];
    const all = [...d.localTracks, ...d.remoteTracks];
    if (!all.length) return;
    const objects = groups.map(([local, ids]) => [local, ids.map((id) => this.deps.media.getTrack(id)).filter((t): t is TrackObject => !!t)] as const);
    d.localTracks = [];
    d.remoteTracks = [];
    this.deps.events.emit('call:tracksRemoved', { callId: d.id, trackIds: all });
    try {
      this.deps.media.removeTracks(all);
    } catch (error) {
      this.deps.logger.warn('media registry failed to remove tracks', error);
    }
    for (const [local, tracks] of objects) if (tracks.length) this.deps.events.emit('call:removedMedia', { callId: d.id, local, tracks });
  }

  /** Creates the call's peer connection with the configured ICE servers (+ server TURN credentials). */
  createSession(rec: CallRecord): PeerSession {
    const peer = peerConnectionConfig(this.deps.config(), this.deps.subscription.turnCredentials(), this.deps.logger);
    const session = new PeerSession(this.deps.peerFactory, peer, {
      onTrack: (track, stream) => this.onRemoteTrack(rec, track, stream),
      onMediaConnectionState: (state) => this.setMediaConnectionState(rec, state),
    }, this.deps.logger);
    rec.session = session;
    return session;
  }

  private onRemoteTrack(rec: CallRecord, track: MediaStreamTrack, stream: MediaStream | undefined): void {
    if (this.isEnded(rec)) return;
    const known = this.deps.media.findByNative(track);
    if (known && rec.data.remoteTracks.includes(known.id)) return;
    let obj: TrackObject;
    try {
      obj = this.deps.media.addRemoteTrack(track, stream, { callId: rec.data.id });
    } catch (error) {
      this.deps.logger.error('media registry failed to adopt a remote track', error);
      return;
    }
    rec.data.remoteTracks.push(obj.id);
    this.deps.events.emit('call:newMedia', { callId: rec.data.id, local: false, tracks: [obj], mediaId: obj.streamId });
    this.deps.events.emit('call:tracksAdded', { callId: rec.data.id, trackIds: [obj.id] });
  }

  /** The negotiation context of one operation on a call. */
  negotiation(rec: CallRecord, operation: string): NegotiationContext {
    const cfg = this.deps.config();
    return {
      callId: rec.data.id,
      operation,
      handlers: rec.handlers,
      pipeline: { removeBundling: cfg.removeBundling, bandwidth: rec.data.bandwidth },
      check: cfg.iceCollectionCheckFunction,
      timeouts: { iceCollectionIdealTimeout: cfg.iceCollectionIdealTimeout, iceCollectionMaxTimeout: cfg.iceCollectionMaxTimeout },
    };
  }

  // ---- audit --------------------------------------------------------------------------------

  startAudit(rec: CallRecord): void {
    const sessionId = rec.sessionId;
    if (!sessionId || rec.auditor || this.isEnded(rec)) return;
    rec.auditor = new CallAuditor(
      () => this.deps.backend.audit(sessionId),
      () => this.deps.config().callAuditTimer,
      () => this.terminate(rec, states.ENDED, { statusCode: 9909, reasonText: 'The call session no longer exists on the server' }),
      this.deps.logger,
    );
    rec.auditor.start();
  }

  /** Emits `call:customParameters` when a notification carried some. */
  reportCustomParameters(rec: CallRecord, params: unknown): void {
    if (!Array.isArray(params)) return;
    const valid = params.filter((p): p is CustomParameter => !!p && typeof p.name === 'string' && typeof p.value === 'string');
    if (valid.length) this.deps.events.emit('call:customParameters', { callId: rec.data.id, customParameters: valid.map((p) => ({ name: p.name, value: p.value })) });
  }

  /** Ends every call (client destroy): best-effort DELETE, local release. */
  dispose(): void {
    for (const rec of this.calls.values()) {
      rec.auditor?.stop();
      if (this.isEnded(rec)) continue;
      if (rec.sessionId && rec.data.state !== states.CANCELLED) void this.deps.backend.end(rec.sessionId).catch(() => undefined);
      this.terminate(rec, states.ENDED, { reasonText: 'SDK destroyed' });
    }
  }
}
