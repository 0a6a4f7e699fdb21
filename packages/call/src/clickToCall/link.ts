/** The `link` click-to-call backend: Kandy Link REST v1 `clicktocall` (protocol §13). */
import type { ClickToCallBackend, ClickToCallBackendContext, ClickToCallBackendFactory } from './backend';
import { clickToCallError } from './errors';

interface Wrapped {
  statusCode?: number | string;
  reason?: string;
}

/** Creates the Link click-to-call backend. @public */
export function linkClickToCallBackend({ transport }: ClickToCallBackendContext): ClickToCallBackend {
  return {
    name: 'link',
    async call(caller, callee) {
      const res = await transport.request<Record<string, Wrapped | undefined>>(`${transport.userPath()}/clicktocall`, {
        method: 'POST',
        body: { clickToCallRequest: { callingParty: caller, calledParty: callee } },
        // §13: any 2xx, JSON or 204; the body is not read
        expectBody: false,
      });
      if (res.ok) return;
      const body = res.body?.clickToCallResponse;
      const code = body?.statusCode ?? res.status;
      const reason = body?.reason ?? res.error?.message ?? `HTTP ${res.status}`;
      throw clickToCallError('CLICK_TO_CALL_FAILED', `clicktocall was refused by the gateway: ${reason} (statusCode ${code}).`);
    },
  };
}

/** The default click-to-call backend factory. @public */
export const linkClickToCallBackendFactory: ClickToCallBackendFactory = linkClickToCallBackend;
