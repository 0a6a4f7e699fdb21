/**
 * Conversation ids as the gateway keys them: `im` the peer's `user@domain` (`sip:` stripped, the
 * own domain added to a bare name, the domain lower-cased), `sms` the `+digits` number.
 */
import { messagingError } from './errors';

/**
 * The conversation id of `destination` for a conversation of `type` (`group`/`other`: as given).
 * @throws INVALID_ARGUMENT for an empty destination or an SMS one that is no phone number (3–15 digits)
 * @internal
 */
export function conversationId(destination: string, type: string, ownUser: string | undefined, method: string): string {
  const value = destination.trim();
  if (value === '' || [...value].some((c) => c.charCodeAt(0) < 0x20)) throw messagingError('INVALID_ARGUMENT', `${method}: destination must be a non-empty address without spaces or control characters.`);
  if (type === 'sms') {
    const digits = value.replace(/^tel:/i, '').replace(/[\s.()-]/g, '');
    if (!/^\+?\d{3,15}$/.test(digits)) throw messagingError('INVALID_ARGUMENT', `${method}: an sms destination must be a phone number (3–15 digits).`);
    return digits.startsWith('+') ? digits : `+${digits}`;
  }
  if (/\s/.test(value)) throw messagingError('INVALID_ARGUMENT', `${method}: destination must not contain spaces.`);
  if (type !== 'im') return value;
  const user = value.replace(/^sip:/i, '');
  const at = user.lastIndexOf('@');
  if (at > 0) return `${user.slice(0, at)}@${user.slice(at + 1).toLowerCase()}`;
  const domain = ownUser?.includes('@') ? ownUser.slice(ownUser.lastIndexOf('@') + 1).toLowerCase() : undefined;
  return domain ? `${user}@${domain}` : user;
}
