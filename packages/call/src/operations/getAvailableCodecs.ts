/** `call.getAvailableCodecs`: `RTCRtpSender.getCapabilities(kind).codecs` (no call involved). */
import type { EventBus, Logger } from '@switchboard/core';
import { assertString } from '../api/validate';
import { invalidArgument } from '../errors';
import type { CallAvailableCodecsEvent } from '../events';

/** What `getAvailableCodecs` uses. @internal */
export interface GetAvailableCodecsCollaborators {
  events: Pick<EventBus, 'emit'>;
  logger: Logger;
}

/**
 * `call.getAvailableCodecs(kind)`: a non-string kind throws; another kind than 'audio'/'video'
 * rejects. Resolves with `{ kind, codecs }` and emits `call:availableCodecs`; resolves `undefined`
 * when the browser cannot tell (seed 000).
 * @internal
 */
export function getAvailableCodecsOperation(c: GetAvailableCodecsCollaborators) {
  return (kind: 'audio' | 'video'): Promise<CallAvailableCodecsEvent | undefined> => {
    assertString('getAvailableCodecs', 'kind', kind);
    if (kind !== 'audio' && kind !== 'video') {
      return Promise.reject(invalidArgument(`call.getAvailableCodecs(): kind must be 'audio' or 'video', got ${JSON.stringify(kind)}.`));
    }
    return codecs(c, kind);
  };
}

async function codecs(c: GetAvailableCodecsCollaborators, kind: 'audio' | 'video'): Promise<CallAvailableCodecsEvent | undefined> {
  const Sender = (globalThis as { RTCRtpSender?: { getCapabilities?: (k: string) => RTCRtpCapabilities | null } }).RTCRtpSender;
  const caps = Sender?.getCapabilities?.(kind);
  if (!caps) {
    c.logger.warn('call.getAvailableCodecs(): RTCRtpSender.getCapabilities is not available');
    return undefined;
  }
  const result: CallAvailableCodecsEvent = { kind, codecs: caps.codecs.map((x) => ({ ...x })) };
  c.events.emit('call:availableCodecs', result);
  return result;
}
