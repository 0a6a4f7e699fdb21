/** Service names of §2.3: case-insensitive matching, echoing the client's spelling. */
import { HttpError } from './http';

const SUPPORTED = new Set(['call', 'im', 'presence', 'custom']);
/** Names other Kandy platforms use: recognised, never granted (→ PARTIAL on the client). */
const NOT_GRANTED = new Set(['chat', 'smsinbound', 'smsoutbound', 'sms']);

/**
 * The services granted for a request, in the client's spelling, without duplicates. Unknown
 * service strings → 403 + statusCode 37 (invalid value); known but unsupported ones are left out.
 */
export function grantServices(requested: readonly string[]): string[] {
  const granted: string[] = [];
  const seen = new Set<string>();
  for (const name of requested) {
    const key = name.trim().toLowerCase();
    const isEvent = /^event:[^\s]+$/.test(key);
    if (!SUPPORTED.has(key) && !isEvent && !NOT_GRANTED.has(key)) {
      throw new HttpError(403, 37, `Invalid service "${name}"`);
    }
    if (NOT_GRANTED.has(key) || seen.has(key)) continue;
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
