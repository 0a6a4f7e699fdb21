/**
 * Error codes of the SIP events plugin (besides core's `INVALID_ARGUMENT`), delivered in
 * `sip:error`.
 */
import { BasicError, type ErrorCodesOf } from '@switchboard/core';

/** The codes the SIP events plugin raises besides core's. @public */
export const sipErrorCodes = /* @__PURE__ */ Object.freeze({
  /** The event type's service (e.g. `event:presence`) is not part of the connectivity subscription (`services.subscribe`). */
  SIP_SERVICE_NOT_SUBSCRIBED: 'SIP_SERVICE_NOT_SUBSCRIBED',
  /** `sip.subscribe`: a subscription for the event type exists already (one per type; use `sip.update`). */
  SIP_SUBSCRIPTION_EXISTS: 'SIP_SUBSCRIPTION_EXISTS',
  /** `sip.update` / `sip.unsubscribe`: no subscription for the event type (or the gateway no longer has it). */
  SIP_SUBSCRIPTION_NOT_FOUND: 'SIP_SUBSCRIPTION_NOT_FOUND',
  /** Another operation on the same event type is still in progress (they are not interleaved). */
  SIP_OPERATION_IN_PROGRESS: 'SIP_OPERATION_IN_PROGRESS',
  /** The gateway refused a SIP event request (the message has its statusCode). */
  SIP_REQUEST_FAILED: 'SIP_REQUEST_FAILED',
} as const);

/** A code of {@link sipErrorCodes}. @public */
export type SipErrorCode = keyof typeof sipErrorCodes;

declare module '@switchboard/core' {
  interface ErrorCodeMap extends ErrorCodesOf<typeof sipErrorCodes> {}
}

/** A BasicError of the SIP events plugin. @internal */
export const sipError = (code: SipErrorCode | 'INVALID_ARGUMENT', message: string, cause?: unknown): BasicError =>
  new BasicError(code, message, { pluginId: 'sip-events', cause });
