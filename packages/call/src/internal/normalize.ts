/**
 * Address normalization of call destinations (protocol §5.21; seed 000 SIP_URI `sip:joe@domain.com`
 * and TEL_URI `tel:+18885559876` both become `sip:<user>@<domain>`).
 */

const PHONE = /^[+#*]?[\d\s\-.()+]*\d[\d\s\-.()+]*$/;

/**
 * Normalizes an address: trims it; takes the domain after the last inner `@` (else `ownDomain`);
 * drops any scheme up to the last `:`; strips visual separators from phone numbers (keeping a
 * leading `+`, `#` or `*`); returns `sip:<user>@<domain>` (`sip:<user>` without any domain).
 * @example normalizeAddress('+1 (613) 555-0100', 'example.com') === 'sip:+16135550100@example.com'
 * @internal
 */
export function normalizeAddress(raw: string, ownDomain: string | undefined): string {
  let user = raw.trim();
  let domain = ownDomain;
  const at = user.lastIndexOf('@');
  if (at > 0 && at < user.length - 1) {
    domain = user.slice(at + 1);
    user = user.slice(0, at);
  }
  const colon = user.lastIndexOf(':');
  if (colon >= 0) user = user.slice(colon + 1);
  if (PHONE.test(user)) {
    const lead = /^[+#*]/.test(user) ? user[0] : '';
    user = lead + user.slice(lead.length).replace(/[\s\-.()+]/g, '');
  }
  return domain ? `sip:${user}@${domain}` : `sip:${user}`;
}

/** The domain of a user id (`alice@example.com` → `example.com`). @internal */
export function domainOf(userId: string | undefined): string | undefined {
  if (!userId) return undefined;
  const at = userId.lastIndexOf('@');
  return at > 0 && at < userId.length - 1 ? userId.slice(at + 1) : undefined;
}

/** `sip:bob@x` / `tel:+1` → `bob@x` / `+1` (display form of an address). @internal */
export function displayForm(address: string): string {
  return address.replace(/^(sips?|tel):/i, '');
}
