/**
 * The Link requests of forward (protocol §5.7) and of the direct and consultative transfers
 * (§5.13, §5.14), over the connectivity plugin's transport. Every method rejects with
 * `CALL_REQUEST_FAILED` for a gateway refusal, or the transport's `NETWORK_ERROR`/`ABORTED`.
 */
import type { LinkTransport } from '@switchboard/connectivity';
import { failed } from '../adapters/link';

/** The transfer requests. @internal */
export interface TransferRequests {
  /** Deflects an unanswered incoming leg to `address` (`calldisposition` forward). */
  forward(sessionId: string, address: string): Promise<void>;
  /** Transfers the far end of `sessionId` to `address` (direct), or, with `otherSessionId`, to the far end of that call (consultative). */
  transfer(sessionId: string, address: string, otherSessionId?: string): Promise<void>;
}

/** The Link transfer requests over `transport`. @internal */
export function linkTransferRequests(transport: Pick<LinkTransport, 'request' | 'userPath'>): TransferRequests {
  return {
    async forward(sessionId, address) {
      const res = await transport.request(`${transport.userPath()}/calldisposition`, {
        method: 'POST',
        body: { callDispositionRequest: { action: 'forward', sessionData: sessionId, address } },
      });
      if (!res.ok) throw failed('forward', res);
    },
    async transfer(sessionId, address, otherSessionId) {
      const request: Record<string, string> = { type: 'transfer', address };
      if (otherSessionId) request.sessionData = otherSessionId;
      const res = await transport.request(`${transport.userPath()}/callControl/callSessions/${encodeURIComponent(sessionId)}`, {
        method: 'PUT',
        body: { callControlRequest: request },
      });
      if (!res.ok) throw failed('transfer', res);
    },
  };
}
