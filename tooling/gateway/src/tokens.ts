/** Issued bearer / access tokens (§1.3) with expiry. */
import { randomId } from './ids';
import type { Store } from './store';
import type { TokenKind } from './types';

interface TokenRecord {
  username: string;
  kind: TokenKind;
  expiresAt: number;
}

/** Outcome of a token check. */
export type TokenCheck = { ok: true; username: string } | { ok: false; reason: 'unknown' | 'expired' };

/** Issued tokens: in memory, written through to the store and restored from it at start. */
export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(private readonly store: Store) {
    for (const { id, username, kind, expiresAt } of store.tokens.list()) this.tokens.set(id, { username, kind, expiresAt });
  }

  /** Issues a new token (≥ 128 bits of randomness). */
  issue(username: string, kind: TokenKind, ttlSeconds = 3600): string {
    if (kind !== 'bearer' && kind !== 'access') throw new TypeError('token kind must be "bearer" or "access"');
    if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds)) throw new TypeError('ttlSeconds must be a number');
    const token = randomId(kind === 'bearer' ? 'BT' : 'AT', 24);
    const rec = { username, kind, expiresAt: Date.now() + ttlSeconds * 1000 };
    this.tokens.set(token, rec);
    this.store.tokens.put({ id: token, ...rec });
    return token;
  }

  /** Marks a token expired; false when unknown. */
  expire(token: string): boolean {
    const rec = this.tokens.get(token);
    if (!rec) return false;
    rec.expiresAt = 0;
    this.store.tokens.put({ id: token, ...rec });
    return true;
  }

  /** Checks a token of the given kind (a token of the other kind counts as unknown). */
  check(token: string, kind: TokenKind): TokenCheck {
    const rec = this.tokens.get(token);
    if (!rec || rec.kind !== kind) return { ok: false, reason: 'unknown' };
    if (Date.now() >= rec.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, username: rec.username };
  }
}
