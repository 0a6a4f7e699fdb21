/** Random identifiers: unguessable channel ids, leg ids, event ids. */
import { randomBytes, randomUUID } from 'node:crypto';

/** `prefix` + `bytes` random bytes in base64url (16 bytes = 128 bits). */
export function randomId(prefix: string, bytes = 12): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** A fresh UUID (used for every notification `eventId`). */
export function eventId(): string {
  return randomUUID();
}
