/**
 * Redaction of secrets in log lines. The gateway's logger passes every line through
 * {@link redact}, so no message or URL it logs carries a credential: query parameters whose name
 * mentions a token, password, secret, session, key or signature; `Authorization`, `x-token`,
 * `x-session` and cookie header values; Basic/Bearer credentials; JSON password/token fields; and
 * `x-session` ids (`ses-…`), issued tokens (`AT…`, `BT…`) and notification channel ids (`ch-…`,
 * the only credential of a Basic or HMAC client's WebSocket, §1.3), which are credentials themselves;
 * and the literal values of configured secrets (the TURN shared secret), wherever they appear.
 */

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

const SECRET_NAME = String.raw`[^\s=&#?;"']*(?:token|password|passwd|pwd|secret|session|auth|key|signature|credential)[^\s=&#?;"']*`;

/** `?token=…`, `&access_token=…`, `;x_token_id=…` (any parameter whose name mentions a secret). */
const QUERY_PARAM = new RegExp(String.raw`([?&;])(${SECRET_NAME})=([^\s&#;"']*)`, 'gi');
/** Request and response headers whose values are secrets (lower case). */
export const SECRET_HEADERS: readonly string[] = ['authorization', 'proxy-authorization', 'x-token', 'x-session', 'cookie', 'set-cookie'];

/** Names of JSON fields and query parameters that hold secrets (the structured logger's redact paths use them). */
export const SECRET_FIELDS: readonly string[] = ['password', 'token', 'access_token', 'secret', 'hmacKey', 'authorization', 'turnSecret', 'credential'];

/** `Authorization: …`, `x-session: …` up to the end of the line. */
const HEADER = new RegExp(String.raw`\b(${SECRET_HEADERS.join('|')})(\s*:\s*)[^\r\n]*`, 'gi');
/** `"password": "…"`, `'token':'…'` in serialised objects. */
const JSON_FIELD = new RegExp(String.raw`(["']${SECRET_NAME}["']\s*:\s*)(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,}]+)`, 'gi');
/** `Basic dXNlcjpwdw==`, `Bearer eyJ…` anywhere. */
const SCHEME = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]+/g;
/** `x-session` ids handed out by the gateway. */
const SESSION_ID = /\bses-[A-Za-z0-9_-]+/g;
/** Notification channel ids: whoever knows one can attach to the channel without a token (§1.3). */
const CHANNEL_ID = /\bch-[A-Za-z0-9_-]+/g;
/** Access and bearer tokens handed out by the gateway (`AT…`, `BT…`, 24 random bytes). */
const ISSUED_TOKEN = /\b(AT|BT)[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/g;

/** `text` with every secret the gateway knows of, and every literal value in `known` (and its URL-encoded form), replaced by {@link REDACTED}. */
export function redact(text: string, known: readonly string[] = []): string {
  for (const value of known) {
    if (!value) continue;
    for (const form of new Set([value, encodeURIComponent(value)])) text = text.split(form).join(REDACTED);
  }
  return text
    .replace(HEADER, `$1$2${REDACTED}`)
    .replace(QUERY_PARAM, `$1$2=${REDACTED}`)
    .replace(JSON_FIELD, `$1"${REDACTED}"`)
    .replace(SCHEME, `$1 ${REDACTED}`)
    .replace(SESSION_ID, `ses-${REDACTED}`)
    .replace(CHANNEL_ID, `ch-${REDACTED}`)
    .replace(ISSUED_TOKEN, `$1${REDACTED}`);
}
