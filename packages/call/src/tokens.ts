/**
 * The call plugin's tokens and extension point.
 */
import { createToken, defineExtensionPoint } from '@switchboard/core';
import type { BasicError } from '@switchboard/core';
import type { CallBackend, CallBackendFactory } from './adapters/backend';
import type { Call, CallInit } from './internal/Call';
import type { CallObject } from './types';

/**
 * Read-only access to this client's calls, for other plugins (a recorder asks whether a call has
 * ended; a presence plugin whether the user is on the phone). Values are copies, as `call.getById`.
 * Changes are announced by `call:stateChange` (which carries the new `state`).
 * @public
 */
export interface CallsService {
  /** One call, or undefined. */
  get(callId: string): CallObject | undefined;
  /** Every call of this client (ended ones included). */
  getAll(): CallObject[];
}

/**
 * One call as a plugin of this package that adds operations (transfers, join) drives it: its data,
 * its leg id and peer session, its `call:operation` tracking, its state. A narrow view of the
 * call plugin's own call object.
 * @public
 */
export type CallHandle = Pick<
  Call,
  'id' | 'data' | 'sessionId' | 'session' | 'awaitingAnswer' | 'startOp' | 'pendOp' | 'finishOp' | 'hasOp' | 'setState' | 'terminate' | 'isOver' |
  'negotiation'
>;

/**
 * The calls of this client, for the plugins of this package that add operations to the `call`
 * namespace (e.g. `callTransferPlugin()`): find a call by id or leg id, create a local call, report
 * an operation refused before it started.
 * @public
 */
export interface CallControl {
  /** The call with this id. */
  get(callId: string): CallHandle | undefined;
  /** The call of this leg id. */
  bySession(sessionId: string): CallHandle | undefined;
  /** Creates and lists a call (e.g. the joined call of `join`). */
  create(init: CallInit): CallHandle;
  /** Reports an operation refused before it started (`call:operation` FINISH with `error`). */
  refuse(callId: string, type: string, error: BasicError): void;
}

/** Services the call plugin provides to plugins registered after it. @public */
export const callTokens = Object.freeze({
  /** The active call backend (e.g. for a call-history plugin that wants the same gateway). */
  backend: createToken<CallBackend>('call.backend'),
  /** The read-only calls service. */
  calls: createToken<CallsService>('call.calls'),
  /** The calls themselves, for the operation plugins of this package ({@link CallControl}). */
  control: createToken<CallControl>('call.control'),
});

/**
 * The call backend extension point. The call plugin contributes the Link adapter as its fallback;
 * an adapter plugin replaces it by contributing its own factory in its definition:
 * `contributes: [contribute(callBackendExtensionPoint, 'my-gateway', (ctx) => myBackend(ctx))]`.
 * `callPlugin({ backend })` is a shorthand for the same contribution. Two contributions (besides
 * the fallback) fail `createClient` with `SDK_EXTENSION_CONFLICT`.
 * @public
 */
export const callBackendExtensionPoint = defineExtensionPoint<CallBackendFactory>('call.backend');

export type { CallBackendFactory };
