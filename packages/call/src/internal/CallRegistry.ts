/**
 * The calls of one client: creates {@link Call} objects, finds them (by id for the API, by leg id
 * for the signals), reports operations refused before they started, keeps the SDP handlers for
 * future calls, and ends every call on `destroy()`. It performs no operation itself: each API
 * method lives in its own module under `../operations/`.
 */
import type { BasicError, EventBus, Logger } from '@switchboard/core';
import type { CallBackend } from '../adapters/backend';
import type { CallConfig } from '../config';
import { states } from '../constants';
import { callNotFound } from '../errors';
import { assertString } from '../api/validate';
import type { CallObject, CallOperation, SdpHandlerFunction } from '../types';
import { removePayloads } from '../sdpHandlers/codecRemover';
import { Call, emitOperation, type CallInit, type CallServices } from './Call';
import { newId, snapshot } from './callData';

/** What the registry needs besides what it hands to each call. @internal */
export interface CallRegistryServices {
  /** Shared by every call. */
  call: CallServices;
  events: Pick<EventBus, 'emit'>;
  logger: Logger;
  config: () => Pick<CallConfig, 'sdpHandlers' | 'removeH264Codecs'>;
  /** Best-effort release of the legs on `destroy()`. */
  backend: Pick<CallBackend, 'end'>;
}

/** The `call.removeH264Codecs` stage (001/002): the codec remover's removal step for H264 (and its RTX). */
const removeH264: SdpHandlerFunction = (sdp) => removePayloads(sdp, (rtp) => rtp.codec.toUpperCase() === 'H264');

/** Finds calls for the operations, refusing unknown ones. @internal */
export type CallLookup = Pick<CallRegistry, 'lookup' | 'refuse'>;

/**
 * What the mid-call plugins of this package get through `callTokens.lookup`: the {@link CallLookup},
 * plus a call by id or leg id, and the creation of a local call (the joined call of `join`). @internal
 */
export type CallLookupService = CallLookup & Pick<CallRegistry, 'get' | 'bySession' | 'create'>;

/** The calls of one client. @internal */
export class CallRegistry {
  private readonly calls = new Map<string, Call>();
  private handlerOverride: SdpHandlerFunction[] | undefined;

  constructor(private readonly services: CallRegistryServices) {}

  /** Creates and stores a call (with the SDP handlers of this moment). */
  create(init: CallInit, extra?: ConstructorParameters<typeof Call>[3]): Call {
    const call = new Call(this.services.call, init, this.currentHandlers(), extra);
    this.calls.set(call.id, call);
    return call;
  }

  /** The call with this id. */
  get(callId: string): Call | undefined {
    return this.calls.get(callId);
  }

  /** The call of this leg id. */
  bySession(sessionId: string): Call | undefined {
    for (const call of this.calls.values()) if (call.sessionId === sessionId) return call;
    return undefined;
  }

  /** Every call (ended ones included). */
  all(): Call[] {
    return [...this.calls.values()];
  }

  /** Copies of every call (`call.getAll`). */
  getAll(): CallObject[] {
    return this.all().map((c) => snapshot(c.data));
  }

  /** A copy of one call (`call.getById`). */
  getById(callId: string): CallObject | undefined {
    const call = this.calls.get(callId);
    return call ? snapshot(call.data) : undefined;
  }

  /** Finds the call of an API method or reports `CALL_NOT_FOUND` in `call:operation`. */
  lookup(method: string, op: string, callId: unknown): Call | undefined {
    assertString(method, 'callId', callId);
    const call = this.calls.get(callId);
    if (!call) this.refuse(callId, op, callNotFound(callId));
    return call;
  }

  /** Reports an operation that was refused before it started (bad input, wrong state, unknown call). */
  refuse(callId: string, type: string, error: BasicError): void {
    this.services.logger.warn(`${type} refused for call ${callId}`, error);
    const op: CallOperation = { id: newId(), type, status: 'ONGOING', isLocal: true };
    queueMicrotask(() => emitOperation(this.services.events, callId, op, 'FINISH', { operation: type, status: op.status }, error));
  }

  /** Replaces the SDP handlers for future calls (`call.setSdpHandlers`). */
  setSdpHandlers(handlers: SdpHandlerFunction[]): void {
    this.handlerOverride = [...handlers];
  }

  private currentHandlers(): SdpHandlerFunction[] {
    const config = this.services.config();
    return [...(config.removeH264Codecs ? [removeH264] : []), ...(this.handlerOverride ?? config.sdpHandlers ?? [])];
  }

  /** Ends every call (client destroy): best-effort DELETE, local release. */
  dispose(): void {
    for (const call of this.calls.values()) {
      call.stopAudit();
      if (call.isEnded()) continue;
      if (call.sessionId && !call.isOver()) void this.services.backend.end(call.sessionId).catch(() => undefined);
      call.terminate(states.ENDED, { reasonText: 'SDK destroyed' });
    }
  }
}
