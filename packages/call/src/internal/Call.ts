/**
 * One call: it owns its state (the public `CallObject` plus the leg id, the remote offer, the SDP
 * handlers and DSCP captured at creation), its peer session, its audit loop and its operation
 * tracking, and it reports every change through the typed `call:*` events. The operations
 * (`../operations/*`) and the signal handlers (`../signals/*`) drive a call only through these
 * methods; they never touch the collaborators below.
 */
import type { BasicError, EventBus, Logger } from '@switchboard/core';
import type { MediaObject, MediaRegistry, TrackObject } from '@switchboard/media';
import type { SubscriptionView } from '@switchboard/connectivity';
import type { CallBackend } from '../adapters/backend';
import type { CallConfig } from '../config';
import { states } from '../constants';
import { asCallError, endedDuring } from '../errors';
import type {
  CallMediaOptions, CallObject, CallOperation, CallState, CustomParameter, DSCPControls, MediaConnectionState, OperationStatus,
  SdpHandlerFunction,
} from '../types';
import { CallAuditor } from './CallAuditor';
import { newId } from './callData';
import { peerConnectionConfig } from './peerConfig';
import { PeerSession, type NegotiationContext, type PeerConnectionFactory, type StepHook } from './PeerSession';

/**
 * What every call of a client shares: built once by the plugin, handed to each {@link Call}.
 * @internal
 */
export interface CallServices {
  /** Emits the `call:*` events of the call. */
  events: Pick<EventBus, 'emit'>;
  logger: Logger;
  /** Negotiation, peer connection and audit settings. */
  config: () => Pick<
    CallConfig,
    'defaultPeerConfig' | 'serverTurnCredentials' | 'removeBundling' | 'iceCollectionCheckFunction' | 'iceCollectionIdealTimeout' |
    'iceCollectionMaxTimeout' | 'callAuditTimer'
  >;
  /** The track registry: local media, remote tracks, release. */
  media: Pick<MediaRegistry, 'createLocalMedia' | 'addRemoteTrack' | 'getNativeTrack' | 'findByNative' | 'removeTracks' | 'getTrack'>;
  /** The server's TURN credentials, if any. */
  subscription: Pick<SubscriptionView, 'turnCredentials'>;
  peerFactory: PeerConnectionFactory;
  /** Audits the call's leg (protocol §5.16). */
  backend: Pick<CallBackend, 'audit'>;
}

/** Transition details of a state change. @internal */
export interface Transition {
  statusCode?: number;
  reasonText?: string;
}

/** What a call starts with. @internal */
export type CallInit = Pick<CallObject, 'direction' | 'from' | 'to' | 'state'> & Partial<CallObject>;

/** One call of this client. @internal */
export class Call {
  /** The public information (`call.getById` returns a copy). */
  readonly data: CallObject;
  /** This user's leg id on the gateway (`sessionData`). */
  sessionId?: string;
  /** The peer connection (absent before media, and after the call ended). */
  session?: PeerSession;
  /** The remote offer of an incoming call (absent: slow start). */
  remoteOffer?: string;
  /** Network priorities of the call's local tracks (`dscpControls`). */
  dscp?: DSCPControls;
  /** A local operation waiting for a `respondCallUpdate` answer (slow-start answer, remote slow-start update). */
  awaitingAnswer?: CallOperation;
  /** Reports the inner steps of the call's operations (set by `callReportPlugin()`; absent without it). */
  step?: StepHook;
  private auditor?: CallAuditor;

  constructor(
    private readonly services: CallServices,
    init: CallInit,
    /** SDP handlers captured when the call was created. */
    readonly handlers: readonly SdpHandlerFunction[],
    extra: { sessionId?: string; remoteOffer?: string; dscp?: DSCPControls } = {},
  ) {
    this.data = {
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
    Object.assign(this, extra);
  }

  /** The call's id. */
  get id(): string {
    return this.data.id;
  }

  // ---- operations (`call:operation`) ---------------------------------------------------------

  /** Starts an operation: listed in `currentOperations`, `call:operation` START. */
  startOp(type: string, isLocal = true): CallOperation {
    const op: CallOperation = { id: newId(), type, status: 'ONGOING', isLocal };
    this.data.currentOperations.push(op);
    this.services.logger.action(`call:${type}`, { callId: this.id, operationId: op.id, isLocal });
    this.emitOp(op, 'START');
    return op;
  }

  /** Marks an operation as waiting for the far end (`call:operation` UPDATE to PENDING). */
  pendOp(op: CallOperation): void {
    if (op.status === 'PENDING' || !this.data.currentOperations.includes(op)) return;
    const previous = { operation: op.type, status: op.status };
    op.status = 'PENDING';
    this.emitOp(op, 'UPDATE', previous);
  }

  /** Finishes an operation (`call:operation` FINISH, with `error` on failure); no-op when already finished. */
  finishOp(op: CallOperation, error?: BasicError): void {
    const ops = this.data.currentOperations;
    const i = ops.indexOf(op);
    if (i < 0) return;
    ops.splice(i, 1);
    if (error) this.services.logger.warn(`${op.type} failed for call ${this.id}`, error);
    this.emitOp(op, 'FINISH', { operation: op.type, status: op.status }, error);
  }

  /** Whether an operation of one of `types` is under way. */
  hasOp(...types: string[]): boolean {
    return this.data.currentOperations.some((o) => types.includes(o.type));
  }

  private emitOp(op: CallOperation, transition: 'START' | 'UPDATE' | 'FINISH', previous?: { operation: string; status: OperationStatus }, error?: BasicError): void {
    emitOperation(this.services.events, this.id, op, transition, previous, error);
  }

  // ---- state --------------------------------------------------------------------------------

  /** Changes the state and hold flags; emits `call:stateChange` when anything changed. */
  setState(state: CallState, transition: Transition = {}, error?: BasicError, hold?: { localHold?: boolean; remoteHold?: boolean }): void {
    const d = this.data;
    const previous = { state: d.state, localHold: d.localHold, remoteHold: d.remoteHold };
    if (hold?.localHold !== undefined) d.localHold = hold.localHold;
    if (hold?.remoteHold !== undefined) d.remoteHold = hold.remoteHold;
    if (previous.state === state && previous.localHold === d.localHold && previous.remoteHold === d.remoteHold) return;
    d.state = state;
    this.services.logger.info(`call ${d.id}: ${previous.state} → ${state}`);
    this.services.logger.action('call:stateChange', { callId: d.id, state, transition }, () => ({
      before: previous,
      after: { state, localHold: d.localHold, remoteHold: d.remoteHold },
    }));
    this.services.events.emit('call:stateChange', { callId: d.id, state, previous, transition: { ...transition }, ...(error ? { error } : {}) });
  }

  /** Whether the call is Ended. */
  isEnded(): boolean {
    return this.data.state === states.ENDED;
  }

  /** Ended or cancelled. */
  isOver(): boolean {
    return this.isEnded() || this.data.state === states.CANCELLED;
  }

  /** Throws when the call ended while a flow waited. */
  assertAlive(op: string): void {
    if (this.isOver()) throw endedDuring(op);
  }

  /**
   * Ends (or cancels) the call locally: stops auditing (not for Cancelled, §5.16), closes the peer
   * connection, removes its tracks (stopping local ones), and changes the state.
   */
  terminate(state: typeof states.ENDED | typeof states.CANCELLED, transition: Transition = {}, error?: BasicError): void {
    const d = this.data;
    if (d.state === states.ENDED || d.state === state) return;
    if (state === states.ENDED) this.auditor?.stop();
    if (this.session) {
      this.session.close();
      this.setMediaConnectionState('closed');
      // Ended calls stay listed by getAll(); drop the closed peer connection so it can be collected.
      this.session = undefined;
    }
    this.remoteOffer = undefined;
    this.releaseTracks();
    d.endTime = Date.now();
    const waiting = this.awaitingAnswer;
    this.awaitingAnswer = undefined;
    this.setState(state, transition, error);
    if (waiting) this.finishOp(waiting, endedDuring(waiting.type));
  }

  /** Records the ICE connection state; emits `call:mediaConnectionChange` when it changed. */
  setMediaConnectionState(state: MediaConnectionState): void {
    const previous = this.data.mediaConnectionState;
    if (previous === state) return;
    this.data.mediaConnectionState = state;
    this.services.events.emit('call:mediaConnectionChange', { callId: this.id, previous: { state: previous } });
  }

  // ---- media --------------------------------------------------------------------------------

  /** Gets local media for the call and reports it (`call:newMedia`, `call:tracksAdded`). */
  async acquireLocalMedia(media: CallMediaOptions, op: string): Promise<MediaObject> {
    let local: MediaObject;
    try {
      // `finally(undefined)` passes through: no cost without a report hook
      local = await this.services.media.createLocalMedia(media, { callId: this.id }).finally(this.step?.('GET_USER_MEDIA'));
    } catch (error) {
      throw asCallError(error, 'CALL_MEDIA_FAILED', 'Could not get local media');
    }
    const ids = local.tracks.map((t) => t.id);
    if (this.isOver()) {
      this.services.media.removeTracks(ids);
      throw endedDuring(op);
    }
    this.data.localTracks.push(...ids);
    if (ids.length) {
      this.services.events.emit('call:newMedia', { callId: this.id, local: true, tracks: local.tracks, mediaId: local.id });
      this.services.events.emit('call:tracksAdded', { callId: this.id, trackIds: ids });
    }
    return local;
  }

  /** Adds the local media's tracks to the session, each with its DSCP priority. */
  addLocalTracks(session: PeerSession, local: MediaObject, media: CallMediaOptions): void {
    const dscp = this.dscp ?? {};
    const tracks = local.tracks
      .map((t) => ({ obj: t, track: this.services.media.getNativeTrack(t.id) }))
      .filter((x): x is { obj: typeof x.obj; track: MediaStreamTrack } => !!x.track)
      .map(({ obj, track }) => {
        const settings = typeof track.getSettings === 'function' ? (track.getSettings() as { displaySurface?: string }) : {};
        const screen = obj.kind === 'video' && (!!settings.displaySurface || (!!media.screen && !media.video));
        const priority = obj.kind === 'audio' ? dscp.audioNetworkPriority : screen ? dscp.screenNetworkPriority : dscp.videoNetworkPriority;
        return { track, priority };
      });
    session.addTracks(tracks);
  }

  /** The sender of one of this call's local tracks, if the track is on the peer connection. */
  senderOf(trackId: string): RTCRtpSender | undefined {
    const native = this.data.localTracks.includes(trackId) ? this.services.media.getNativeTrack(trackId) : undefined;
    return native ? this.session?.pc.getSenders().find((s) => s.track === native) : undefined;
  }

  private releaseTracks(): void {
    const d = this.data;
    const groups: Array<[boolean, string[]]> = [[true, d.localTracks], [false, d.remoteTracks]];
    const all = [...d.localTracks, ...d.remoteTracks];
    if (!all.length) return;
    const objects = groups.map(([local, ids]) => [local, ids.map((id) => this.services.media.getTrack(id)).filter((t): t is TrackObject => !!t)] as const);
    d.localTracks = [];
    d.remoteTracks = [];
    this.services.events.emit('call:tracksRemoved', { callId: d.id, trackIds: all });
    try {
      this.services.media.removeTracks(all);
    } catch (error) {
      this.services.logger.warn('media registry failed to remove tracks', error);
    }
    for (const [local, tracks] of objects) if (tracks.length) this.services.events.emit('call:removedMedia', { callId: d.id, local, tracks });
  }

  // ---- peer session -------------------------------------------------------------------------

  /**
   * Creates the call's peer connection with the configured ICE servers (+ server TURN
   * credentials); `CALL_MEDIA_FAILED` when the browser refuses.
   */
  openSession(): PeerSession {
    try {
      const peer = peerConnectionConfig(this.services.config(), this.services.subscription.turnCredentials(), this.services.logger);
      const session = new PeerSession(this.services.peerFactory, peer, {
        onTrack: (track, stream) => this.onRemoteTrack(track, stream),
        onMediaConnectionState: (state) => this.setMediaConnectionState(state),
      }, this.services.logger);
      this.session = session;
      return session;
    } catch (error) {
      throw asCallError(error, 'CALL_MEDIA_FAILED', 'Could not create the peer connection');
    }
  }

  /**
   * Replaces the peer connection with a new one that sends the same local tracks, for a far end
   * that changed (a transfer's slow-start update, §4.8): the old remote tracks are removed.
   */
  renewSession(): PeerSession {
    this.session?.close();
    const remote = this.data.remoteTracks;
    this.data.remoteTracks = [];
    if (remote.length) {
      this.services.events.emit('call:tracksRemoved', { callId: this.id, trackIds: remote });
      this.services.media.removeTracks(remote);
    }
    const session = this.openSession();
    const tracks = this.data.localTracks.map((id) => this.services.media.getTrack(id)).filter((t): t is TrackObject => !!t);
    this.addLocalTracks(session, { tracks } as unknown as MediaObject, {});
    return session;
  }

  private onRemoteTrack(track: MediaStreamTrack, stream: MediaStream | undefined): void {
    if (this.isEnded()) return;
    const known = this.services.media.findByNative(track);
    if (known && this.data.remoteTracks.includes(known.id)) return;
    let obj: TrackObject;
    try {
      obj = this.services.media.addRemoteTrack(track, stream, { callId: this.id });
    } catch (error) {
      this.services.logger.error('media registry failed to adopt a remote track', error);
      return;
    }
    this.data.remoteTracks.push(obj.id);
    // A renegotiation (the far end's removeMedia, either side's hold) takes the track out of its stream.
    stream?.addEventListener('removetrack', (e) => e.track === track && this.dropRemote(obj.id));
    this.services.events.emit('call:newMedia', { callId: this.id, local: false, tracks: [obj], mediaId: obj.streamId });
    this.services.events.emit('call:tracksAdded', { callId: this.id, trackIds: [obj.id] });
  }

  /** A remote track no longer received: off the call (`call:tracksRemoved`) and forgotten; a later `track` event re-adds it. */
  private dropRemote(id: string): void {
    const ids = this.data.remoteTracks;
    if (this.isEnded() || !ids.includes(id)) return;
    this.data.remoteTracks = ids.filter((t) => t !== id);
    this.services.events.emit('call:tracksRemoved', { callId: this.id, trackIds: [id] });
    this.services.media.removeTracks([id]);
  }

  /** The negotiation context of one operation on this call. */
  negotiation(operation: string): NegotiationContext {
    const cfg = this.services.config();
    return {
      callId: this.id,
      operation,
      step: this.step,
      handlers: this.handlers,
      pipeline: { removeBundling: cfg.removeBundling, bandwidth: this.data.bandwidth },
      check: cfg.iceCollectionCheckFunction,
      timeouts: { iceCollectionIdealTimeout: cfg.iceCollectionIdealTimeout, iceCollectionMaxTimeout: cfg.iceCollectionMaxTimeout },
    };
  }

  // ---- audit, custom parameters -------------------------------------------------------------

  /** Starts the audit loop once the call has a leg (protocol §5.16). */
  startAudit(): void {
    const sessionId = this.sessionId;
    if (!sessionId || this.auditor || this.isEnded()) return;
    this.auditor = new CallAuditor(
      () => this.services.backend.audit(sessionId),
      () => this.services.config().callAuditTimer,
      () => this.terminate(states.ENDED, { statusCode: 9909, reasonText: 'The call session no longer exists on the server' }),
      this.services.logger,
    );
    this.auditor.start();
  }

  /** Stops the audit loop (client destroy). */
  stopAudit(): void {
    this.auditor?.stop();
  }

  /** Replaces the custom parameters sent with this call's later requests (copies them). */
  setCustomParameters(params: readonly CustomParameter[]): void {
    this.data.customParameters = params.map((p) => ({ name: p.name, value: p.value }));
  }

  /** Emits `call:customParameters` when a notification carried some. */
  reportCustomParameters(params: unknown): void {
    if (!Array.isArray(params)) return;
    const valid = params.filter((p): p is CustomParameter => !!p && typeof p.name === 'string' && typeof p.value === 'string');
    if (valid.length) this.services.events.emit('call:customParameters', { callId: this.id, customParameters: valid.map((p) => ({ name: p.name, value: p.value })) });
  }
}

/** Emits one `call:operation` transition. @internal */
export function emitOperation(
  events: Pick<EventBus, 'emit'>, callId: string, op: CallOperation, transition: 'START' | 'UPDATE' | 'FINISH',
  previous?: { operation: string; status: OperationStatus }, error?: BasicError,
): void {
  events.emit('call:operation', {
    callId, operation: op.type, operationId: op.id, transition, isLocal: op.isLocal,
    ...(previous ? { previous } : {}), ...(error ? { error } : {}),
  });
}
