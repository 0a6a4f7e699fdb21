/**
 * Service names of §2.3 the gateway implements: `call` (§5), `IM` (§6), `Presence` (§7),
 * `custom` (externalnotification, §15) and `smsinbound` (inbound SMS, README "Messaging").
 * and SIP event packages `event:<package>` (§8, `sip-events.ts`).
 */
import { EVENT_TYPE } from './sip-events';

const SUPPORTED = new Set(['call', 'im', 'presence', 'custom', 'smsinbound']);

/**
 * The services granted for a request, in the client's spelling, without duplicates. Services
 * the gateway does not implement (`chat`, unknown names, malformed `event:` names) are left out, so the client sees them as not granted (PARTIAL / NONE, §2.2, §18.2).
 */
export function grantServices(requested: readonly string[]): string[] {
  const granted: string[] = [];
  const seen = new Set<string>();
  for (const name of requested) {
    const key = name.trim().toLowerCase();
    if ((!SUPPORTED.has(key) && !EVENT_TYPE.test(key)) || seen.has(key)) continue;
    seen.add(key);
    granted.push(name.trim());
  }
  return granted;
}

/** Whether `services` contains `service` (case-insensitive). */
export function hasService(services: readonly string[], service: string): boolean {
  const key = service.toLowerCase();
  return services.some((s) => s.toLowerCase() === key);
}
