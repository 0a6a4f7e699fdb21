/**
 * The `link` call backend: Kandy Link REST v1 call control (protocol §5) over the connectivity
 * plugin's transport, and the call notifications (§4) from its notification registry.
 */
import type { BasicError } from '@switchboard/core';
import type { LinkResponse } from '@switchboard/connectivity';
import type { CustomParameter } from '../types';
import type { AuditResult, CallBackend, CallBackendContext, CallBackendFactory, CallStartRequest, LegState } from './backend';
import { LINK_CALL_NOTIFICATIONS, linkSignal } from './linkSignals';
import { callError } from '../errors';

/** Status code of an audit answer meaning "this leg no longer exists" (§5.16). */
const LEG_GONE = 42;

interface CallControlBody {
  callControlResponse?: { statusCode?: number | string; sessionData?: unknown; reason?: string; state?: unknown };
}

/** The `CALL_REQUEST_FAILED` error of a refused call-control request (§5.2). @internal */
export function failed(operation: string, res: LinkResponse<unknown>): BasicError {
  const wrapped = (res.body as CallControlBody | undefined)?.callControlResponse;
  const code = wrapped?.statusCode ?? res.status;
  const reason = wrapped?.reason ?? res.error?.message ?? `HTTP ${res.status}`;
  return callError('CALL_REQUEST_FAILED', `${operation} was refused by the gateway: ${reason} (statusCode ${code}).`);
}

const withParams = (body: Record<string, unknown>, customParameters?: CustomParameter[]) =>
  customParameters && customParameters.length ? { ...body, customParameters } : body;

/**
 * Creates the Link call backend.
 * @example
 * ```ts
 * callPlugin({ backend: linkCallBackend }) // the default
 * ```
 * @public
 */
export function linkCallBackend({ transport, notifications, logger }: CallBackendContext): CallBackend {
  const collection = () => `${transport.userPath()}/callControl`;
  const leg = (id: string) => `${collection()}/callSessions/${encodeURIComponent(id)}`;
  const put = async (operation: string, id: string, request: Record<string, unknown>) => {
    const res = await transport.request(leg(id), { method: 'PUT', body: { callControlRequest: request } });
    if (!res.ok) throw failed(operation, res);
  };

  return {
    name: 'link',
    async start(req: CallStartRequest) {
      const request: Record<string, unknown> = { type: 'callStart', from: req.from, to: req.to, sdp: req.sdp };
      if (req.earlyMedia) request.supported = ['earlymedia'];
      const res = await transport.request<CallControlBody>(collection(), {
        method: 'POST',
        body: { callControlRequest: withParams(request, req.customParameters) },
      });
      if (!res.ok) throw failed('callStart', res);
      const sessionId = res.body?.callControlResponse?.sessionData;
      if (typeof sessionId !== 'string' || !sessionId) {
        throw callError('CALL_REQUEST_FAILED', 'callStart response has no callControlResponse.sessionData.');
      }
      return { sessionId };
    },
    ringing: (id) => put('ringing', id, { type: 'ringing' }),
    answer: (id, sdp, cp) => put('callAnswer', id, withParams({ type: 'callAnswer', sdp }, cp)),
    async reject(id) {
      const res = await transport.request(`${transport.userPath()}/calldisposition`, {
        method: 'POST',
        body: { callDispositionRequest: { action: 'reject', sessionData: id } },
      });
      if (!res.ok) throw failed('reject', res);
    },
    async end(id) {
      const res = await transport.request(leg(id), { method: 'DELETE', expectBody: false });
      if (!res.ok) throw failed('end', res);
    },
    startUpdate: (id, sdp, cp) => put('startCallUpdate', id, withParams({ type: 'startCallUpdate', sdp }, cp)),
    respondUpdate: (id, sdp, cp) => put('respondCallUpdate', id, withParams({ type: 'respondCallUpdate', sdp }, cp)),
    async audit(id): Promise<AuditResult> {
      const res = await transport.request<CallControlBody>(leg(id), {
        method: 'PUT',
        body: { callControlRequest: { type: 'audit' } },
        timeoutMs: 4000,
      });
      if (res.ok) return 'alive';
      if (Number(res.body?.callControlResponse?.statusCode) === LEG_GONE) return 'gone';
      throw failed('audit', res);
    },
    async query(id): Promise<LegState> {
      const res = await transport.request<CallControlBody>(leg(id));
      const body = res.body?.callControlResponse;
      // any other state means "no change" (§5.17), as RINGING does
      if (res.ok) return body?.state === 'ANSWERED' ? 'ANSWERED' : 'RINGING';
      if (Number(body?.statusCode) === 47) return 'gone';
      throw failed('query', res);
    },
    sendCustomHeaders: (id, cp) => put('sendCustomHeaders', id, { type: 'sendCustomHeaders', customParameters: cp }),
    listen: (sink) =>
      notifications.register(Object.keys(LINK_CALL_NOTIFICATIONS), (n) => {
        const signal = linkSignal(n, logger);
        if (signal) sink(signal);
      }),
  };
}

/** The default backend factory: Link over the connectivity transport and notifications. @public */
export const linkCallBackendFactory: CallBackendFactory = linkCallBackend;
