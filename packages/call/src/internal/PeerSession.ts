/**
 * A thin wrapper of one RTCPeerConnection: local tracks (with DSCP priorities), offer/answer
 * through the SDP pipeline, non-trickle ICE through the {@link IceCollector}, and callbacks for
 * remote tracks and ICE connection state changes.
 */
import type { Logger } from '@switchboard/core';
import { asCallError, endedDuring } from '../errors';
import type { IceCollectionCheckFunction, IceTimeouts, MediaConnectionState, SdpHandlerFunction } from '../types';
import { EndSignal } from './endSignal';
import { IceCollector } from './IceCollector';
import { applyNetworkPriority } from './networkPriority';
import { runSdpPipeline, type PipelineOptions } from './sdpPipeline';

/** Creates a peer connection; tests pass a fake. @public */
export type PeerConnectionFactory = (config: RTCConfiguration) => RTCPeerConnection;

/** What one negotiation step needs to know. @internal */
export interface NegotiationContext {
  callId: string;
  operation: string;
  handlers: readonly SdpHandlerFunction[];
  pipeline: PipelineOptions;
  check: IceCollectionCheckFunction;
  timeouts: IceTimeouts;
  /** Reports the steps of the negotiation (`callReportPlugin()`). */
  step?: StepHook;
}

/**
 * Reports that an inner step of an operation (a `reportEvents` type: GET_USER_MEDIA,
 * PROCESS_MEDIA_LOCAL, ICE_COLLECTION) starts; returns the function that ends it. ICE_COLLECTION
 * passes the peer connection, whose candidates the reporter may watch until the end.
 * @internal
 */
export type StepHook = (type: string, pc?: RTCPeerConnection) => () => void;

/** Callbacks of a {@link PeerSession}. @internal */
export interface PeerSessionEvents {
  onTrack(track: MediaStreamTrack, stream: MediaStream | undefined): void;
  onMediaConnectionState(state: MediaConnectionState): void;
}

/**
 * Default factory: the browser's RTCPeerConnection (a ReferenceError where there is none, which
 * the call reports as `CALL_MEDIA_FAILED`). @internal
 */
export const browserPeerConnection: PeerConnectionFactory = (config) => new RTCPeerConnection(config);

/** One call's peer connection. @internal */
export class PeerSession {
  readonly pc: RTCPeerConnection;
  private closed = false;
  /** Fired by {@link PeerSession.close}: pending browser promises never settle after `pc.close()`. */
  private readonly closing = new EndSignal();
  /** Aborts the ICE collection in progress, if any. */
  private stopCollection: (() => void) | undefined;

  constructor(factory: PeerConnectionFactory, config: RTCConfiguration, events: PeerSessionEvents, private readonly logger: Logger) {
    this.pc = factory(config);
    this.pc.addEventListener('track', (e) => {
      const event = e as RTCTrackEvent;
      events.onTrack(event.track, event.streams?.[0]);
    });
    // The ICE connection state, but `failed` once the transport failed: Chromium then reports
    // connectionState `failed` and keeps iceConnectionState at `disconnected` for good.
    const report = () => {
      if (!this.closed) events.onMediaConnectionState((this.pc.connectionState === 'failed' ? 'failed' : this.pc.iceConnectionState) as MediaConnectionState);
    };
    this.pc.addEventListener('iceconnectionstatechange', report);
    this.pc.addEventListener('connectionstatechange', report);
  }

  /**
   * Adds local tracks (one stream for all of them), then applies network priorities (best effort).
   * Without a stream where `MediaStream` is missing (Node) or refuses the tracks (proxied tracks,
   * which the remote side groups in one stream itself).
   */
  addTracks(tracks: ReadonlyArray<{ track: MediaStreamTrack; priority?: RTCPriorityType }>): void {
    let stream: MediaStream | undefined;
    try {
      stream = new MediaStream(tracks.map((t) => t.track));
    } catch {
      // no stream (see above)
    }
    for (const { track, priority } of tracks) {
      const sender = stream ? this.pc.addTrack(track, stream) : this.pc.addTrack(track);
      if (priority) void applyNetworkPriority(sender, priority, this.logger);
    }
  }

  /** Creates an offer or answer, sets it locally, waits for ICE collection; returns the SDP to send. */
  async createLocal(type: 'offer' | 'answer', ctx: NegotiationContext): Promise<string> {
    const processing = ctx.step?.('PROCESS_MEDIA_LOCAL');
    let desc: RTCSessionDescriptionInit;
    try {
      desc = await this.untilClosed(type === 'offer' ? this.pc.createOffer() : this.pc.createAnswer(), ctx.operation);
    } catch (error) {
      throw asCallError(error, 'CALL_NEGOTIATION_FAILED', `Failed to create the ${type}`);
    }
    const collector = new IceCollector(this.pc, { callId: ctx.callId, operation: ctx.operation, check: ctx.check, timeouts: ctx.timeouts });
    const stop = () => collector.abort(endedDuring(ctx.operation));
    this.stopCollection = stop;
    const collecting = ctx.step?.('ICE_COLLECTION', this.pc);
    try {
      try {
        const sdp = runSdpPipeline(desc.sdp ?? '', ctx.handlers, { callId: ctx.callId, type, step: 'set', endpoint: 'local' }, ctx.pipeline);
        await this.untilClosed(this.pc.setLocalDescription({ type, sdp }), ctx.operation);
      } catch (error) {
        throw asCallError(error, 'CALL_NEGOTIATION_FAILED', `Failed to set the local ${type}`);
      }
      if (this.closed) throw endedDuring(ctx.operation);
      await collector.run();
    } finally {
      collecting?.();
      processing?.();
      collector.dispose();
      if (this.stopCollection === stop) this.stopCollection = undefined;
    }
    const final = this.pc.localDescription?.sdp ?? '';
    try {
      return runSdpPipeline(final, ctx.handlers, { callId: ctx.callId, type, step: 'send', endpoint: 'local' }, ctx.pipeline);
    } catch (error) {
      throw asCallError(error, 'CALL_NEGOTIATION_FAILED', `An SDP handler failed on the local ${type}`);
    }
  }

  /** Sets a remote offer/answer/pranswer after the SDP pipeline. */
  async setRemote(type: RTCSdpType, sdp: string, ctx: NegotiationContext): Promise<void> {
    try {
      const processed = runSdpPipeline(sdp, ctx.handlers, { callId: ctx.callId, type, step: 'set', endpoint: 'remote' }, ctx.pipeline);
      await this.untilClosed(this.pc.setRemoteDescription({ type, sdp: processed }), ctx.operation);
    } catch (error) {
      throw asCallError(error, 'CALL_NEGOTIATION_FAILED', `Failed to set the remote ${type}`);
    }
  }

  /** The sender of the first local audio track, if any. */
  audioSender(): RTCRtpSender | undefined {
    return this.pc.getSenders().find((s) => s.track?.kind === 'audio');
  }

  /** Whether the connection has been closed. */
  isClosed(): boolean {
    return this.closed;
  }

  /** Closes the connection (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopCollection?.();
    this.closing.end();
    try {
      this.pc.close();
    } catch (error) {
      this.logger.debug('closing the peer connection failed', error);
    }
  }

  /** Waits for a browser promise unless the connection closes first (then `CALL_INVALID_STATE`). */
  private untilClosed<T>(work: Promise<T>, operation: string): Promise<T> {
    return this.closing.untilEnded(work, () => endedDuring(operation));
  }
}
